#!/usr/bin/env bash
# Sync benchmarks (issue 5): full-sync requests against the lower bound and against the legacy connector's
# paging, then ingest into PostgreSQL (embedded) by the plugin's path against a plain JDBC batch insert of the
# same rows, measured alternately in one run.
# Usage: bench/sync.sh [ingestCommits=50000] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q test-compile
  mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/sync-bench.classpath >/dev/null
fi
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/sync-bench.classpath)" \
  org.dvcsconnector.sync.SyncBenchmark "$@"
