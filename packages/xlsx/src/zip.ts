/**
 * A small streaming zip writer over Node's zlib: what an XLSX package needs and nothing more. Entries are
 * written one after another straight to the destination; a streamed entry (a worksheet) is deflated on
 * zlib's thread pool while the caller produces the next bytes, its CRC-32 taken with `zlib.crc32` on the
 * way in, its sizes in a data descriptor after it. Small entries are deflated in one call and carry their
 * sizes in the local header. ZIP64 records are written only when an entry or the archive passes 4 GiB
 * (APPNOTE 6.3.x, section 4.3.9 and 4.5.3), as archiver did: smaller workbooks stay plain zip.
 *
 * Measured against fflate and yazl in `bench/zip.ts` (bench/RESULTS.md): zlib on the thread pool overlaps the
 * row serialisation on the main thread, which a JavaScript deflater cannot.
 */
import type { Writable } from "node:stream"
import { constants, crc32, deflateRaw, deflateRawSync } from "node:zlib"

const LOCAL = 0x04034b50
const DESCRIPTOR = 0x08074b50
const CENTRAL = 0x02014b50
const END = 0x06054b50
const END64 = 0x06064b50
const LOCATOR64 = 0x07064b50
/** Bit 3: sizes in a data descriptor; bit 11: names are UTF-8. */
const STREAMED_FLAGS = 0x0008 | 0x0800
const SIZED_FLAGS = 0x0800
/** Version needed: 2.0 (deflate), 4.5 (ZIP64). */
const V20 = 20
const V45 = 45
const MAX32 = 0xffffffff
const MAX16 = 0xffff
/** An empty final deflate block (fixed Huffman codes, end of block at once): ends a streamed entry's data. */
const finalBlock = Buffer.from([0x03, 0x00])
const empty = Buffer.alloc(0)

interface EntryRecord {
  readonly name: Buffer
  readonly flags: number
  readonly method: number
  readonly crc: number
  readonly compressed: number
  readonly size: number
  readonly offset: number
}

export interface ZipOptions {
  /** zlib level, 0 (stored) to 9. */
  readonly level: number
  /** Output buffer of each deflate call; one that holds a whole deflated buffer saves a concatenation. */
  readonly chunkSize?: number
  /** The modification time written on every entry. */
  readonly modified: Date
  /** Bytes a streamed entry may hold waiting for the deflater before `write` asks the caller to wait. */
  readonly backlogLimit?: number
  /** Buffers of a streamed entry deflated at once at most (each on a thread of libuv's pool). */
  readonly concurrency?: number
  /** Sizes and offsets above which ZIP64 records are used; 4 GiB - 1 unless testing. */
  readonly zip64Above?: number
}

/** DOS date and time of `date` (UTC fields: a workbook's time carries no zone). */
const dosDateTime = (date: Date): { time: number; date: number } => {
  const year = Math.min(2107, Math.max(1980, date.getUTCFullYear()))
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()
  }
}

/** An entry being streamed: `write` its bytes (await `ready()` when it returns false), then `close`. */
export interface ZipEntryStream {
  /** Hands `bytes` to the deflater; false when the caller should wait for `ready` before writing more. */
  write(bytes: Buffer): boolean
  /** Resolves when the deflater has room again (or the zip failed: the next call throws). */
  ready(): Promise<void>
  /** Ends the entry and writes its data descriptor once every compressed byte is out. */
  close(): Promise<void>
}

export class ZipWriter {
  readonly #out: Writable
  readonly #level: number
  readonly #chunkSize: number
  readonly #zip64Above: number
  readonly #backlogLimit: number
  readonly #dos: { time: number; date: number }
  readonly #entries: Array<EntryRecord> = []
  #position = 0
  #failure: unknown = undefined
  readonly #concurrency: number
  #open: { aborted: boolean } | undefined
  readonly #failed: Promise<void>
  #fail: (error: unknown) => void = () => {}

  constructor(out: Writable, options: ZipOptions) {
    this.#out = out
    this.#level = options.level
    this.#chunkSize = options.chunkSize ?? 64 * 1024
    this.#zip64Above = options.zip64Above ?? MAX32
    this.#backlogLimit = options.backlogLimit ?? 4 * 1024 * 1024
    this.#concurrency = options.concurrency ?? 3
    this.#dos = dosDateTime(options.modified)
    this.#failed = new Promise<void>((resolve) => {
      this.#fail = (error) => {
        this.#failure ??= error
        resolve()
      }
    })
    out.on("error", this.#fail)
  }

  /** Bytes handed to the destination so far. */
  get bytes(): number {
    return this.#position
  }

  #check(): void {
    if (this.#failure !== undefined) throw this.#failure
  }

  /** Writes to the destination; resolves at once or when it drains (or fails). */
  #emit(bytes: Buffer): boolean {
    this.#position += bytes.length
    return this.#out.write(bytes)
  }

  async #drained(): Promise<void> {
    if (!this.#out.writableNeedDrain) return
    let done = () => {}
    await Promise.race([new Promise<void>((resolve) => this.#out.once("drain", (done = resolve))), this.#failed])
    this.#out.off("drain", done)
    this.#check()
  }

  #localHeader(name: Buffer, flags: number, method: number, crc: number, compressed: number, size: number): Buffer {
    const header = Buffer.alloc(30 + name.length)
    header.writeUInt32LE(LOCAL, 0)
    header.writeUInt16LE(V20, 4)
    header.writeUInt16LE(flags, 6)
    header.writeUInt16LE(method, 8)
    header.writeUInt16LE(this.#dos.time, 10)
    header.writeUInt16LE(this.#dos.date, 12)
    header.writeUInt32LE(crc, 14)
    header.writeUInt32LE(compressed, 18)
    header.writeUInt32LE(size, 22)
    header.writeUInt16LE(name.length, 26)
    header.writeUInt16LE(0, 28)
    name.copy(header, 30)
    return header
  }

  /** Adds a whole entry (a package part of a few kilobytes), deflated in one call. */
  async add(path: string, content: string | Buffer): Promise<void> {
    this.#check()
    if (this.#open !== undefined) throw new Error("zip: an entry is still open")
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content
    const name = Buffer.from(path, "utf8")
    const method = this.#level === 0 ? 0 : 8
    const body = method === 0 ? data : deflateRawSync(data, { level: this.#level })
    const crc = crc32(data)
    if (data.length > this.#zip64Above || body.length > this.#zip64Above) throw new RangeError(`zip: part ${path} is too large`)
    const offset = this.#position
    this.#emit(this.#localHeader(name, SIZED_FLAGS, method, crc, body.length, data.length))
    this.#emit(body)
    this.#entries.push({ name, flags: SIZED_FLAGS, method, crc, compressed: body.length, size: data.length, offset })
    await this.#drained()
  }

  /**
   * Opens a streamed entry; no other entry may be added until it is closed. Each buffer written is deflated
   * on its own (`deflateRaw` ending in a sync flush: whole bytes, no final block) so that several deflate
   * at once on the thread pool; their outputs, concatenated in order and closed by an empty final block,
   * are one valid deflate stream (what pigz does). A buffer starts with an empty window, which costs a
   * fraction of a percent in size at the writer's 512 KiB buffers.
   */
  open(path: string): ZipEntryStream {
    this.#check()
    if (this.#open !== undefined) throw new Error("zip: an entry is still open")
    const name = Buffer.from(path, "utf8")
    const offset = this.#position
    const method = 8
    this.#emit(this.#localHeader(name, STREAMED_FLAGS, method, 0, 0, 0))
    const entry = { aborted: false }
    this.#open = entry
    let crc = 0
    let size = 0
    let compressed = 0
    // Deflated buffers wait here, in order, until every one before them is out.
    const pending: Array<{ done: boolean; output: Buffer }> = []
    // Bytes handed to the deflater and not yet deflated; the caller waits above `backlogLimit` or
    // `concurrency` buffers, so the thread pool always has work while the main thread serialises the next.
    let backlog = 0
    let wake = () => {}
    const options = { level: this.#level, chunkSize: this.#chunkSize, finishFlush: constants.Z_SYNC_FLUSH }
    const emitReady = () => {
      while (pending.length > 0 && pending[0]!.done) {
        const { output } = pending.shift()!
        compressed += output.length
        this.#emit(output)
      }
      wake()
    }
    const deflate = (bytes: Buffer) => {
      const job = { done: false, output: empty }
      pending.push(job)
      backlog += bytes.length
      deflateRaw(bytes, options, (error, output) => {
        if (entry.aborted) return
        if (error !== null) return this.#fail(error)
        backlog -= bytes.length
        job.done = true
        job.output = output
        emitReady()
      })
    }
    const room = () => backlog <= this.#backlogLimit && pending.length < this.#concurrency
    const settled = async (until: () => boolean) => {
      while (!until()) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), this.#failed])
        wake = () => {}
        this.#check()
      }
    }
    return {
      write: (bytes) => {
        crc = crc32(bytes, crc)
        size += bytes.length
        deflate(bytes)
        return room()
      },
      ready: async () => {
        this.#check()
        await settled(room)
        await this.#drained()
      },
      close: async () => {
        this.#check()
        await settled(() => pending.length === 0)
        this.#open = undefined
        this.#emit(finalBlock)
        compressed += finalBlock.length
        const zip64 = size > this.#zip64Above || compressed > this.#zip64Above
        const descriptor = Buffer.alloc(zip64 ? 24 : 16)
        descriptor.writeUInt32LE(DESCRIPTOR, 0)
        descriptor.writeUInt32LE(crc, 4)
        if (zip64) {
          descriptor.writeBigUInt64LE(BigInt(compressed), 8)
          descriptor.writeBigUInt64LE(BigInt(size), 16)
        } else {
          descriptor.writeUInt32LE(compressed, 8)
          descriptor.writeUInt32LE(size, 12)
        }
        this.#emit(descriptor)
        this.#entries.push({ name, flags: STREAMED_FLAGS, method, crc, compressed, size, offset })
        await this.#drained()
      }
    }
  }

  /** Writes the central directory, ends the destination and resolves when it has taken every byte. */
  async finish(): Promise<void> {
    this.#check()
    if (this.#open !== undefined) throw new Error("zip: an entry is still open")
    const limit = this.#zip64Above
    const start = this.#position
    const parts: Array<Buffer> = []
    for (const e of this.#entries) {
      const big = [e.size > limit, e.compressed > limit, e.offset > limit] as const
      const extraLength = big.some(Boolean) ? 4 + 8 * big.filter(Boolean).length : 0
      const record = Buffer.alloc(46 + e.name.length + extraLength)
      record.writeUInt32LE(CENTRAL, 0)
      // Made by: Unix (no OEM code page to convert names from; they are UTF-8, flag bit 11), this version.
      record.writeUInt16LE((3 << 8) | (extraLength > 0 ? V45 : V20), 4)
      record.writeUInt16LE(extraLength > 0 ? V45 : V20, 6)
      record.writeUInt16LE(e.flags, 8)
      record.writeUInt16LE(e.method, 10)
      record.writeUInt16LE(this.#dos.time, 12)
      record.writeUInt16LE(this.#dos.date, 14)
      record.writeUInt32LE(e.crc, 16)
      record.writeUInt32LE(big[1] ? MAX32 : e.compressed, 20)
      record.writeUInt32LE(big[0] ? MAX32 : e.size, 24)
      record.writeUInt16LE(e.name.length, 28)
      record.writeUInt16LE(extraLength, 30)
      record.writeUInt32LE((0o100644 << 16) >>> 0, 38) // external attributes: a regular file, rw-r--r--
      record.writeUInt32LE(big[2] ? MAX32 : e.offset, 42)
      e.name.copy(record, 46)
      if (extraLength > 0) {
        // The ZIP64 extended information field: only the values that overflowed, in this order.
        let at = 46 + e.name.length
        record.writeUInt16LE(0x0001, at)
        record.writeUInt16LE(extraLength - 4, at + 2)
        at += 4
        for (const [overflowed, value] of [[big[0], e.size], [big[1], e.compressed], [big[2], e.offset]] as const) {
          if (!overflowed) continue
          record.writeBigUInt64LE(BigInt(value), at)
          at += 8
        }
      }
      parts.push(record)
    }
    const directory = Buffer.concat(parts)
    const count = this.#entries.length
    const zip64 = count > MAX16 || start > limit || directory.length > limit
    this.#emit(directory)
    if (zip64) {
      const end64At = this.#position
      const end64 = Buffer.alloc(56 + 20)
      end64.writeUInt32LE(END64, 0)
      end64.writeBigUInt64LE(44n, 4)
      end64.writeUInt16LE(V45, 12)
      end64.writeUInt16LE(V45, 14)
      end64.writeBigUInt64LE(BigInt(count), 24)
      end64.writeBigUInt64LE(BigInt(count), 32)
      end64.writeBigUInt64LE(BigInt(directory.length), 40)
      end64.writeBigUInt64LE(BigInt(start), 48)
      end64.writeUInt32LE(LOCATOR64, 56)
      end64.writeBigUInt64LE(BigInt(end64At), 64)
      end64.writeUInt32LE(1, 72)
      this.#emit(end64)
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(END, 0)
    end.writeUInt16LE(Math.min(count, MAX16), 8)
    end.writeUInt16LE(Math.min(count, MAX16), 10)
    end.writeUInt32LE(zip64 ? MAX32 : directory.length, 12)
    end.writeUInt32LE(zip64 ? MAX32 : start, 16)
    this.#position += end.length
    const finished = new Promise<void>((resolve) => this.#out.once("finish", resolve))
    this.#out.end(end)
    await Promise.race([finished, this.#failed])
    this.#check()
  }

  /** Stops after a failure: deflated buffers still to come are dropped; the destination is left to the caller. */
  abort(): void {
    if (this.#open !== undefined) this.#open.aborted = true
    this.#open = undefined
    this.#out.off("error", this.#fail)
  }

  /** Detaches from the destination's errors once done. */
  release(): void {
    this.#out.off("error", this.#fail)
  }
}
