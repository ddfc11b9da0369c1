/**
 * The NDJSON import: one transaction per file, streamed in batches so memory stays bounded. Directory records
 * are upserted (R14), logins kept once per (user, instant), events stored once per id (R13), and the events
 * are tied into components (core's components over the link keys, persisted in `links`) whose facts are then
 * recomputed with core's projection before the transaction commits.
 */
import { Components, MalformedLine, Projection, Records, malformed, type CallEvent, type InputRecord } from "@vcr/core"
import { sql, type Insertable, type Kysely } from "kysely"
import type { StoreDialect } from "./dialect.ts"
import { COMPONENT_PAGE, FactWriter, INSERT_BATCH, deleteFacts, eventRow, projectPending } from "./facts.ts"
import { identityDigest, sameIdentity } from "./identity.ts"
import type { Database } from "./schema.ts"

/** What one import did. */
export interface ImportSummary {
  /** Lines read, blank lines included (R2). */
  readonly lines: number
  /** Non-blank lines, each one record. */
  readonly records: number
  /** Call events stored, and those already stored (or repeated in the file) with the same content (R13). */
  readonly events: { readonly inserted: number; readonly duplicates: number }
  /** Directory records upserted (organisations, clinics, users, roles, rooms, reporting configurations). */
  readonly directory: number
  /** Login records read; a login already stored (same user and instant) is kept once. */
  readonly logins: number
  /** Components (linked sessions, room calls) whose facts were recomputed. */
  readonly components: number
}

/**
 * Progress of a running import, reported after each batch (a caller that prints it throttles it): lines and
 * events read while `phase` is "reading", then components recomputed of those the file touched ("projecting").
 */
export interface ImportProgress {
  readonly phase: "reading" | "projecting"
  readonly lines: number
  readonly events: number
  /** While projecting: components whose facts are recomputed so far, of `total`. */
  readonly components?: { readonly done: number; readonly total: number }
}

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void
}

type DirectoryTable =
  | "organisations" | "clinics" | "users" | "organisation_roles" | "clinic_roles" | "rooms" | "reporting_configurations"

/** Key columns of each directory table: the upsert key of R14. */
const keyColumns: Record<DirectoryTable, ReadonlyArray<string>> = {
  organisations: ["id"],
  clinics: ["id"],
  users: ["id"],
  organisation_roles: ["user_id", "organisation_id", "role", "granted_at"],
  clinic_roles: ["user_id", "clinic_id", "role", "granted_at"],
  rooms: ["id"],
  reporting_configurations: ["organisation_id"]
}

/** A directory record as its table and row; the row carries every column, so an upsert replaces the whole record. */
const directoryRow = (r: Exclude<InputRecord, CallEvent | Records.Login>): { table: DirectoryTable; row: Record<string, unknown> } => {
  switch (r.type) {
    case "organisation":
      return { table: "organisations", row: { id: r.id, name: r.name, state: r.state, specialty: r.specialty, contract: r.contract, created_at: r.created_at, deleted_at: r.deleted_at } }
    case "clinic":
      return {
        table: "clinics",
        row: {
          id: r.id, organisation_id: r.organisation_id, name: r.name, subdomain: r.subdomain, status: r.status, state: r.state,
          specialty: r.specialty, contract: r.contract, consultation_name: r.consultation_name, created_at: r.created_at,
          deleted_at: r.deleted_at, tags: JSON.stringify(r.tags)
        }
      }
    case "user":
      return { table: "users", row: { id: r.id, name: r.name, email: r.email, created_at: r.created_at, deactivated_at: r.deactivated_at } }
    case "organisation_role":
      return { table: "organisation_roles", row: { user_id: r.user_id, organisation_id: r.organisation_id, role: r.role, granted_at: r.granted_at, revoked_at: r.revoked_at } }
    case "clinic_role":
      return { table: "clinic_roles", row: { user_id: r.user_id, clinic_id: r.clinic_id, role: r.role, granted_at: r.granted_at, revoked_at: r.revoked_at } }
    case "room":
      return {
        table: "rooms",
        row: {
          id: r.id, clinic_id: r.clinic_id, kind: r.kind, name: r.name, owner_user_id: r.owner_user_id,
          created_at: r.created_at, deleted_at: r.deleted_at, tags: JSON.stringify(r.tags)
        }
      }
    case "reporting_configuration":
      return {
        table: "reporting_configurations",
        row: {
          organisation_id: r.organisation_id, tags: JSON.stringify(r.tags), bandwidth_columns: r.bandwidth_columns ? 1 : 0,
          default_timezone: r.default_timezone, default_minimum_duration_minutes: r.default_minimum_duration_minutes
        }
      }
  }
}

/** The failures that are an event id already used for another event (R13), told apart from malformed lines. */
const conflicts = new WeakSet<object>()

const eventConflict = (line: number, id: string): MalformedLine => {
  const error = malformed(line, `event "${id}" is already stored with different content (R13)`)
  conflicts.add(error)
  return error
}

/**
 * Whether an import failed on an event id already used for a different event (R13): still core's MalformedLine
 * naming the line (as `vcr import` reports it), but the HTTP API answers it with 409 rather than 400.
 */
export const isEventConflict = (error: unknown): boolean => typeof error === "object" && error !== null && conflicts.has(error)

/**
 * Whether a write failed only because another writer held the database (SQLite busy past its timeout, a
 * PostgreSQL serialisation failure, deadlock or lock timeout): an all-or-nothing import can simply run again.
 */
export const isWriteContention = (error: unknown): boolean => {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED" || ["40001", "40P01", "55P03"].includes(code))
}

/**
 * Events held in memory at most, in the components this import created: a component whose events are all held is
 * projected from them (its events are not read back); past the bound the least recently touched one is projected
 * and let go, so memory stays flat however large the file. A component touched again after that is recomputed at
 * the end from its stored events. 10,000 events (about 25 MB) are over an hour of a 10M-row demo history, in time
 * order; measured on the 200,000-row one, a window of two hours leaves about 1% of components to be read back.
 */
const HELD_EVENTS = 10_000

/** One item of a batch's grouping: a new event's link keys, or a stored link tying its key to its component. */
type Linked = { readonly keys: ReadonlyArray<string>; readonly event?: number; readonly component?: number }

class Importer {
  private readonly directory = new Map<DirectoryTable, Map<string, Record<string, unknown>>>()
  private logins = new Map<string, Insertable<Database["logins"]>>()
  private events: Array<{ readonly event: CallEvent; readonly line: number }> = []
  private nextComponent = 1
  /** The first component id this import allocates: components from it on had no facts before it. */
  firstNew = 1
  /**
   * Components of this import whose events are all here (none read back), least recently touched first; they have
   * no facts yet. A component of this import that is neither here nor in `unheld` has been projected and let go.
   */
  private readonly held = new Map<number, Array<CallEvent>>()
  private heldEvents = 0
  /** Components of this import listed in `pending_components` instead, projected from their stored events at the end. */
  private readonly unheld = new Set<number>()
  /** Components projected and let go whose facts stand (one touched again is recomputed at the end instead). */
  projectedEarly = 0
  lines = 0
  records = 0
  inserted = 0
  duplicates = 0
  directoryRecords = 0
  loginRecords = 0
  eventsRead = 0

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly onProgress: ImportOptions["onProgress"],
    readonly writer: FactWriter,
    private readonly heldLimit: number
  ) {}

  async start(): Promise<void> {
    await this.dialect.lockWrites(this.trx)
    const row = await this.trx.selectFrom("links").select((eb) => eb.fn.max("component").as("max")).executeTakeFirst()
    this.nextComponent = Number(row?.max ?? 0) + 1
    this.firstNew = this.nextComponent
  }

  async add(record: InputRecord, line: number): Promise<void> {
    this.records++
    if (record.type === "event") {
      this.eventsRead++
      this.events.push({ event: record, line })
      if (this.events.length >= INSERT_BATCH) await this.flushEvents()
    } else if (record.type === "login") {
      this.loginRecords++
      this.logins.set(`${record.user_id}\u0000${record.at}`, { user_id: record.user_id, at: record.at })
      if (this.logins.size >= INSERT_BATCH) await this.flushLogins()
    } else {
      this.directoryRecords++
      const { table, row } = directoryRow(record)
      const rows = this.directory.get(table) ?? new Map<string, Record<string, unknown>>()
      this.directory.set(table, rows)
      // A later record with the same key in the batch replaces the earlier one (R14), as in the table.
      rows.set(keyColumns[table].map((k) => String(row[k])).join("\u0000"), row)
      if (rows.size >= INSERT_BATCH) await this.flushDirectory(table)
    }
  }

  async flush(): Promise<void> {
    await this.flushEvents()
    await this.flushLogins()
    for (const table of this.directory.keys()) await this.flushDirectory(table)
  }

  private async flushDirectory(table: DirectoryTable): Promise<void> {
    const rows = [...(this.directory.get(table)?.values() ?? [])]
    this.directory.delete(table)
    if (rows.length === 0) return
    const keys = keyColumns[table]
    const others = Object.keys(rows[0]!).filter((c) => !keys.includes(c))
    await this.trx.insertInto(table).values(rows as Array<any>)
      .onConflict((oc) => oc.columns(keys as Array<any>).doUpdateSet((eb) =>
        Object.fromEntries(others.map((c) => [c, eb.ref(`excluded.${c}` as any)])) as any))
      .execute()
    this.progress()
  }

  private async flushLogins(): Promise<void> {
    const rows = [...this.logins.values()]
    this.logins = new Map()
    if (rows.length === 0) return
    await this.dialect.insertRows(this.trx, "logins", rows, { onConflict: "ignore" })
    this.progress()
  }

  /** Stores the batch's new events, each in its component, merging components the batch links together. */
  private async flushEvents(): Promise<void> {
    const batch = this.events
    this.events = []
    if (batch.length === 0) return
    const { trx, dialect } = this

    // Stored identities (digests, or the text an older store kept), then those of this batch's earlier lines.
    const identities = new Map<string, string>()
    const ids = [...new Set(batch.map((b) => b.event.id))]
    for (const r of await trx.selectFrom("events").select(["id", "identity"]).where(dialect.anyOf("id", ids)).execute()) {
      identities.set(r.id, r.identity)
    }
    const fresh: Array<CallEvent> = []
    const digests: Array<string> = []
    for (const { event, line } of batch) {
      const known = identities.get(event.id)
      const digest = identityDigest(event.identity)
      if (known === undefined) {
        identities.set(event.id, digest)
        fresh.push(event)
        digests.push(digest)
      } else if (sameIdentity(known, event.identity, digest)) {
        this.duplicates++
      } else {
        throw eventConflict(line, event.id)
      }
    }
    this.progress()
    if (fresh.length === 0) return

    const keysOf = fresh.map((e) => Projection.linkKeys(e))
    const keys = [...new Set(keysOf.flat())]
    const storedKeys = new Map<string, number>()
    for (const r of await trx.selectFrom("links").select(["key", "component"]).where(dialect.anyOf("key", keys)).execute()) {
      storedKeys.set(r.key, Number(r.component))
    }
    // Stored links join through their component id (`#<id>`), so keys stored apart in one component stay together.
    const linked: Array<Linked> = keysOf.map((ks, event) => ({ keys: ks, event }))
    for (const [key, component] of storedKeys) linked.push({ keys: [key, `#${component}`], component })

    const componentOfEvent = new Array<number>(fresh.length)
    const pending = new Set<number>()
    /**
     * Components whose facts are deleted now: those merged away (they keep no events, and the target's new facts
     * may repeat theirs, whatever page either is recomputed in) and those this import projected early.
     */
    const stale: Array<number> = []
    const newLinks: Array<{ key: string; component: number }> = []
    const merges: Array<readonly [from: number, to: number]> = []
    for (const items of Components.components(linked, (item) => item.keys)) {
      const groupKeys = new Set<string>()
      const stored = new Set<number>()
      const events: Array<CallEvent> = []
      for (const item of items) {
        if (item.component !== undefined) stored.add(item.component)
        else for (const key of item.keys) groupKeys.add(key)
        if (item.event !== undefined) events.push(fresh[item.event]!)
      }
      const components = [...stored].sort((a, b) => a - b)
      const target = components[0] ?? this.nextComponent++
      // The batch links components that were apart: the others fold into the first.
      for (const merged of components.slice(1)) merges.push([merged, target])
      for (const item of items) if (item.event !== undefined) componentOfEvent[item.event] = target
      for (const key of groupKeys) if (!storedKeys.has(key)) newLinks.push({ key, component: target })
      if (components.every((c) => this.held.has(c))) {
        // A new component, or components all held: the target holds every event of them (ids merged away have none).
        this.heldEvents += events.length
        for (const c of components) {
          const kept = this.held.get(c)!
          this.held.delete(c)
          for (const e of kept) events.push(e)
        }
        this.held.set(target, events)
        continue
      }
      // Otherwise the target is recomputed at the end from its stored events (its old facts deleted then, if it
      // was stored before this import).
      pending.add(target)
      for (const c of components) {
        const kept = this.held.get(c)
        if (kept !== undefined) {
          this.held.delete(c)
          this.heldEvents -= kept.length
        } else if (c >= this.firstNew && !this.unheld.has(c)) {
          stale.push(c)
          this.projectedEarly--
        } else if (c !== target && c < this.firstNew) {
          stale.push(c)
        }
        if (c >= this.firstNew) this.unheld.add(c)
      }
    }
    for (let i = 0; i < merges.length; i += INSERT_BATCH) {
      const chunk = merges.slice(i, i + INSERT_BATCH)
      const remap = sql.join(chunk.map(([from, to]) => sql`when ${from} then cast(${to} as bigint)`), sql` `)
      const from = dialect.anyOfNumbers("component", chunk.map(([f]) => f))
      for (const table of ["links", "events"] as const) {
        await sql`update ${sql.table(table)} set component = case component ${remap} end where ${from}`.execute(trx)
      }
    }

    await dialect.insertRows(trx, "links", newLinks)
    await dialect.insertRows(trx, "events", fresh.map((e, i) => eventRow(e, digests[i]!, componentOfEvent[i]!)))
    await dialect.insertRows(trx, "pending_components", [...pending].map((component) => ({ component })), { onConflict: "ignore" })
    if (stale.length > 0) {
      // Facts projected early may still be buffered: write them first, so that none outlives the delete.
      await this.writer.flush(true)
      await deleteFacts(trx, dialect, stale)
    }
    this.inserted += fresh.length
    for (const [component, events] of this.held) {
      if (this.heldEvents <= this.heldLimit) break
      this.held.delete(component)
      this.heldEvents -= events.length
      await this.writer.add(component, events)
      this.projectedEarly++
    }
  }

  /** Projects the components still held (from their events here); `onPage` after each page and at the end. */
  async projectHeld(onPage: (done: number) => void): Promise<number> {
    let done = 0
    for (const [component, events] of this.held) {
      await this.writer.add(component, events)
      if (++done % COMPONENT_PAGE === 0) onPage(done)
    }
    if (done % COMPONENT_PAGE !== 0) onPage(done)
    this.held.clear()
    this.heldEvents = 0
    return done
  }

  /** How many components `projectHeld` projects. */
  get heldComponents(): number {
    return this.held.size
  }

  progress(): void {
    this.onProgress?.({ phase: "reading", lines: this.lines, events: this.eventsRead })
  }
}

/**
 * Imports one NDJSON file, all or nothing: every line is decoded with core; the first malformed line (or an event
 * id already stored with other content) throws core's MalformedLine naming the line, and nothing is stored.
 */
export const importLines = (
  db: Kysely<Database>,
  dialect: StoreDialect,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions = {},
  /** Events held in memory at most (tests pass a small bound to project components early). */
  heldLimit = HELD_EVENTS
): Promise<ImportSummary> => {
  // Take the iterator now, before the first await: a readline interface emits lines as soon as its input flows
  // and only buffers them for an iterator that already exists.
  const iterator: AsyncIterator<string> | Iterator<string> =
    Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]()
  let finished = false
  return db.transaction().execute(async (trx) => {
    const importer = new Importer(trx, dialect, options.onProgress, new FactWriter(trx, dialect, true), heldLimit)
    await importer.start()
    for (;;) {
      const next = await iterator.next()
      if (next.done === true) break
      const line = ++importer.lines
      const record = Records.decodeLine(next.value, line)
      if (record === undefined) continue
      if (record instanceof MalformedLine) {
        // Batched events of earlier lines are checked first, so the error names the first bad line.
        await importer.flush()
        throw record
      }
      await importer.add(record, line)
    }
    finished = true
    await importer.flush()
    const onProgress = options.onProgress
    let projecting = (_done: number): void => undefined
    if (onProgress !== undefined) {
      const pending = await trx.selectFrom("pending_components").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()
      const total = importer.heldComponents + Number(pending.n)
      projecting = (done) => onProgress({ phase: "projecting", lines: importer.lines, events: importer.eventsRead, components: { done, total } })
      projecting(0)
    }
    const held = await importer.projectHeld(projecting)
    const stored = await projectPending(trx, dialect, {
      fresh: false, freshFrom: importer.firstNew, writer: importer.writer, onProgress: (done) => projecting(held + done)
    })
    const components = importer.projectedEarly + held + stored
    await trx.deleteFrom("pending_components").execute()
    return {
      lines: importer.lines,
      records: importer.records,
      events: { inserted: importer.inserted, duplicates: importer.duplicates },
      directory: importer.directoryRecords,
      logins: importer.loginRecords,
      components
    }
  }).finally(async () => {
    // Stop reading (and close the file) when the import failed before the end of its input.
    if (!finished) await iterator.return?.()
  }).then(async (summary) => {
    if (summary.events.inserted + summary.directory + summary.logins >= STATISTICS_AFTER) await refresh(db, dialect)
    return summary
  })
}

/** Rows written by one import above which the planner statistics are refreshed. */
const STATISTICS_AFTER = 5_000

/** Statistics are an optimisation: a failure to refresh them must not report a committed import as failed. */
const refresh = (db: Kysely<Database>, dialect: StoreDialect): Promise<void> => dialect.refreshStatistics(db).catch(() => undefined)

/** Recomputes the facts of every stored component (`vcr db reproject`), in one transaction. */
export const reprojectAll = (
  db: Kysely<Database>,
  dialect: StoreDialect,
  options: { readonly onProgress?: (progress: { readonly components: number }) => void } = {}
): Promise<{ components: number }> =>
  db.transaction().execute(async (trx) => {
    await dialect.lockWrites(trx)
    await trx.insertInto("pending_components")
      .expression(trx.selectFrom("links").select("component").distinct())
      .execute()
    for (const table of ["segment_participants", "segment_hosts", "segments", "sessions", "room_call_participants", "room_calls"] as const) {
      await trx.deleteFrom(table).execute()
    }
    const components = await projectPending(trx, dialect, {
      fresh: true,
      ...(options.onProgress ? { onProgress: (components: number) => options.onProgress!({ components }) } : {})
    })
    await trx.deleteFrom("pending_components").execute()
    return { components }
  }).then(async (result) => {
    await refresh(db, dialect)
    return result
  })
