/**
 * Test fixtures: a real SMTP server (smtp-server) on 127.0.0.1 and a random port whose replies a test can
 * switch between accepting and rejecting, a TCP server that never greets, and a small parser of RFC 5322
 * messages (headers, multipart parts, quoted-printable and base64 bodies) to check what was sent.
 */
import { createServer } from "node:net"
import type { AddressInfo, Server, Socket } from "node:net"
import { SMTPServer } from "smtp-server"

/** How the server answers: accept, or reject at RCPT TO or at the end of DATA with a reply code. */
export type Behaviour = { readonly kind: "accept" } | { readonly kind: "reject"; readonly at: "RCPT" | "DATA"; readonly code: number }

export interface ReceivedMessage {
  readonly from: string | false
  readonly to: ReadonlyArray<string>
  readonly raw: string
}

export interface TestSmtpServer {
  readonly url: string
  readonly port: number
  readonly received: Array<ReceivedMessage>
  /** Number of TCP sessions opened so far. */
  connections(): number
  behave(behaviour: Behaviour): void
  close(): Promise<void>
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))
  })

const rejection = (code: number): Error => Object.assign(new Error(code < 500 ? "Try again later" : "No such user here"), { responseCode: code })

export const startSmtpServer = async (initial: Behaviour = { kind: "accept" }): Promise<TestSmtpServer> => {
  let behaviour = initial
  let connections = 0
  const received: Array<ReceivedMessage> = []
  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect: (_session, callback) => {
      connections += 1
      callback()
    },
    onRcptTo: (_address, _session, callback) => {
      if (behaviour.kind === "reject" && behaviour.at === "RCPT") return callback(rejection(behaviour.code))
      callback()
    },
    onData: (stream, session, callback) => {
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        if (behaviour.kind === "reject" && behaviour.at === "DATA") return callback(rejection(behaviour.code))
        received.push({
          from: session.envelope.mailFrom === false ? false : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8")
        })
        callback()
      })
    }
  })
  const port = await listen(smtp.server)
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    connections: () => connections,
    behave: (next) => {
      behaviour = next
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve()))
  }
}

/** A TCP server that accepts connections and never says anything (no SMTP greeting). */
export const startSilentServer = async (): Promise<{ url: string; close(): Promise<void> }> => {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on("error", () => undefined)
    socket.on("close", () => sockets.delete(socket))
  })
  const port = await listen(server)
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export const closedPort = async (): Promise<number> => {
  const server = createServer()
  const port = await listen(server)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface ParsedPart {
  readonly headers: Map<string, string>
  readonly body: string
}

export interface ParsedMessage extends ParsedPart {
  readonly parts: ReadonlyArray<ParsedPart>
}

const splitHeaders = (raw: string): { headers: Map<string, string>; body: string } => {
  const text = raw.replace(/\r\n/g, "\n")
  const end = text.indexOf("\n\n")
  const head = end < 0 ? text : text.slice(0, end)
  const body = end < 0 ? "" : text.slice(end + 2)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":")
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { headers, body }
}

const decodeBody = (headers: Map<string, string>, body: string): string => {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase()
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    return Buffer.from(bytes, "latin1").toString("utf8")
  }
  return body
}

/** Parses a message into its headers (lower-case names, unfolded) and, when multipart, its decoded parts. */
export const parseMessage = (raw: string): ParsedMessage => {
  const { headers, body } = splitHeaders(raw)
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get("content-type") ?? "")?.[1]
  if (boundary === undefined) return { headers, body: decodeBody(headers, body), parts: [] }
  const parts = body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith("--"))
    .map((chunk) => {
      const part = splitHeaders(chunk.replace(/^\n/, ""))
      return { headers: part.headers, body: decodeBody(part.headers, part.body.replace(/\n$/, "")) }
    })
  return { headers, body, parts }
}

/** The decoded body of the part whose Content-Type starts with `type`. */
export const partOf = (message: ParsedMessage, type: string): string | undefined =>
  message.parts.find((part) => (part.headers.get("content-type") ?? "").toLowerCase().startsWith(type))?.body
