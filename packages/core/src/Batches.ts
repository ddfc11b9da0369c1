/**
 * Rows in batches: a stream read an array at a time costs one await per batch instead of one per row, which
 * matters for reports of a million rows. A row stream may also offer its rows in batches (`batched`); writers
 * read any stream through `read`, which takes those batches when offered and groups the rows otherwise.
 */

const key = Symbol.for("@vcr/core/batches")

/** Rows that can also be read in batches (arrays in order): each way of reading starts the stream anew. */
export interface Batched<R> extends AsyncIterable<R> {
  readonly [key]: () => AsyncIterable<ReadonlyArray<R>>
}

/** How many rows `read` puts in a batch of a stream that does not offer its own. */
const size = 256

/** A row stream read one row at a time or, through `read`, as the given batches. */
export const batched = <R>(batches: () => AsyncIterable<ReadonlyArray<R>>): Batched<R> => ({
  [key]: batches,
  [Symbol.asyncIterator]: async function* () {
    for await (const batch of batches()) yield* batch
  }
})

const isBatched = <R>(rows: AsyncIterable<R> | Iterable<R>): rows is Batched<R> => key in rows

/** The rows of a stream in batches, in order: the stream's own batches when it offers them (see `batched`). */
export async function* read<R>(rows: AsyncIterable<R> | Iterable<R>): AsyncGenerator<ReadonlyArray<R>> {
  if (isBatched(rows)) return yield* rows[key]()
  let batch: Array<R> = []
  for await (const row of rows) {
    batch.push(row)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
