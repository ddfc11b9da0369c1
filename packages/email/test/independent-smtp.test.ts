/**
 * A report-ready email through an SMTP server we did not write (Debian's python3-aiosmtpd, its Mailbox handler
 * storing into a maildir), read back with Python's strict email parser: well-formed, our From, marked as
 * automated, a plain-text part beside the HTML. Skipped without aiosmtpd, except under CI=true.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { createServer, Socket } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createMailer, reportReadyMessage } from "../src/index.ts"

const run = promisify(execFile)
/** Debian's python3 (python3-aiosmtpd), not a pyenv or venv python. */
const python = process.env.VCR_TEST_SYSTEM_PYTHON ?? "/usr/bin/python3"
const strictParser = join(import.meta.dirname, "../../../test-support/strict-mail.py")

const aiosmtpdAvailable = (): boolean => {
  if (spawnSync(python, ["-c", "import aiosmtpd"], { stdio: "ignore" }).status === 0) return true
  if (process.env.CI === "true") throw new Error(`aiosmtpd is required in CI: ${python} -c "import aiosmtpd" failed (apt-get install python3-aiosmtpd)`)
  console.warn(`Independent SMTP test skipped: ${python} has no aiosmtpd. Install it with \`apt-get install python3-aiosmtpd\` and run the tests again.`)
  return false
}

/** A port nobody listens on right now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** Resolves once something accepts connections on `port` (the server greets only after binding). */
const listening = async (port: number, child: ChildProcess) => {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`aiosmtpd exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket()
      socket.once("connect", () => {
        socket.destroy()
        resolve(true)
      })
      socket.once("error", () => resolve(false))
      socket.connect(port, "127.0.0.1")
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`aiosmtpd did not listen on ${port}`)
}

interface Parsed {
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly parts: ReadonlyArray<{ readonly type: string; readonly charset: string | null; readonly text: string }>
  readonly crlf: boolean
}

describe.skipIf(!aiosmtpdAvailable())("mail through an independent SMTP server", () => {
  let directory = ""
  let server: ChildProcess | undefined
  let port = 0

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "vcr-aiosmtpd-"))
    port = await freePort()
    server = spawn(python, ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", join(directory, "maildir")], {
      stdio: "ignore"
    })
    await listening(port, server)
  })
  afterAll(async () => {
    server?.kill()
    await rm(directory, { recursive: true, force: true })
  })

  it("delivers a well-formed report email: our From, Auto-Submitted, a plain-text and an HTML part", async () => {
    const from = "Metro Health reports <reports@metro.example>"
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, timeoutMs: 5_000 })
    const link = "https://reports.example.org/history/42?token=abc&x=1"
    const message = reportReadyMessage({ to: "alice@example.org", link, reportTitle: "Clinics — März", expiresAt: "2026-03-09 09:00 AEDT" })
    const result = await mailer.send(message)
    await mailer.close()
    expect(result.delivery).toBe("smtp")

    const { stdout } = await run(python, [strictParser, join(directory, "maildir")])
    const messages = stdout.trim().split("\n").map((line) => JSON.parse(line) as Parsed)
    expect(messages).toHaveLength(1)
    const parsed = messages[0]!
    const header = (name: string) => parsed.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v)
    expect(header("From")).toEqual([from])
    expect(header("To")).toEqual(["alice@example.org"])
    expect(header("Subject")).toEqual([message.subject])
    expect(header("Auto-Submitted")).toEqual(["auto-generated"])
    expect(header("X-Auto-Response-Suppress")).toEqual(["All"])
    expect(header("Message-ID")).toHaveLength(1)
    expect(header("Date")).toHaveLength(1)
    expect(header("Reply-To")).toEqual([])
    expect(parsed.parts.map((p) => p.type)).toEqual(["text/plain", "text/html"])
    expect(parsed.parts.every((p) => p.charset === "utf-8")).toBe(true)
    expect(parsed.parts[0]!.text.replace(/\r\n/g, "\n")).toBe(message.text.replace(/\r\n/g, "\n"))
    expect(parsed.parts[0]!.text).toContain(link)
    expect(parsed.parts[1]!.text).toContain(link.replace("&", "&amp;"))
  })
})
