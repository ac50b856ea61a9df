#!/usr/bin/env bash
# Rewrites jbang-cli.lock: JBang's runtime dependency closure, with gson forced to a version
# that does not empty catalogs, each jar pinned by SHA-256. Needs Maven; run after a bump.
set -euo pipefail
JBANG_VERSION=${1:-0.132.1}
GSON_VERSION=${2:-2.13.2}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>course</groupId><artifactId>jbang-lock</artifactId><version>1</version>
  <dependencyManagement><dependencies><dependency>
    <groupId>com.google.code.gson</groupId><artifactId>gson</artifactId><version>$GSON_VERSION</version>
  </dependency></dependencies></dependencyManagement>
  <dependencies><dependency>
    <groupId>dev.jbang</groupId><artifactId>jbang-cli</artifactId><version>$JBANG_VERSION</version>
  </dependency></dependencies>
</project>
POM
mvn -q -f "$work/pom.xml" dependency:list -DincludeScope=runtime -DoutputFile="$work/deps.txt" -DoutputAbsoluteArtifactFilename=true
{
  echo "# JBang $JBANG_VERSION and its runtime dependencies, as groupId:artifactId:version sha256."
  echo "# gson is $GSON_VERSION, not the 2.10.1 jbang-cli asks for: 2.10.1 silently empties catalogs."
  echo "# Regenerate with .jbang/update-lock.sh after changing versions."
  sed -n 's/^ *\([^:]*\):\([^:]*\):jar:\([^:]*\):[a-z]*:\(.*\)$/\1:\2:\3 \4/p' "$work/deps.txt" | sort |
    while read -r gav jar; do echo "$gav $(sha256sum "$jar" | cut -d' ' -f1)"; done
} > "$here/jbang-cli.lock"
echo "Wrote $(grep -vc '^#' "$here/jbang-cli.lock") entries to $here/jbang-cli.lock"
