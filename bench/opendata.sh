#!/usr/bin/env bash
# The open-data catalogue under load, measured with wrk (Debian package "wrk") against a live Nara on loopback:
# the demo plus NARA_BENCH_DATASETS (default 10,000) synthetic published datasets, then CKAN package_search
# requests — a word search, a filtered and sorted search with facets, and a harvester's page deep in an id walk.
#   bench/opendata.sh                      SQLite in a temporary data folder
set -euo pipefail
datasets=${NARA_BENCH_DATASETS:-10000}
warmup=${NARA_BENCH_WARMUP:-4s}
duration=${NARA_BENCH_DURATION:-8s}
port=${NARA_BENCH_PORT:-5092}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/nara-bench-XXXXXX)
url="http://127.0.0.1:$port"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
echo "Building (Release) into $work ..."
dotnet publish "$root/src/Nara.Web" -c Release -o "$work/app" >/dev/null
start=$(date +%s.%N)
Logging__LogLevel__Default=Warning "$work/app/nara" demo datasets "$datasets" --data "$work/data" >/dev/null
echo "seeded the demo and $datasets datasets in $(echo "$(date +%s.%N) - $start" | bc) s"

ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  "$work/app/nara" --demo --data "$work/data" --urls "$url" > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$url/health/ready" >/dev/null || { cat "$work/server.log"; exit 1; }
start=$(date +%s.%N)
count=$(curl -sf "$url/api/3/action/package_search?rows=0" | grep -o '"count":[0-9]*')
echo "first search (builds the in-memory catalogue): $count in $(echo "$(date +%s.%N) - $start" | bc) s"

search() {
  local name=$1 path=$2
  wrk -t2 -c32 -d"$warmup" "$url$path" >/dev/null
  echo "== $name: GET $path"
  wrk -t2 -c32 -d"$duration" --latency "$url$path"
}
search "word search" "/api/3/action/package_search?q=water%20budget&rows=20"
search "filter, sort, facets" "/api/3/action/package_search?fq=organization:health%20tags:schools&sort=metadata_modified%20desc&rows=100&facet.field=%5B%22tags%22,%22res_format%22%5D"
search "harvester page" "/api/3/action/package_search?rows=100&start=5000&sort=id%20asc"
search "dataset page (HTML)" "/dataset/synthetic-004321"
