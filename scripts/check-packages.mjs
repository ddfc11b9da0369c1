// Checks what every published package (packages/* without "private") promises a team that adopts it, so a
// new package cannot ship without it: an `effect` peer of ^4.1.0; an exact exports map whose published entries
// have `types`, `import` and `default` (so require() works on Node >= 20.19); LICENSE and README in the tarball.
// Run by `pnpm lint`; prints every problem and exits 1 if there is any.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const license = readFileSync(join(root, "LICENSE"), "utf8")
const problems = []

for (const folder of readdirSync(join(root, "packages"))) {
  const dir = join(root, "packages", folder)
  if (!existsSync(join(dir, "package.json"))) continue
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  if (pkg.private === true) continue
  const fail = (rule) => problems.push(`packages/${folder}/package.json (${pkg.name}): ${rule}`)
  if (pkg.type !== "module") fail(`"type" must be "module"`)
  if (pkg.sideEffects !== false) fail(`"sideEffects" must be false`)
  if (pkg.license !== "MIT") fail(`"license" must be "MIT"`)
  if (pkg.peerDependencies?.effect !== "^4.1.0") fail(`peerDependencies.effect must be "^4.1.0" (got ${JSON.stringify(pkg.peerDependencies?.effect)})`)
  if (pkg.dependencies?.effect !== undefined) fail(`effect must be a peer dependency, not a dependency`)
  if (pkg.exports?.["./internal/*"] !== null) fail(`exports must close "./internal/*" with null`)
  const published = pkg.publishConfig?.exports
  if (published === undefined) fail(`publishConfig.exports is missing`)
  for (const [subpath, target] of Object.entries(published ?? {})) {
    if (target === null) continue
    if (!(subpath in (pkg.exports ?? {}))) fail(`publishConfig.exports["${subpath}"] has no entry in exports`)
    const keys = Object.keys(target ?? {})
    if (keys.join(",") !== "types,import,default") fail(`publishConfig.exports["${subpath}"] must have exactly types, import, default in that order (got ${keys.join(", ")})`)
    for (const key of keys) if (!String(target[key]).startsWith("./dist/")) fail(`publishConfig.exports["${subpath}"].${key} must point into ./dist/`)
  }
  for (const file of ["dist", "LICENSE", "README.md"]) if (!(pkg.files ?? []).includes(file)) fail(`"files" must list ${file}`)
  if (!existsSync(join(dir, "README.md"))) fail(`README.md is missing`)
  if (!existsSync(join(dir, "LICENSE"))) fail(`LICENSE is missing (copy the root LICENSE)`)
  else if (readFileSync(join(dir, "LICENSE"), "utf8") !== license) fail(`LICENSE differs from the root LICENSE`)
  if (pkg.engines?.node !== ">=20.19") fail(`engines.node must be ">=20.19"`)
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  process.exit(1)
}
console.log("published packages: manifests, LICENSE and README in order")
