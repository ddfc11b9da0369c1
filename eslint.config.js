// Lint rules that keep the dependency direction of ARCHITECTURE.md:
// core <- store | xlsx | email <- engine <- apps, and core <- demo (pure, core's public entry only). A wrong
// arrow fails `pnpm test`.
import js from "@eslint/js"
import tseslint from "typescript-eslint"

const adapters = ["@vcr/store", "@vcr/xlsx", "@vcr/email"]
const restrict = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group], message })) }]
})

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "docs/api/**", "apps/web/generated/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off"
    }
  },
  {
    // Plain JavaScript that runs in Node: scripts/*.mjs, bench/startup-probe.cjs, the examples.
    files: ["**/*.mjs", "**/*.cjs", "examples/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } }
  },
  {
    // CommonJS files exist to be loaded by require() (examples/library-consumer/require.cjs checks exactly that).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" }
  },
  {
    files: ["packages/core/src/**/*.ts"],
    rules: {
      ...restrict(["node:*", "@vcr/*", "fs", "path", "os", "kysely", "exceljs", "nodemailer", "express", "better-sqlite3", "pg"],
        "@vcr/core is pure: it depends only on effect, @js-temporal/polyfill and croner (cron parsing)"),
      "no-restricted-globals": ["error", { name: "process", message: "core takes configuration as input" }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "core takes now as input" }]
    }
  },
  {
    // The CLI reads the environment only through apps/cli/src/environment.ts (decoded by the API's configuration).
    files: ["apps/cli/src/**/*.ts"],
    ignores: ["apps/cli/src/environment.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "read the environment through apps/cli/src/environment.ts" }]
    }
  },
  {
    // One configuration module decodes the environment at start-up; nothing else in the API reads it.
    files: ["apps/api/src/**/*.ts"],
    ignores: ["apps/api/src/config.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "read configuration through apps/api/src/config.ts" }]
    }
  },
  {
    // the demo generator is pure like core and sees core only through its public entry point
    files: ["packages/demo/src/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{
          group: ["node:*", "fs", "path", "os", "kysely", "exceljs", "nodemailer", "express", "better-sqlite3", "pg",
            "@vcr/*", "!@vcr/core", "@vcr/core/*", "../../*"],
          message: "@vcr/demo depends only on @vcr/core's public entry point, effect and @js-temporal/polyfill"
        }]
      }],
      "no-restricted-globals": ["error", { name: "process", message: "the demo takes its options as input" }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "the demo takes now as input" }]
    }
  },
  ...adapters.map((name) => ({
    files: [`packages/${name.slice(5)}/src/**/*.ts`],
    rules: restrict([...adapters.filter((a) => a !== name), "@vcr/engine", "@vcr/api", "@vcr/cli", "../../*/src/*"],
      "adapters never import each other, the engine or the apps")
  })),
  {
    files: ["packages/engine/src/**/*.ts"],
    rules: restrict(["@vcr/*/src", "@vcr/*/src/*", "@vcr/*/internal/*", "../../*", "@vcr/api", "@vcr/cli"],
      "the engine uses only the public entry points of @vcr/core, @vcr/store, @vcr/xlsx and @vcr/email")
  },
  {
    files: ["apps/api/src/**/*.ts"],
    rules: restrict(["@vcr/cli", "@vcr/cli/*", "../../cli/*", "@vcr/*/src/*", "@vcr/*/internal/*"],
      "apps never import each other, and use only the packages' public entry points")
  },
  {
    // The CLI's `serve` command is the one place an app imports another (it runs the HTTP app).
    files: ["apps/cli/src/**/*.ts"],
    ignores: ["apps/cli/src/serve.ts", "apps/cli/src/environment.ts"],
    rules: restrict(["@vcr/api", "@vcr/api/*", "../../api/*", "@vcr/*/src/*", "@vcr/*/internal/*"],
      "apps never import each other (only apps/cli/src/serve.ts runs @vcr/api), and use only the packages' public entry points")
  },
  {
    // The CLI decodes the environment with the HTTP app's one configuration module (its light subpath only).
    files: ["apps/cli/src/environment.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{ name: "@vcr/api", message: "the CLI reads the environment through @vcr/api/config, not the whole HTTP app" }],
        patterns: [{ group: ["../../api/*", "@vcr/*/src/*", "@vcr/*/internal/*"], message: "public entry points only" }]
      }]
    }
  },
  {
    files: ["apps/cli/src/serve.ts"],
    rules: restrict(["../../api/*", "@vcr/*/src/*", "@vcr/*/internal/*"], "the CLI runs the HTTP app through @vcr/api's entry point")
  }
)
