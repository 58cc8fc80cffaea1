#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing (PostgreSQL, Chromium), starts a throwaway
# PostgreSQL on a loopback port, builds once, and runs every test against SQLite and then PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${need[*]}. Install them (Debian: apt-get install ${need[*]}) or run this as root." >&2
    exit 1
  fi
  echo "Installing ${need[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A throwaway PostgreSQL cluster on a free loopback port, removed on exit.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/nara-pg.XXXXXX)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$pgdir"
  as_pg=(runuser -u postgres --)
fi
cleanup() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w start \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null

export PLAYWRIGHT_CHROMIUM_EXECUTABLE="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-$(command -v chromium)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Nara.slnx -c Release

passed=0; failed=0; status=0
run() {
  local label=$1; shift
  echo "== Tests on $label =="
  local log; log=$(mktemp)
  if ! env "$@" dotnet test tests/Nara.Tests -c Release --no-build 2>&1 | tee "$log"; then status=1; fi
  local line; line=$(grep -E '(Passed|Failed)!' "$log" | tail -n 1 || true)
  passed=$((passed + $(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line" | head -n1 || echo 0)))
  failed=$((failed + $(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$line" | head -n1 || echo 0)))
  [ -n "$line" ] || status=1
  rm -f "$log"
}
run SQLite NARA_TEST_DB=sqlite
run PostgreSQL NARA_TEST_DB=postgres "NARA_TEST_PG=Host=127.0.0.1;Port=$pgport;Username=postgres;Maximum Pool Size=20"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit $status || exit 1
