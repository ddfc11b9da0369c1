/**
 * Sending a generated file as the answer: streamed from disk (memory does not grow with the file); the promise
 * settles when the answer is written, so a failure mid-stream reaches the error handler, which cuts the answer.
 * A client that goes away mid-file settles it too (the file is closed), so no handler waits for good.
 */
import type { Response } from "express"
import type { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"

/** Streams a stored file (as the engine opens it) into `res`; rejects if either side fails or the client leaves. */
export const streamFile = (res: Response, file: Readable): Promise<void> => pipeline(file, res)
