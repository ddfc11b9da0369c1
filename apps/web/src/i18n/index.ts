/**
 * The one way components read the words they show: `t()` gives the active locale's catalogue. English is the
 * only locale today; another is one more catalogue of type `Messages` and a call to `setMessages`.
 */
import { en, type Messages } from "./en.ts"

let current: Messages = en

/** The active locale's messages. */
export const t = (): Messages => current

/** Switches the catalogue (a language switch re-renders after calling this). */
export const setMessages = (messages: Messages): void => {
  current = messages
}

export type { Messages }
