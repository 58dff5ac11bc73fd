#!/usr/bin/env bash
# Wall time from `./run --demo` to its "ready at http://" line, with the jar already built.
# Each run uses a fresh home (first start: schema, demo data, simulator), then one restart on the same
# home. Usage: bench/startup.sh [runs=5] [port=2990]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
runs=${1:-5}
port=${2:-2990}
./run --help > /dev/null
[ -f target/refapp.classpath ] || mvn -B -q -DskipTests package

measure() { # home -> milliseconds until ready
  local home=$1 log start now
  log=$(mktemp)
  start=$(date +%s%N)
  ./run --demo --port "$port" --sim-port $((port + 1)) --home "$home" > "$log" 2>&1 &
  local pid=$!
  until grep -q "ready at http://" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "refapp exited:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.05
  done
  now=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$log"
  echo $(( (now - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

fresh=(); restart=()
for i in $(seq "$runs"); do
  home=$(mktemp -d)
  fresh+=("$(measure "$home")")
  restart+=("$(measure "$home")")
  rm -rf "$home"
done
echo "runs: $runs (2 cores; JVM start included)"
echo "fresh home  (ms): ${fresh[*]}  median $(printf '%s\n' "${fresh[@]}" | median)"
echo "restart     (ms): ${restart[*]}  median $(printf '%s\n' "${restart[@]}" | median)"
