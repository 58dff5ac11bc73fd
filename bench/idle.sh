#!/usr/bin/env bash
# Idle cost (issue: "Idling costs too much"): Bitbucket API requests an hour that the safety net spends on a quiet
# workspace, before (a soft sync of every repository hourly) and after (changed-repository listing + 24 h rotation),
# side by side in one run, from the simulator's stats over a simulated day (the simulator's clock, /_sim/clock).
# Usage: bench/idle.sh [repositories=1000] [hours=24]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q -o test-compile
  mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/idle-bench.classpath >/dev/null
fi
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/idle-bench.classpath)" \
  org.dvcsconnector.sync.IdleBenchmark "$@"
