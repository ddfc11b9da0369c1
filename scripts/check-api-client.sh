#!/usr/bin/env bash
# The API client check: a vcr server over a fresh SQLite store holding the three-clinic-transfer scenario, and
# examples/api-client copied outside the workspace, its client generated from the server's OpenAPI document
# (openapi-typescript), type-checked against it and run (openapi-fetch). Needs the built CLI (pnpm run build:cli).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/vcr-api-client.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

vcr() { node "$root/apps/cli/dist/vcr.js" --db "sqlite:$work/vcr.db" "$@"; }
vcr import packages/core/test/fixtures/three-clinic-transfer/input.ndjson >/dev/null
token=$(vcr token create --user u-admin)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
VCR_NOW=2026-11-26T00:00:00Z vcr serve --port "$port" --files "$work/files" --no-worker >"$work/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS "$url/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done

cp -R examples/api-client "$work/app"
rm -rf "$work/app/node_modules" "$work/app/dist" "$work/app/src/api.d.ts"
cd "$work/app"
npm install --prefer-offline --no-audit --no-fund --loglevel=error
echo "--- npm run generate (openapi-typescript from $url/api/v1/openapi.json)"
VCR_URL=$url npm run generate --silent
echo "--- npm run build (the client type-checked against the generated types)"
npm run build --silent
echo "--- npm start (openapi-fetch against the test server)"
VCR_URL=$url VCR_TOKEN=$token npm start --silent
echo "api client check passed"
