#!/usr/bin/env bash
# Lambda benchmark (prints figures; timings are noisy on 2 cores, compare within one run):
#   - cold start through the sandbox vs AWS's runtime interface client in a bare JVM (ratio, target <= 1.3x)
#   - warm invoke overhead over the handler's own time (target <= 2 ms)
#   - invokes/s from 4 clients on 4 warm environments
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -o -pl sandbox-server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="sandbox-server/target/test-classes:sandbox-server/target/classes:$(cat sandbox-server/target/bench.classpath)"
java -cp "$classpath" course.sandbox.bench.LambdaBenchmark
