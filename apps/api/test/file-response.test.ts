/**
 * A file streamed to a client that disconnects midway: the handler's promise settles and the file is closed,
 * rather than waiting for a 'finish' that never comes (a hung request holding an open file).
 */
import { createServer, request, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"
import { describe, expect, it } from "vitest"
import type { Response } from "express"
import { streamFile } from "../src/file-response.ts"

describe("streamFile", () => {
  it("settles and closes the file when the client disconnects mid-file", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a")
    const file = new Readable({ read() { this.push(chunk) } }) // a file that never ends
    let settled: Promise<unknown> | undefined
    const server = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/csv" })
      settled = streamFile(res as unknown as Response, file).then(() => "resolved", () => "rejected")
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const { port } = server.address() as AddressInfo
      await new Promise<void>((resolve) => {
        const req = request({ port, host: "127.0.0.1", path: "/" }, (res: IncomingMessage) => {
          res.once("data", () => {
            req.destroy()
            resolve()
          })
        })
        req.end()
      })
      expect(await settled).toBe("rejected")
      expect(file.destroyed).toBe(true)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
