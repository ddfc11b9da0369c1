/**
 * `vcr serve`, `vcr token create` and `vcr login-link`: the HTTP app and its sign-in secrets. Secrets are printed
 * once and stored only as hashes; the link's host comes from VCR_PUBLIC_URL (never from a request).
 */
import { createLoginLink, createToken, serve } from "@vcr/api"
import { NotFound } from "@vcr/core"
import type { Store } from "@vcr/store"
import { currentTime, openConfiguredStore, storeUrl, type GlobalOptions } from "./store.ts"

/** The public base URL of the page (VCR_PUBLIC_URL, else the local address). */
export const publicUrl = (port = Number(process.env.PORT ?? 8080)) => (process.env.VCR_PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "")

const knownUser = async (store: Store, userId: string) => {
  if ((await store.user(userId)) === undefined) throw new NotFound({ kind: "user", id: userId, message: `user "${userId}" not found` })
}

/** A sign-in link for a user. */
export const loginLinkFor = async (store: Store, userId: string, now: number, port?: number) => {
  await knownUser(store, userId)
  const secret = await createLoginLink(store, userId, now)
  return `${publicUrl(port)}/signin#token=${secret}`
}

export const commandToken = async (globals: GlobalOptions, userId: string) => {
  const store = await openConfiguredStore(globals)
  try {
    await knownUser(store, userId)
    process.stdout.write(`${await createToken(store, userId, currentTime())}\n`)
  } finally {
    await store.close()
  }
}

export const commandLoginLink = async (globals: GlobalOptions, userId: string) => {
  const store = await openConfiguredStore(globals)
  try {
    process.stdout.write(`${await loginLinkFor(store, userId, currentTime())}\n`)
  } finally {
    await store.close()
  }
}

export const commandServe = async (globals: GlobalOptions, options: { port: number; host: string; filesDir: string }) => {
  const store = await openConfiguredStore(globals)
  const server = await serve({ store, filesDir: options.filesDir, port: options.port, host: options.host, now: currentTime })
  process.stdout.write(`vcr serving ${storeUrl(globals)} at http://${options.host}:${server.port}/ (files in ${options.filesDir})\n`)
  const stop = async () => {
    await server.close()
    await store.close()
    process.exit(0)
  }
  process.once("SIGINT", () => void stop())
  process.once("SIGTERM", () => void stop())
  await new Promise(() => undefined)
}
