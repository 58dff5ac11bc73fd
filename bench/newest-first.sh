#!/usr/bin/env bash
# How long until the newest 100 commits of every repository of a 40-repository workspace are visible, under the
# account's request budget (simulated clock: each Bitbucket request takes 300 ms, a budget pause passes at once; one
# job at a time). With a checkout dir (e.g. an export of an older commit), measures that one too, side by side.
# Usage: bench/newest-first.sh [other checkout dir] [repositories=40] [commits=5000] [budget=900] [latencyMs=300]
set -euo pipefail
here=$(readlink -f "$(dirname "$(readlink -f "$0")")/..")
other=${1:-}
shift || true
args=("${1:-40}" "${2:-5000}" "${3:-900}" "${4:-300}")
sources=(src/test/java/org/dvcsconnector/sync/NewestFirstBenchmark.java src/test/java/org/dvcsconnector/sync/SimulatedScheduler.java)

# Compiles the project in $1 (its main and test classes) and this benchmark against them, into $1/target/newest-first.
prepare() {
  local dir=$1
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    (cd "$dir" && mvn -B -o -q test-compile \
      && mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/newest-first.classpath >/dev/null)
  fi
  mkdir -p "$dir/target/newest-first"
  javac -nowarn -d "$dir/target/newest-first" \
    -cp "$dir/target/test-classes:$dir/target/classes:$(cat "$dir/target/newest-first.classpath")" \
    "${sources[@]/#/$here/}"
}

run() {
  local dir=$1
  (cd "$dir" && java -Xmx1g ${BENCH_JAVA_OPTS:-} \
    -cp "target/newest-first:target/test-classes:target/classes:$(cat target/newest-first.classpath)" \
    org.dvcsconnector.sync.NewestFirstBenchmark "${args[@]}" 2>/dev/null | grep -v '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]')
}

label() { git -C "$1" rev-parse --short HEAD 2>/dev/null || cat "$1/.commit" 2>/dev/null || echo "$1"; }

prepare "$here"
after=$(run "$here")
if [[ -z "$other" ]]; then
  echo "== $(label "$here") (this checkout)"; echo "$after"; exit 0
fi
other=$(readlink -f "$other")
prepare "$other"
before=$(run "$other")
echo "== before: $(label "$other") ($other)"; echo "$before"
echo "== after: $(label "$here") (this checkout)"; echo "$after"
echo
printf '%-48s %-30s %-30s\n' "" "before" "after"
paste -d'|' <(echo "$before" | grep ' after ') <(echo "$after" | grep ' after ') | while IFS='|' read -r b a; do
  what=$(echo "$b" | sed 's/ after .*//' | sed 's/ *$//')
  printf '%-48s %-30s %-30s\n' "$what" "$(echo "$b" | sed 's/.* after *//')" "$(echo "$a" | sed 's/.* after *//')"
done
