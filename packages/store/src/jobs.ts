/**
 * Durable background work on the history table itself, for SQLite and PostgreSQL alike: a history entry is
 * the job. Workers claim entries with a lease (one conditional UPDATE … RETURNING, so exactly one claimant
 * wins, across processes and machines), complete them in one transaction that also writes the email outbox
 * row, and retry transient failures with backoff. Files live in a folder or, on PostgreSQL, in the database
 * in chunks, so no shared disk is needed.
 */
import { sql, type Kysely, type Migration } from "kysely"
import type { HistoryEntry } from "./access.ts"
import type { StoreDialect } from "./dialect.ts"

export interface JobTables {
  history: {
    id: string; status: string; attempts: number; available_at: number | null; locked_by: string | null; locked_until: number | null
    file_ref: string | null; size: number | null; completed_at: number | null; error: string | null; emailed_at: number | null
    delivery: string; created_at: number
  }
  outbox: {
    entry_id: string; status: string; attempts: number; available_at: number; locked_by: string | null; locked_until: number | null
    sent_at: number | null; error: string | null; created_at: number
  }
  history_files: { entry_id: string; seq: number; data: Uint8Array }
}

/** Adds lease columns to history, the email outbox and in-database file chunks. */
export const jobsMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    const t = dialect.text
    await db.schema.alterTable("history").addColumn("available_at", "bigint").execute()
    await db.schema.alterTable("history").addColumn("locked_by", t).execute()
    await db.schema.alterTable("history").addColumn("locked_until", "bigint").execute()
    await db.schema.createIndex("history_status").on("history").columns(["status", "available_at"]).execute()
    await db.schema.createTable("outbox")
      .addColumn("entry_id", t, (c) => c.primaryKey())
      .addColumn("status", t, (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("available_at", "bigint", (c) => c.notNull())
      .addColumn("locked_by", t)
      .addColumn("locked_until", "bigint")
      .addColumn("sent_at", "bigint")
      .addColumn("error", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute()
    await db.schema.createTable("history_files")
      .addColumn("entry_id", t, (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("data", dialect.name === "postgres" ? "bytea" : "blob", (c) => c.notNull())
      .addPrimaryKeyConstraint("history_files_pk", ["entry_id", "seq"])
      .execute()
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable("history_files").ifExists().execute()
    await db.schema.dropTable("outbox").ifExists().execute()
  }
})

/** An outbox row: the one email of a successful generation. */
export interface OutboxRow {
  readonly entry_id: string
  readonly status: "pending" | "sending" | "sent" | "failed" | "uncertain"
  readonly attempts: number
  readonly available_at: number
  readonly sent_at: number | null
  readonly error: string | null
}

/** What the queue looks like now, for monitoring: entries by status and delivery, emails by status, the oldest wait. */
export interface QueueStats {
  /** History entries by status and delivery (every known status and delivery, zero when none). */
  readonly jobs: ReadonlyArray<{ readonly status: string; readonly delivery: string; readonly count: number }>
  /** Outbox emails by status (every known status, zero when none). */
  readonly emails: ReadonlyArray<{ readonly status: string; readonly count: number }>
  /** Seconds since the oldest still-queued entry was requested; 0 when nothing is queued. */
  readonly oldestQueuedAgeSeconds: number
}

const historyStatuses = ["queued", "generating", "ready", "failed", "expired"] as const
const deliveries = ["download", "email"] as const
const outboxStatuses = ["pending", "sending", "sent", "failed", "uncertain"] as const

const chunkSize = 1024 * 1024

/** Replaces the chunks of an entry's file (inside the caller's transaction). */
const writeChunks = async (trx: Kysely<JobTables>, id: string, bytes: Uint8Array): Promise<void> => {
  await trx.deleteFrom("history_files").where("entry_id", "=", id).execute()
  for (let seq = 0, at = 0; at < bytes.length || seq === 0; seq++, at += chunkSize) {
    await trx.insertInto("history_files").values({ entry_id: id, seq, data: bytes.subarray(at, at + chunkSize) }).execute()
  }
}

/** The job queue over the store's database. */
export class Jobs {
  constructor(private readonly db: Kysely<JobTables>, private readonly dialect: StoreDialect) {}

  /**
   * Claims the oldest runnable entry (queued and due, or generating with an expired lease) for `worker` until
   * `now + leaseMs`; returns its id, or undefined when there is nothing to do. Exactly one claimant wins.
   */
  async claimGeneration(worker: string, now: number, leaseMs: number): Promise<string | undefined> {
    const runnable = sql<boolean>`((status = 'queued' and coalesce(available_at, 0) <= ${now}) or (status = 'generating' and locked_until <= ${now}))`
    const candidate = await this.db.selectFrom("history").select("id").where(runnable).orderBy(sql`coalesce(available_at, 0)`).orderBy("id").limit(1).executeTakeFirst()
    if (candidate === undefined) return undefined
    const claimed = await this.db.updateTable("history")
      .set({ status: "generating", locked_by: worker, locked_until: now + leaseMs, attempts: sql`attempts + 1` as unknown as number })
      .where("id", "=", candidate.id).where(runnable)
      .returning("id").executeTakeFirst()
    return claimed?.id
  }

  /** Extends a lease the worker still holds; false when it lost it. */
  async renew(id: string, worker: string, until: number): Promise<boolean> {
    const r = await this.db.updateTable("history").set({ locked_until: until }).where("id", "=", id).where("locked_by", "=", worker).where("status", "=", "generating").executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  }

  /**
   * Completes a generation: the entry becomes ready with its file and, in the same transaction, its email is
   * put in the outbox (once: a retried completion finds the row already there). False when the lease was lost.
   */
  async complete(id: string, worker: string, file: { ref: string; size: number; bytes?: Uint8Array }, now: number, email: boolean): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable("history")
        .set({ status: "ready", file_ref: file.ref, size: file.size, completed_at: now, locked_until: null, error: null })
        .where("id", "=", id).where("locked_by", "=", worker).where("status", "=", "generating").executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) return false
      if (file.bytes !== undefined) await writeChunks(trx, id, file.bytes)
      if (email) {
        await trx.insertInto("outbox").values({ entry_id: id, status: "pending", attempts: 0, available_at: now, locked_by: null, locked_until: null, sent_at: null, error: null, created_at: now })
          .onConflict((oc) => oc.column("entry_id").doNothing()).execute()
      }
      return true
    })
  }

  /** Puts a claimed entry back for a retry at `availableAt` (transient failure), or fails it for good. */
  async retryOrFail(id: string, worker: string, outcome: { retryAt: number } | { error: string }): Promise<void> {
    const base = this.db.updateTable("history").where("id", "=", id).where("locked_by", "=", worker).where("status", "=", "generating")
    if ("retryAt" in outcome) await base.set({ status: "queued", available_at: outcome.retryAt, locked_until: null }).execute()
    else await base.set({ status: "failed", error: outcome.error, locked_until: null }).execute()
  }

  /** Claims a pending email that is due. A row left "sending" by a crash is never resent (at most one email). */
  async claimEmail(worker: string, now: number, leaseMs: number): Promise<string | undefined> {
    const candidate = await this.db.selectFrom("outbox").select("entry_id").where("status", "=", "pending").where("available_at", "<=", now)
      .orderBy("available_at").orderBy("entry_id").limit(1).executeTakeFirst()
    if (candidate === undefined) return undefined
    const claimed = await this.db.updateTable("outbox")
      .set({ status: "sending", locked_by: worker, locked_until: now + leaseMs, attempts: sql`attempts + 1` as unknown as number })
      .where("entry_id", "=", candidate.entry_id).where("status", "=", "pending")
      .returning("entry_id").executeTakeFirst()
    return claimed?.entry_id
  }

  /** Records the outcome of a send: sent, retry later, or failed (the entry shows the reason). */
  async emailOutcome(entryId: string, worker: string, outcome: { sentAt: number } | { retryAt: number; error: string } | { failed: string }, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = trx.updateTable("outbox").where("entry_id", "=", entryId).where("locked_by", "=", worker).where("status", "=", "sending")
      if ("sentAt" in outcome) {
        await row.set({ status: "sent", sent_at: outcome.sentAt, error: null }).execute()
        await trx.updateTable("history").set({ emailed_at: outcome.sentAt }).where("id", "=", entryId).execute()
      } else if ("retryAt" in outcome) {
        await row.set({ status: "pending", available_at: outcome.retryAt, error: outcome.error }).execute()
      } else {
        await row.set({ status: "failed", error: outcome.failed }).execute()
        await trx.updateTable("history").set({ status: "failed", error: outcome.failed }).where("id", "=", entryId).execute()
      }
      void now
    })
  }

  /** Marks emails whose sender died mid-send as uncertain (never resent: at most one email per generation). */
  async abandonStaleSends(now: number): Promise<number> {
    const r = await this.db.updateTable("outbox").set({ status: "uncertain", error: "the sending worker stopped during delivery; not resent to avoid a duplicate" })
      .where("status", "=", "sending").where("locked_until", "<=", now).executeTakeFirst()
    return Number(r.numUpdatedRows)
  }

  async outbox(entryId: string): Promise<OutboxRow | undefined> {
    const r = await this.db.selectFrom("outbox").selectAll().where("entry_id", "=", entryId).executeTakeFirst()
    return r === undefined ? undefined : { ...r, status: r.status as OutboxRow["status"], attempts: Number(r.attempts), available_at: Number(r.available_at), sent_at: r.sent_at === null ? null : Number(r.sent_at) }
  }

  /** Counts for monitoring, read only: entries by status and delivery, emails by status, the age of the oldest queued entry at `now`. */
  async stats(now: number): Promise<QueueStats> {
    const db = this.db
    const byStatus = await db.selectFrom("history").select(["status", "delivery", db.fn.countAll<number | string | bigint>().as("n")]).groupBy(["status", "delivery"]).execute()
    const emails = await db.selectFrom("outbox").select(["status", db.fn.countAll<number | string | bigint>().as("n")]).groupBy("status").execute()
    const oldest = await db.selectFrom("history").select(db.fn.min<number | string | null>("created_at").as("at")).where("status", "=", "queued").executeTakeFirst()
    const jobs = new Map<string, { status: string; delivery: string; count: number }>()
    for (const status of historyStatuses) for (const delivery of deliveries) jobs.set(`${status}/${delivery}`, { status, delivery, count: 0 })
    for (const r of byStatus) jobs.set(`${r.status}/${r.delivery}`, { status: r.status, delivery: r.delivery, count: Number(r.n) })
    const mails = new Map<string, number>(outboxStatuses.map((s) => [s, 0]))
    for (const r of emails) mails.set(r.status, Number(r.n))
    const at = oldest?.at === null || oldest?.at === undefined ? undefined : Number(oldest.at)
    return {
      jobs: [...jobs.values()],
      emails: [...mails].map(([status, count]) => ({ status, count })),
      oldestQueuedAgeSeconds: at === undefined ? 0 : Math.max(0, (now - at) / 1000)
    }
  }

  /** Stores (or replaces) the file of an entry in the database, in one transaction. */
  async putFile(entryId: string, bytes: Uint8Array): Promise<void> {
    await this.db.transaction().execute((trx) => writeChunks(trx, entryId, bytes))
  }

  /**
   * Stores one chunk of a file under `key`, while it is written (a report streamed into the database a chunk at a
   * time, never whole in memory); `commitFile` then gives the chunks to their entry.
   */
  async putFileChunk(key: string, seq: number, data: Uint8Array): Promise<void> {
    await this.db.insertInto("history_files").values({ entry_id: key, seq, data }).execute()
  }

  /** Makes the chunks stored under `key` the file of `entryId`, replacing any earlier file, in one transaction. */
  async commitFile(key: string, entryId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("history_files").where("entry_id", "=", entryId).execute()
      await trx.updateTable("history_files").set({ entry_id: entryId }).where("entry_id", "=", key).execute()
    })
  }

  /** The chunks of a file stored in the database, in order, read one at a time; undefined when there is none. */
  async fileChunks(entryId: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    const seqs = await this.db.selectFrom("history_files").select("seq").where("entry_id", "=", entryId).orderBy("seq").execute()
    if (seqs.length === 0) return undefined
    const db = this.db
    return (async function* () {
      for (const { seq } of seqs) {
        const row = await db.selectFrom("history_files").select("data").where("entry_id", "=", entryId).where("seq", "=", seq).executeTakeFirst()
        if (row !== undefined) yield Buffer.from(row.data)
      }
    })()
  }

  /** A file stored in the database, reassembled. */
  async fileBytes(entryId: string): Promise<Uint8Array | undefined> {
    const rows = await this.db.selectFrom("history_files").select(["seq", "data"]).where("entry_id", "=", entryId).orderBy("seq").execute()
    if (rows.length === 0) return undefined
    return Buffer.concat(rows.map((r) => Buffer.from(r.data)))
  }

  async removeFile(entryId: string): Promise<void> {
    await this.db.deleteFrom("history_files").where("entry_id", "=", entryId).execute()
  }

  /** Entries as seen by the job code (typed as the access API's entries). */
  async entry(id: string): Promise<Pick<HistoryEntry, "id" | "status" | "attempts"> | undefined> {
    const r = await this.db.selectFrom("history").select(["id", "status", "attempts"]).where("id", "=", id).executeTakeFirst()
    return r === undefined ? undefined : { id: r.id, status: r.status as HistoryEntry["status"], attempts: Number(r.attempts) }
  }

  get dialectName() {
    return this.dialect.name
  }
}
