/**
 * Sending a generated file as the answer: streamed from disk (memory does not grow with the file); the promise
 * settles when the answer is written, so a failure mid-stream reaches the error handler, which cuts the answer.
 */
import type { Response } from "express"
import { createReadStream } from "node:fs"

/** Streams the file at `path` into `res`. */
export const streamFile = (res: Response, path: string): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    createReadStream(path).on("error", reject).pipe(res).on("finish", () => resolve()).on("error", reject)
  })
