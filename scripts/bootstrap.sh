#!/usr/bin/env bash
# Installs everything vcr needs on a fresh machine: pnpm 12.4.2 (corepack cannot fetch it here), the
# workspace's packages from the lockfile, then builds the command line (apps/cli/dist/vcr.js, what `pnpm vcr`
# runs). better-sqlite3 builds against the machine's Node headers, which live under /usr on Debian's nodejs;
# pnpm does not read npm's nodedir setting, so it is passed here.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then
  npm install --global pnpm@12.4.2 >/dev/null
fi
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
pnpm install --frozen-lockfile
pnpm run build:cli
