#!/usr/bin/env bash
# Load benchmark of the development panel's REST on PostgreSQL (embedded, from Maven): 1,000,000 commits in 100
# repositories and 100,000 issues bulk-loaded with COPY, then 32 concurrent clients on /rest/api/2/myself (the
# baseline), /devinfo/{key}/summary and /devinfo/{key} for an issue with 200 commits; prints p50/p99/throughput
# and whether the targets are met, once with Java client threads and once with wrk (a light C client, installed here
# from Debian's packages if missing; the Java client costs about as much CPU per request as the server on two shared
# cores). Not part of `mvn verify`.
# Usage: bench/devinfo-load.sh [--repositories 100] [--commits 1000000] [--issues 100000] [--clients 32]
#                              [--seconds 20] [--rounds 4] [--warmup 5] [--explain] [--client java|wrk|both]
#        bench/devinfo-load.sh --small      (a quick smoke run: 20,000 commits, 2,000 issues, 5 s per endpoint)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
args=("$@")
if [[ "${1:-}" == "--small" ]]; then
  args=(--repositories 10 --commits 20000 --issues 2000 --clients 8 --seconds 6 --rounds 2 --warmup 2 "${@:2}")
fi
if ! command -v wrk >/dev/null && [[ " ${args[*]} " != *" --client java "* ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; } \
      || echo "Could not install wrk; measuring with the Java client only." >&2
  else
    echo "wrk is not installed (apt-get install wrk); measuring with the Java client only." >&2
  fi
fi
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q -DskipTests package   # the bundle, test classes and target/refapp.classpath (test scope)
fi
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=target/test-classes/logback.xml \
  -cp "target/test-classes:target/classes:$(cat target/refapp.classpath)" \
  org.dvcsconnector.bench.DevInfoLoadBenchmark --bundle "target/dvcs-connector-${version}.jar" "${args[@]}"
