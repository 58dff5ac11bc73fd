#!/usr/bin/env bash
# Benchmark of the Bitbucket Cloud simulator: 1,000,000 generated commits in a 1 GiB heap, then commit-page
# requests per second on loopback. Usage: bench/simulator.sh [clientThreads=4] [secondsPerRun=10]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/simulator-bench.classpath >/dev/null
exec java -Xmx1g -Xms1g -XX:+UseParallelGC \
  -cp "target/test-classes:target/classes:$(cat target/simulator-bench.classpath)" \
  org.dvcsconnector.refapp.simulator.bench.SimulatorBenchmark "$@"
