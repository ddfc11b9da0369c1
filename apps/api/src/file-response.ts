/**
 * Sending a generated file as the answer: streamed from disk (memory does not grow with the file); the promise
 * settles when the answer is written, so a failure mid-stream reaches the error handler, which cuts the answer.
 */
import type { Response } from "express"
import type { Readable } from "node:stream"

/** Streams a stored file (as the engine opens it) into `res`. */
export const streamFile = (res: Response, file: Readable): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    file.on("error", reject).pipe(res).on("finish", () => resolve()).on("error", reject)
  })
