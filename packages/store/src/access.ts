/**
 * What the HTTP app keeps besides reports: credentials (API tokens, one-time sign-in links and browser
 * sessions, stored only as hashes), the 24-hour report history with its job state, and an append-only audit
 * log. One migration and one small API over the same kysely instance as the report store.
 */
import { sql, type Kysely, type Migration } from "kysely"
import type { StoreDialect } from "./dialect.ts"

/**
 * A stored credential; `hash` is a SHA-256 of the secret, never the secret itself. A `service` token belongs to a
 * platform, not a person: its `user_id` holds the service's name and `scope` what it may do (`ingest`).
 */
export interface Credential {
  readonly hash: string
  readonly kind: "token" | "login_link" | "session" | "service"
  readonly user_id: string
  readonly created_at: number
  readonly expires_at: number | null
  readonly used_at: number | null
  /** For sessions: SHA-256 of the CSRF token the page must echo on state-changing requests. */
  readonly csrf_hash: string | null
  /** For service tokens: the one scope the token holds; null (or absent) for every other credential. */
  readonly scope?: string | null
}

/** A token as `vcr token list` shows it: never the secret nor the whole hash. */
export interface TokenListing {
  /** The first characters of the hash, enough to name the token for `vcr token revoke`. */
  readonly id: string
  readonly kind: "token" | "service"
  /** The user of a personal token, the name of a service token. */
  readonly owner: string
  readonly scope: string | null
  readonly created_at: number
  readonly expires_at: number | null
}

/** Length of a token's listed id (hex characters of its hash). */
const TOKEN_ID_LENGTH = 12

export type HistoryStatus = "queued" | "generating" | "ready" | "failed" | "expired"

/** One report request kept for 24 hours (SPEC §9). */
export interface HistoryEntry {
  readonly id: string
  readonly user_id: string
  readonly organisation_id: string
  readonly clinic_id: string | null
  readonly report: string
  readonly format: string
  /** The run parameters as output (R70), JSON text. */
  readonly parameters: string
  readonly delivery: "download" | "email"
  readonly status: HistoryStatus
  readonly size: number | null
  readonly file_name: string
  /** Where the file is kept (a path in the files folder, or `db:` when stored in the database). */
  readonly file_ref: string | null
  /** A user-safe reason when failed. */
  readonly error: string | null
  readonly attempts: number
  readonly created_at: number
  readonly expires_at: number
  readonly completed_at: number | null
  readonly emailed_at: number | null
  /** The locale of the request (R80, `Locales.Name`): the file and the email are generated in it. */
  readonly locale: string
}

/** One audit record: who did what to which scope, when, and the outcome. */
export interface AuditRecord {
  readonly at: number
  readonly user_id: string | null
  readonly action: string
  readonly organisation_id: string | null
  readonly clinic_id: string | null
  readonly report: string | null
  readonly detail: string | null
  readonly outcome: string
}

export interface AccessTables {
  credentials: {
    hash: string; kind: string; user_id: string; created_at: number; expires_at: number | null; used_at: number | null; csrf_hash: string | null
    scope: string | null
  }
  history: {
    id: string; user_id: string; organisation_id: string; clinic_id: string | null; report: string; format: string; parameters: string
    delivery: string; status: string; size: number | null; file_name: string; file_ref: string | null; error: string | null
    attempts: number; created_at: number; expires_at: number; completed_at: number | null; emailed_at: number | null
    locale: string
  }
  audit: {
    id: number | undefined; at: number; user_id: string | null; action: string; organisation_id: string | null; clinic_id: string | null
    report: string | null; detail: string | null; outcome: string
  }
}

/** The migration that adds the access tables. */
export const accessMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    const t = dialect.text
    const s = db.schema
    await s.createTable("credentials")
      .addColumn("hash", t, (c) => c.primaryKey())
      .addColumn("kind", t, (c) => c.notNull())
      .addColumn("user_id", t, (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint")
      .addColumn("used_at", "bigint")
      .addColumn("csrf_hash", t)
      .execute()
    await s.createTable("history")
      .addColumn("id", t, (c) => c.primaryKey())
      .addColumn("user_id", t, (c) => c.notNull())
      .addColumn("organisation_id", t, (c) => c.notNull())
      .addColumn("clinic_id", t)
      .addColumn("report", t, (c) => c.notNull())
      .addColumn("format", t, (c) => c.notNull())
      .addColumn("parameters", "text", (c) => c.notNull())
      .addColumn("delivery", t, (c) => c.notNull())
      .addColumn("status", t, (c) => c.notNull())
      .addColumn("size", "bigint")
      .addColumn("file_name", t, (c) => c.notNull())
      .addColumn("file_ref", t)
      .addColumn("error", "text")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addColumn("completed_at", "bigint")
      .addColumn("emailed_at", "bigint")
      .execute()
    await s.createIndex("history_user").on("history").columns(["user_id", "created_at"]).execute()
    await s.createIndex("history_expiry").on("history").column("expires_at").execute()
    const id = dialect.name === "postgres"
      ? s.createTable("audit").addColumn("id", "bigserial", (c) => c.primaryKey())
      : s.createTable("audit").addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    await id
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("user_id", t)
      .addColumn("action", t, (c) => c.notNull())
      .addColumn("organisation_id", t)
      .addColumn("clinic_id", t)
      .addColumn("report", t)
      .addColumn("detail", "text")
      .addColumn("outcome", t, (c) => c.notNull())
      .execute()
  },
  async down(db: Kysely<any>) {
    for (const table of ["audit", "history", "credentials"]) await db.schema.dropTable(table).ifExists().execute()
  }
})

/** Service tokens carry a scope; the credentials table gains the column. */
export const serviceTokensMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable("credentials").addColumn("scope", dialect.text).execute()
  }
})

const credentialOf = (r: AccessTables["credentials"]): Credential => ({
  hash: r.hash, kind: r.kind as Credential["kind"], user_id: r.user_id, created_at: Number(r.created_at),
  expires_at: r.expires_at === null ? null : Number(r.expires_at), used_at: r.used_at === null ? null : Number(r.used_at), csrf_hash: r.csrf_hash,
  scope: r.scope ?? null
})
const num = (v: number | null) => (v === null ? null : Number(v))
const entryOf = (r: AccessTables["history"]): HistoryEntry => ({
  ...r, delivery: r.delivery as HistoryEntry["delivery"], status: r.status as HistoryStatus, size: num(r.size), attempts: Number(r.attempts),
  created_at: Number(r.created_at), expires_at: Number(r.expires_at), completed_at: num(r.completed_at), emailed_at: num(r.emailed_at)
})

/**
 * Migration 0007: each history entry keeps the locale of its request (SPEC §11.5); entries made before it were
 * English, the only locale there was.
 */
export const historyLocaleMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable("history").addColumn("locale", dialect.text, (c) => c.notNull().defaultTo("en")).execute()
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable("history").dropColumn("locale").execute()
  }
})

/** Credentials, history and audit over the store's database. */
export class Access {
  constructor(private readonly db: Kysely<AccessTables>) {}

  async addCredential(c: Credential): Promise<void> {
    await this.db.insertInto("credentials").values({ ...c }).execute()
  }

  /** A credential by hash, if it exists, is unexpired at `now` and (for single-use ones) unused. */
  async credential(hash: string, now: number): Promise<Credential | undefined> {
    const r = await this.db.selectFrom("credentials").selectAll().where("hash", "=", hash).executeTakeFirst()
    if (r === undefined) return undefined
    const c = credentialOf(r)
    if (c.expires_at !== null && c.expires_at <= now) return undefined
    if (c.kind === "login_link" && c.used_at !== null) return undefined
    return c
  }

  /** Marks a single-use credential used; true only for the one caller that did so while it was valid. */
  async consume(hash: string, now: number): Promise<Credential | undefined> {
    const result = await this.db.updateTable("credentials").set({ used_at: now })
      .where("hash", "=", hash).where("used_at", "is", null)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) return undefined
    const r = await this.db.selectFrom("credentials").selectAll().where("hash", "=", hash).executeTakeFirst()
    return r === undefined ? undefined : credentialOf(r)
  }

  /** Personal and service tokens, oldest first (expired ones included until housekeeping removes them). */
  async tokens(): Promise<Array<TokenListing>> {
    const rows = await this.db.selectFrom("credentials").selectAll().where("kind", "in", ["token", "service"])
      .orderBy("created_at").orderBy("hash").execute()
    return rows.map((r) => ({
      id: r.hash.slice(0, TOKEN_ID_LENGTH), kind: r.kind as TokenListing["kind"], owner: r.user_id, scope: r.scope ?? null,
      created_at: Number(r.created_at), expires_at: num(r.expires_at)
    }))
  }

  /**
   * Revokes the one personal or service token whose hash starts with `id` (as listed); answers how many tokens
   * matched, and revokes nothing unless exactly one did.
   */
  async revokeToken(id: string): Promise<number> {
    if (!/^[0-9a-f]{4,64}$/.test(id)) return 0
    const matches = await this.db.selectFrom("credentials").select("hash").where("kind", "in", ["token", "service"])
      .where("hash", ">=", id).where("hash", "<", `${id}g`).execute()
    if (matches.length === 1) await this.db.deleteFrom("credentials").where("hash", "=", matches[0]!.hash).execute()
    return matches.length
  }

  async removeCredential(hash: string): Promise<void> {
    await this.db.deleteFrom("credentials").where("hash", "=", hash).execute()
  }

  async removeExpiredCredentials(now: number): Promise<number> {
    const r = await this.db.deleteFrom("credentials").where("expires_at", "is not", null).where("expires_at", "<=", now).executeTakeFirst()
    return Number(r.numDeletedRows)
  }

  async addHistory(entry: HistoryEntry): Promise<void> {
    await this.db.insertInto("history").values({ ...entry }).execute()
  }

  async updateHistory(id: string, patch: Partial<Omit<HistoryEntry, "id">>): Promise<void> {
    await this.db.updateTable("history").set(patch).where("id", "=", id).execute()
  }

  /**
   * Moves an entry from one status to another only if it is still in `from`; true for the one caller that did.
   * Jobs use it to claim work, so two workers never run the same entry.
   */
  async transition(id: string, from: HistoryStatus, patch: Partial<Omit<HistoryEntry, "id">> & { status: HistoryStatus }): Promise<boolean> {
    const r = await this.db.updateTable("history").set(patch).where("id", "=", id).where("status", "=", from).executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  }

  async historyEntry(id: string): Promise<HistoryEntry | undefined> {
    const r = await this.db.selectFrom("history").selectAll().where("id", "=", id).executeTakeFirst()
    return r === undefined ? undefined : entryOf(r)
  }

  /** A user's entries created at or after `since`, newest first. */
  async historyOf(userId: string, since: number): Promise<Array<HistoryEntry>> {
    const rows = await this.db.selectFrom("history").selectAll().where("user_id", "=", userId).where("created_at", ">=", since)
      .orderBy("created_at", "desc").orderBy("id").execute()
    return rows.map(entryOf)
  }

  /** Entries waiting in a status, oldest first (the background queue on SQLite). */
  async historyIn(status: HistoryStatus, limit: number): Promise<Array<HistoryEntry>> {
    const rows = await this.db.selectFrom("history").selectAll().where("status", "=", status).orderBy("created_at").orderBy("id").limit(limit).execute()
    return rows.map(entryOf)
  }

  /** Marks entries whose expiry has passed as expired (no file any more) and returns them, so their files can be destroyed. */
  async expireHistory(now: number): Promise<Array<HistoryEntry>> {
    const rows = await this.db.selectFrom("history").selectAll().where("expires_at", "<=", now).where("status", "!=", "expired").execute()
    for (const r of rows) await this.db.updateTable("history").set({ status: "expired", file_ref: null }).where("id", "=", r.id).execute()
    return rows.map(entryOf)
  }

  /** Deletes entries expired at `now` and returns them, so their files can be destroyed. */
  async removeExpiredHistory(now: number): Promise<Array<HistoryEntry>> {
    const rows = await this.db.selectFrom("history").selectAll().where("expires_at", "<=", now).execute()
    if (rows.length > 0) await this.db.deleteFrom("history").where("expires_at", "<=", now).execute()
    return rows.map(entryOf)
  }

  async audit(record: AuditRecord): Promise<void> {
    await this.db.insertInto("audit").values({ ...record, id: undefined }).execute()
  }

  async auditLog(limit = 1000): Promise<Array<AuditRecord & { id: number }>> {
    const rows = await this.db.selectFrom("audit").selectAll().orderBy("id").limit(limit).execute()
    return rows.map((r) => ({ ...r, id: Number(r.id), at: Number(r.at) }))
  }

  /** Removes everything (tests). */
  async clear(): Promise<void> {
    await sql`delete from credentials`.execute(this.db)
  }
}
