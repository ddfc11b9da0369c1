#!/usr/bin/env bash
# The consumer check: builds and packs every published package (packages/* not marked private) as `pnpm pack`
# would publish it, installs the tarballs with npm into a temporary copy of examples/library-consumer (outside
# the workspace, so nothing resolves to the sources), runs the example, type-checks its TypeScript twin with
# moduleResolution nodenext, and loads every package with require() from CommonJS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/vcr-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT

published=()
for manifest in packages/*/package.json; do
  if node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).private === true ? 1 : 0)' "$manifest"; then
    published+=("$(dirname "$manifest")")
  fi
done
echo "consumer check: ${published[*]}"

filters=()
for dir in "${published[@]}"; do filters+=("--filter=./$dir"); done
pnpm exec turbo run build "${filters[@]}" --output-logs=errors-only

mkdir "$work/tarballs"
for dir in "${published[@]}"; do
  (cd "$dir" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
for tarball in "$work"/tarballs/*.tgz; do
  listing=$(tar -tzf "$tarball")
  for file in package/LICENSE package/README.md package/package.json; do
    grep -qx "$file" <<<"$listing" || { echo "$(basename "$tarball") lacks ${file#package/}" >&2; exit 1; }
  done
  if tar -xOzf "$tarball" package/package.json | grep -q '"workspace:'; then
    echo "$(basename "$tarball") still has a workspace: range" >&2; exit 1
  fi
done

cp -R examples/library-consumer "$work/app"
rm -rf "$work/app/node_modules" "$work/app/out" "$work/app/package-lock.json"
cd "$work/app"
# Scripts off: our packages have none, and better-sqlite3's would download a prebuilt binary or compile for
# minutes. The workspace has already compiled the same version for this Node, so its addon is reused; any
# other version is compiled against the machine's Node headers.
npm install --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error "$work"/tarballs/*.tgz
sqlite_version=$(node -p 'require("better-sqlite3/package.json").version')
addon=$(ls -d "$root"/node_modules/.pnpm/better-sqlite3@"$sqlite_version"/node_modules/better-sqlite3/build/Release/better_sqlite3.node 2>/dev/null || true)
if [ -n "$addon" ]; then
  mkdir -p node_modules/better-sqlite3/build/Release
  cp "$addon" node_modules/better-sqlite3/build/Release/
else
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  npm rebuild better-sqlite3 --foreground-scripts
fi

echo "--- npm start"
npm start --silent
echo "--- npm run typecheck (index.ts, moduleResolution nodenext)"
npm run typecheck --silent
echo "--- npm run require (CommonJS)"
npm run require --silent
echo "consumer check passed: ${#published[@]} packages from tarballs, run, type-checked and required"
