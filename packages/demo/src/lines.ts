/**
 * The pending lines of the activity generator, in typed columns, and the kinds of line with their order at one
 * instant (SPEC §4).
 */

/**
 * Kinds of pending line. At one instant the engine orders entries, transfers, leaves, joins (SPEC §4); logins,
 * which are not events, sort after them.
 */
export const L_ENTERED = 0
export const L_TRANSFERRED = 1
export const L_LEFT_SEGMENT = 2
export const L_LEFT_ROOM = 3
export const L_JOINED_SEGMENT_HOST = 4
export const L_JOINED_SEGMENT_CALLER = 5
export const L_JOINED_ROOM_HOST = 6
export const L_JOINED_ROOM_GUEST = 7
export const L_LOGIN = 8
/** The rank of each kind of line among lines at the same instant. */
export const rankOf = [0, 1, 2, 2, 3, 3, 3, 3, 4]
/** Sort keys pack (seconds, rank, insertion index); the index takes the low 26 bits. */
export const SEQ = 2 ** 26

/**
 * The pending lines of about a day, in typed columns: what waits to be sorted costs the garbage collector
 * nothing, and the record objects are made only as they are yielded. Columns a-e hold numbers whose meaning
 * depends on the kind (sequence numbers of ids, indexes of clinics, rooms and users).
 */
export class Lines {
  n = 0
  cap = 0
  t = new Float64Array(0)
  kind = new Uint8Array(0)
  a = new Int32Array(0)
  b = new Int32Array(0)
  c = new Int32Array(0)
  d = new Int32Array(0)
  e = new Int32Array(0)
  hasBw = new Uint8Array(0)
  bw = new Int32Array(0)

  constructor(cap: number) {
    this.resize(cap)
  }

  private resize(cap: number) {
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (n: number) => T, size: number): T => {
      const next = make(size)
      next.set(old.subarray(0, Math.min(old.length, size)))
      return next
    }
    this.t = grow(this.t, (k) => new Float64Array(k), cap)
    this.kind = grow(this.kind, (k) => new Uint8Array(k), cap)
    this.a = grow(this.a, (k) => new Int32Array(k), cap)
    this.b = grow(this.b, (k) => new Int32Array(k), cap)
    this.c = grow(this.c, (k) => new Int32Array(k), cap)
    this.d = grow(this.d, (k) => new Int32Array(k), cap)
    this.e = grow(this.e, (k) => new Int32Array(k), cap)
    this.hasBw = grow(this.hasBw, (k) => new Uint8Array(k), cap)
    this.bw = grow(this.bw, (k) => new Int32Array(k), cap * 6)
    this.cap = cap
  }

  push(t: number, kind: number, a: number, b: number, c: number, d: number, e: number): number {
    if (this.n === this.cap) {
      if (this.cap * 2 > SEQ) throw new RangeError("demo: too many events in one day")
      this.resize(this.cap * 2)
    }
    const i = this.n++
    this.t[i] = t
    this.kind[i] = kind
    this.a[i] = a
    this.b[i] = b
    this.c[i] = c
    this.d[i] = d
    this.e[i] = e
    this.hasBw[i] = 0
    return i
  }

  copyFrom(from: Lines, i: number) {
    const j = this.push(from.t[i]!, from.kind[i]!, from.a[i]!, from.b[i]!, from.c[i]!, from.d[i]!, from.e[i]!)
    if (from.hasBw[i] === 1) {
      this.hasBw[j] = 1
      this.bw.set(from.bw.subarray(i * 6, i * 6 + 6), j * 6)
    }
  }
}

