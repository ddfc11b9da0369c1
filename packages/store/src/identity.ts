/**
 * What the store keeps of an event's identity (R13). Core's `CallEvent.identity` is the canonical JSON of the line
 * (keys sorted, `at` as epoch ms); the store keeps its SHA-256, base64 (44 characters), not the text: the text
 * doubled the `events` table (and the import's writes) for a value only ever compared for equality.
 * Stores written before kept the text itself, which always starts with "{" (a digest never does); such a stored
 * identity is still compared as text, so no migration rewrites them.
 */
import { hash } from "node:crypto"

/** The stored form of a canonical identity. */
export const identityDigest = (canonical: string): string => hash("sha256", canonical, "base64")

/** Whether a stored identity (a digest, or the text of an older store) is that of the event with `canonical` and `digest`. */
export const sameIdentity = (stored: string, canonical: string, digest: string): boolean =>
  stored.charCodeAt(0) === 123 /* "{" */ ? stored === canonical : stored === digest
