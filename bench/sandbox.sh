#!/usr/bin/env bash
# Sandbox benchmarks (they print figures; timings are noisy on 2 cores, compare within one run):
#   - authenticated STS GetCallerIdentity requests/s, one SDK client over loopback
#   - policy evaluations/s of a 20-statement policy
#   - DynamoDB: time to the first answer, warm PutItem/GetItem/Query req/s against STS, a 100k-item Scan
#   - what fault rules cost a request when none fires (ratio to no rules)
#   - /_sandbox/health latency idle, under 500 stalled heads + 100 stalled bodies, and with busy clients (target p99 < 100 ms)
#   - what the execute-api path costs a request (ratios to a direct call to the same backend and to a direct Lambda Invoke)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -pl sandbox-server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="sandbox-server/target/test-classes:sandbox-server/target/classes:$(cat sandbox-server/target/bench.classpath)"
echo "== STS GetCallerIdentity through the whole pipeline"
java -cp "$classpath" course.sandbox.bench.StsThroughputBenchmark
echo "== Policy engine"
java -cp "$classpath" course.sandbox.iam.policy.PolicyEngineBenchmark
echo "== DynamoDB: first answer, warm requests/s against STS, a 100k-item Scan"
java -cp "$classpath" course.sandbox.dynamodb.DynamoDbBenchmark
echo "== Fault rules that do not fire"
java -cp "$classpath" course.sandbox.bench.FaultRuleCostBenchmark
echo "== Health under stalled connections"
java -cp "$classpath" course.sandbox.bench.StalledConnectionsBenchmark
echo "== execute-api: a deployed REST API's HTTP_PROXY and MOCK methods against a direct call (ratio)"
java -cp "$classpath" course.sandbox.bench.ExecuteApiBenchmark
