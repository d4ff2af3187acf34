#!/usr/bin/env bash
# Starts the built service on the embedded database (a fresh DATA_DIR), or on the PostgreSQL
# named by SMOKE_DATABASE_URL, checks readiness, that the printed credentials work, then
# restarts it and checks the data survived.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
port=${SMOKE_PORT:-39123}
log="$dir/app.log"
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT

start() {
  DATA_DIR="$dir/data" DATABASE_URL="${SMOKE_DATABASE_URL:-}" PORT=$port HOST=127.0.0.1 LOG_LEVEL=warn node dist/main.js >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "service did not become ready"; cat "$log"; exit 1
}
stop() { kill -TERM "$pid"; wait "$pid" || true; pid=; }

start
password=$(awk '/Admin password/ {print $4}' "$log")
key=$(awk '/Operator API key/ {print $4}' "$log")
[ -n "$password" ] && [ -n "$key" ] || { echo "credentials were not printed"; cat "$log"; exit 1; }
token=$(curl -sf -X POST "http://127.0.0.1:$port/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).accessToken))')
curl -sf "http://127.0.0.1:$port/v1/auth/me" -H "authorization: Bearer $token" >/dev/null
curl -sf "http://127.0.0.1:$port/v1/auth/me" -H "x-api-key: $key" | grep -q BRANCH_SYSTEM || { echo "the printed API key does not work"; exit 1; }
curl -sf -X POST "http://127.0.0.1:$port/v1/institutions" -H "authorization: Bearer $token" \
  -H 'content-type: application/json' -d '{"code":"SMOKE-BANK","name":"Smoke bank","kind":"BANK"}' >/dev/null
stop

start
grep -c "First start" "$log" | grep -qx 1 || { echo "bootstrap ran twice"; exit 1; }
token=$(curl -sf -X POST "http://127.0.0.1:$port/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).accessToken))')
curl -sf "http://127.0.0.1:$port/v1/institutions" -H "authorization: Bearer $token" | grep -q SMOKE-BANK || { echo "data did not survive a restart"; exit 1; }
curl -sf "http://127.0.0.1:$port/v1/audit/verify" -H "authorization: Bearer $token" | grep -q '"ok":true'
stop
echo "smoke run on ${SMOKE_DATABASE_URL:+PostgreSQL }${SMOKE_DATABASE_URL:-the embedded database}: ready, credentials work, data survives a restart"
