#!/usr/bin/env bash
# Case throughput against a live Nara on loopback, measured with wrk (Debian package "wrk").
#   bench/cases.sh                      SQLite in a temporary data folder
#   bench/cases.sh postgres "Host=127.0.0.1;Port=5432;Username=postgres"   a new database on that server
# Reports case submissions/s (POST /api/v1/cases/{ref}/submit, each a prepared draft submitted once),
# case-page reads/s (GET /cases/{ref}, the applicant's HTML page) and /health/live as the machine's ceiling.
set -euo pipefail
provider=${1:-sqlite}
server=${2:-}
drafts=${NARA_BENCH_DRAFTS:-45000}
warmup=${NARA_BENCH_WARMUP:-4s}
duration=${NARA_BENCH_DURATION:-8s}
connections=${NARA_BENCH_CONNECTIONS:-32}
port=${NARA_BENCH_PORT:-5091}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/warm.sh"
work=$(mktemp -d /tmp/nara-bench-XXXXXX)
url="http://127.0.0.1:$port"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
echo "Building (Release) into $work ..."
dotnet publish "$root/src/Nara.Web" -c Release -o "$work/app" >/dev/null
dotnet build "$root/bench/Nara.Bench" -c Release >/dev/null

db_env=()
if [ "$provider" = postgres ]; then
  name="nara_bench_$RANDOM$RANDOM"
  # psql takes only the server's address and credentials from the Npgsql connection string.
  pg=$(echo "$server" | tr ';' '\n' | sed -nE 's/^[[:space:]]*(Host|Server)[[:space:]]*=[[:space:]]*/host=/Ip; s/^[[:space:]]*Port[[:space:]]*=[[:space:]]*/port=/Ip; s/^[[:space:]]*(Username|User ID|User Name|User)[[:space:]]*=[[:space:]]*/user=/Ip; s/^[[:space:]]*Password[[:space:]]*=[[:space:]]*/password=/Ip' | tr '\n' ' ')
  case "$pg" in *host=*) ;; *) echo "no Host= in the connection string: $server" >&2; exit 1 ;; esac
  psql "$pg dbname=postgres" -qc "CREATE DATABASE $name" >/dev/null
  db_env=(NARA_DB="$server;Database=$name")
fi

env "${db_env[@]}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  "$work/app/nara" --demo --data "$work/data" --urls "$url" > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$url/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }

dotnet "$root/bench/Nara.Bench/bin/Release/net10.0/Nara.Bench.dll" cases-setup "$url" "$drafts" "$work/bench"
export NARA_BENCH="$work/bench"
# Warm-up (not measured), in rounds of NARA_BENCH_WARMUP until the rate settles: the runtime compiles the hot paths
# to their final tier. It submits only the last third of the drafts (the measured run starts from the first), each
# round from the first draft the round before did not take (submit.lua writes it to $NARA_BENCH/next), and stops
# early rather than start a round that might not fit in what is left.
warm_from=$((drafts * 2 / 3 + 1))
rm -f "$NARA_BENCH/next"
drain() { last=-1; while :; do n=$(ls "$work/data/mail" 2>/dev/null | wc -l); [ "$n" = "$last" ] && break; last=$n; sleep 1; done; }
warm_round_env() {
  drain
  local next=$warm_from
  [ -f "$NARA_BENCH/next" ] && next=$(cat "$NARA_BENCH/next")
  export NARA_SUBMIT_FROM=$next NARA_SUBMIT_TO=$drafts
  # The next round may be a fifth larger than the last one (and more, in flight at its end).
  [ "$1" -eq 1 ] || [ $((drafts - next + 1)) -gt $(((next - warm_previous) * 6 / 5 + connections)) ] || return 1
  warm_previous=$next
}
warm_previous=$warm_from
warm_until_steady -t2 -c"$connections" -d"$warmup" -s "$root/bench/wrk/submit.lua" "$url"
unset -f warm_round_env; unset NARA_SUBMIT_FROM NARA_SUBMIT_TO
drain
echo "== submissions ($provider, ${NARA_AUTH:-cookie}, $connections connections): POST /api/v1/cases/{ref}/submit"
wrk -t2 -c"$connections" -d"$duration" --latency -s "$root/bench/wrk/submit.lua" "$url"
# Let the confirmation emails the submissions queued drain (to DATA/mail) before measuring reads.
start=$(date +%s.%N); last=-1
while :; do n=$(ls "$work/data/mail" 2>/dev/null | wc -l); [ "$n" = "$last" ] && break; last=$n; sleep 2; done
echo "outbox drained: $last messages written by $(date +%T) ($(echo "$(date +%s.%N) - $start - 2" | bc) s after the run)"
# Warm-up (not measured): every page is rendered once and kept; the measured run then shows repeated reads.
echo "== case-page reads, cold (each of the pages read for the first time, then again): GET /cases/{ref}"
wrk -t2 -c64 -d"$warmup" --latency -s "$root/bench/wrk/read.lua" "$url"
echo "== case-page reads ($provider): GET /cases/{ref}"
wrk -t2 -c64 -d"$duration" --latency -s "$root/bench/wrk/read.lua" "$url"
echo "== ceiling: GET /health/live"
wrk -t2 -c64 -d"$duration" --latency "$url/health/live"
