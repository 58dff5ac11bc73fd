#!/usr/bin/env bash
# A burst of quick pushes against the running demo: how many Bitbucket API requests it costs, and how long until the
# development panel shows every commit. Usage: bench/push-burst.sh [pushes=5] [project dir=this one]
# The project dir may be another checkout (e.g. an older commit) to measure it side by side with this one.
set -euo pipefail
pushes=${1:-5}
project=$(readlink -f "${2:-$(dirname "$(readlink -f "$0")")/..}")
port=$((20000 + RANDOM % 10000)); sim=$((port + 1))
home=$(mktemp -d)
log="$home/run.log"
base="http://localhost:$port"; simbase="http://localhost:$sim"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

(cd "$project" && exec ./run --demo --port "$port" --sim-port "$sim" --home "$home/node") >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 600); do grep -q 'ready at http' "$log" && break; sleep 0.5; done
grep -q 'ready at http' "$log" || { echo "the demo did not start: $log"; tail -20 "$log"; exit 1; }

curl -sf -u admin:admin -H 'Content-Type: application/json' "$base/rest/dvcs/1.0/accounts" \
  -d '{"host":"bitbucket-cloud","workspace":"acme","clientId":"demo-private","clientSecret":"demo-private-secret"}' >/dev/null
# Synced, and every webhook registered (pushes before that wait for a soft sync by design).
for _ in $(seq 600); do
  ready=$(curl -sf -u admin:admin "$base/rest/dvcs/1.0/accounts" | json \
    "all(r['webhook']=='REGISTERED' and (r.get('sync') or {}).get('state')=='DONE' for a in d for r in a['repositories'] if r['linked'])" || echo False)
  [ "$ready" = True ] && break; sleep 0.5
done
[ "$ready" = True ] || { echo "the demo account did not sync"; exit 1; }
sleep 2 # let the last sync's bookkeeping settle
summary() { curl -sf -u admin:admin "$base/rest/dvcs/1.0/devinfo/DEMO-1/summary" | json "d['commits']['count']"; }
requests() { curl -sf "$simbase/_sim/stats" | json "sum(n for k, n in d['byEndpoint'].items() if ' /2.0/' in k)"; }
before_commits=$(summary); before_requests=$(requests)

start=$(date +%s%N)
for i in $(seq "$pushes"); do
  curl -sf -H 'Content-Type: application/json' "$simbase/_sim/workspaces/acme/repositories/webapp/commits" \
    -d "{\"branch\":\"main\",\"message\":\"DEMO-1 burst $i\",\"authorName\":\"Alice\",\"authorEmail\":\"alice@example.com\"}" >/dev/null
done
pushed=$(date +%s%N)
for _ in $(seq 1200); do
  [ "$(summary)" -ge $((before_commits + pushes)) ] && break; sleep 0.05
done
shown=$(date +%s%N)
[ "$(summary)" -ge $((before_commits + pushes)) ] || { echo "the panel never showed the burst"; exit 1; }
sleep 12 # longer than a push's wait for the one it builds on: any fallback soft sync has run by now
after_requests=$(requests)
echo "pushes=$pushes project=$(git -C "$project" rev-parse --short HEAD) api_requests=$((after_requests - before_requests))" \
  "pushing_ms=$(( (pushed - start) / 1000000 )) last_push_to_panel_ms=$(( (shown - pushed) / 1000000 ))"
