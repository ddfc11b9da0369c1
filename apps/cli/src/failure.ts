/**
 * The one place where the CLI maps failures to exit codes and a single line on stderr (R72): 2 for bad
 * input (parameters, malformed lines, not found, tiles for a long range, a wrong environment), 1 for anything else.
 */

const badInput = new Set(["InvalidParameter", "NotFound", "MalformedLine", "RangeTooLongForTiles", "UsageError", "ConfigurationError"])

/** A command-line usage problem (unknown option value and the like). */
export class UsageError extends Error {
  readonly _tag = "UsageError"
}

/** Exit code and message for anything thrown by a command. */
export const describeFailure = (error: unknown): { code: 1 | 2; message: string } => {
  const tag = typeof error === "object" && error !== null ? (error as { _tag?: unknown })._tag : undefined
  const message = error instanceof Error ? error.message : String(error)
  if (typeof tag === "string" && badInput.has(tag)) return { code: 2, message: `vcr: ${message}` }
  return { code: 1, message: `vcr: ${message.split("\n")[0]}` }
}
