#!/usr/bin/env bash
# Benchmark of the Bitbucket Cloud simulator: 1,000,000 generated commits in a 1 GiB heap, then commit-page
# requests per second on loopback (client in the same JVM), uncached (distinct pages, full objects and a sync
# client's fields=) and cached, printed as a table of medians.
# Usage: bench/simulator.sh [clientThreads=4] [secondsPerRun=6] [repeats=3] [fewClientThreads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q test-compile
  mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/simulator-bench.classpath >/dev/null
fi
exec java -Xmx1g -Xms1g -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/simulator-bench.classpath)" \
  org.dvcsconnector.refapp.simulator.bench.SimulatorBenchmark "$@"
