/**
 * The typed errors of core. Each carries data that names what was wrong, so every edge (CLI, HTTP)
 * can map it to one line, an exit code or a status without parsing messages.
 */
import { Schema } from "effect"

/** A run parameter broke a rule of SPEC §3 / RULINGS R23–R29. `code` names the rule. */
export class InvalidParameter extends Schema.TaggedError<InvalidParameter>()("InvalidParameter", {
  field: Schema.String,
  code: Schema.String,
  message: Schema.String
}) {}

/** An organisation or clinic that does not exist or is outside the requester's roles (R29): never "forbidden". */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  kind: Schema.String,
  id: Schema.String,
  message: Schema.String
}) {}

/** An input line broke a rule of SPEC §4 / RULINGS R1–R13. */
export class MalformedLine extends Schema.TaggedError<MalformedLine>()("MalformedLine", {
  line: Schema.Number,
  reason: Schema.String,
  message: Schema.String
}) {}

/** Tiles were asked for a long range (R67). */
export class RangeTooLongForTiles extends Schema.TaggedError<RangeTooLongForTiles>()("RangeTooLongForTiles", {
  message: Schema.String
}) {}

/** Builds a MalformedLine whose message names the line and the reason. */
export const malformed = (line: number, reason: string) =>
  new MalformedLine({ line, reason, message: `line ${line}: ${reason}` })
