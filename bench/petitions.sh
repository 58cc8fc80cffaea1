#!/usr/bin/env bash
# Petition signing and count reads against a live Nara on loopback, measured with wrk (Debian package "wrk").
#   bench/petitions.sh                      SQLite in a temporary data folder
#   bench/petitions.sh postgres "Host=127.0.0.1;Port=5432;Username=postgres"   a new database on that server
# Reports: signatures/s (POST /api/v1/petitions/1/signatures, each a new address, answered 202 after the commit that
# stores it with its confirmation email), count reads/s (GET /api/v1/petitions/1), /health/live as the machine's
# ceiling, and how fast the confirmation emails drain.
set -euo pipefail
provider=${1:-sqlite}
server=${2:-}
duration=${NARA_BENCH_DURATION:-8s}
warmup=${NARA_BENCH_WARMUP:-5s}
port=${NARA_BENCH_PORT:-5092}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/warm.sh"
work=$(mktemp -d /tmp/nara-bench-XXXXXX)
url="http://127.0.0.1:$port"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
echo "Building (Release) into $work ..."
dotnet publish "$root/src/Nara.Web" -c Release -o "$work/app" >/dev/null

db_env=()
if [ "$provider" = postgres ]; then
  name="nara_bench_$RANDOM$RANDOM"
  # psql takes only the server's address and credentials from the Npgsql connection string.
  pg=$(echo "$server" | tr ';' '\n' | sed -nE 's/^[[:space:]]*(Host|Server)[[:space:]]*=[[:space:]]*/host=/Ip; s/^[[:space:]]*Port[[:space:]]*=[[:space:]]*/port=/Ip; s/^[[:space:]]*(Username|User ID|User Name|User)[[:space:]]*=[[:space:]]*/user=/Ip; s/^[[:space:]]*Password[[:space:]]*=[[:space:]]*/password=/Ip' | tr '\n' ' ')
  case "$pg" in *host=*) ;; *) echo "no Host= in the connection string: $server" >&2; exit 1 ;; esac
  psql "$pg dbname=postgres" -qc "CREATE DATABASE $name" >/dev/null
  db_env=(NARA_DB="$server;Database=$name")
fi

# The load generator is one address: put its network on the signing rate limit's allow-list, as for a carrier's NAT.
env "${db_env[@]}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Petitions__RateLimit__AllowNetworks__0=127.0.0.0/24 \
  "$work/app/nara" --demo --data "$work/data" --urls "$url" > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$url/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
curl -sf "$url/api/v1/petitions/1" >/dev/null || { echo "The demo has no open petition 1" >&2; exit 1; }
# Let the demo's own emails drain first.
last=-1; while :; do n=$(ls "$work/data/mail" 2>/dev/null | wc -l); [ "$n" = "$last" ] && break; last=$n; sleep 2; done
before=$last

# Warm-up (not measured), in rounds of NARA_BENCH_WARMUP until the rate settles: the runtime compiles the hot paths
# to their final tier. Its emails drain before the measured run, so that the run starts as a surge would, with an
# empty outbox.
drain() { while :; do n=$(ls "$work/data/mail" | wc -l); [ "$n" = "$last" ] && break; last=$n; sleep 1; done; }
# Every round with new addresses, after the emails of the round before it have drained.
warm_round_env() { drain; export NARA_RUN="warm$1"; }
warm_until_steady -t2 -c64 -d"$warmup" -s "$root/bench/wrk/sign.lua" "$url"
unset -f warm_round_env
drain
echo "== signatures ($provider): POST /api/v1/petitions/1/signatures"
NARA_RUN=run wrk -t2 -c64 -d"$duration" --latency -s "$root/bench/wrk/sign.lua" "$url"
ended=$(date +%s.%N)
start_count=$(ls "$work/data/mail" | wc -l)
while :; do n=$(ls "$work/data/mail" | wc -l); [ "$n" = "$last" ] && break; last=$n; sleep 2; done
drained=$(date +%s.%N)
seconds=$(echo "$drained - $ended - 2" | bc)
echo "confirmation emails: $((last - before)) written in all (warm-up and run); $((last - start_count)) were still queued when the run ended and were written in $seconds s after it ($(echo "($last - $start_count) / $seconds" | bc) per second)"
echo "== count reads ($provider): GET /api/v1/petitions/1"
warm_until_steady -t2 -c64 -d"$warmup" "$url/api/v1/petitions/1"
wrk -t2 -c64 -d"$duration" --latency "$url/api/v1/petitions/1"
echo "== ceiling: GET /health/live"
wrk -t2 -c64 -d"$duration" --latency "$url/health/live"
