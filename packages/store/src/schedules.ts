/**
 * Scheduled deliveries (SPEC §11.4) on SQLite and PostgreSQL: the `schedules` table (what to run, for whom, when,
 * and the lease of the worker firing it) and one `schedule_occurrences` row per occurrence (run, late or skipped,
 * with the history entry it created). A worker claims a due schedule with a lease (one conditional UPDATE, exactly
 * one claimant wins) and records an occurrence, its skipped predecessors, the history entry (the job the existing
 * queue generates and emails) and the schedule's next due instant in ONE transaction that also checks the lease;
 * the primary key (schedule, occurrence instant) makes a second record of the same occurrence impossible, so each
 * occurrence has exactly one history entry whatever the workers, restarts and crashes (R78).
 */
import { sql, type Kysely, type Migration } from "kysely"
import type { HistoryEntry } from "./access.ts"
import type { StoreDialect } from "./dialect.ts"

/** A stored schedule. Instants are epoch milliseconds. */
export interface ScheduleRow {
  readonly id: string
  readonly user_id: string
  readonly organisation_id: string
  readonly clinic_id: string | null
  readonly report: string
  readonly format: string
  readonly timezone: string
  /** Null: the organisation's configured minimum at each occurrence. */
  readonly minimum_duration_minutes: number | null
  readonly locale: string
  /** The range rule, canonical text (`previous_week`, `last_n_days:14`). */
  readonly range: string
  /** The recurrence, canonical text (`weekly Mon 08:00`, a cron expression). */
  readonly recurrence: string
  readonly status: "active" | "paused"
  readonly paused_reason: string | null
  readonly created_at: number
  readonly updated_at: number
  /** Occurrences up to this instant are done (run, skipped, or before creation / resumption). */
  readonly last_occurrence: number
  /** The first occurrence after `last_occurrence`; null when the recurrence never fires again. */
  readonly next_due: number | null
}

/** One occurrence of a schedule and what became of it. */
export interface OccurrenceRow {
  readonly schedule_id: string
  readonly occurrence_at: number
  readonly status: "run" | "late" | "skipped"
  /** The history entry the occurrence created; null for a skipped one. */
  readonly entry_id: string | null
  readonly recorded_at: number
}

/** The editable fields of a schedule. */
export type SchedulePatch = Partial<Omit<ScheduleRow, "id" | "user_id" | "created_at">>

export interface ScheduleTables {
  schedules: {
    id: string; user_id: string; organisation_id: string; clinic_id: string | null; report: string; format: string; timezone: string
    minimum_duration_minutes: number | null; locale: string; range: string; recurrence: string; status: string; paused_reason: string | null
    created_at: number; updated_at: number; last_occurrence: number; next_due: number | null; locked_by: string | null; locked_until: number | null
  }
  schedule_occurrences: { schedule_id: string; occurrence_at: number; status: string; entry_id: string | null; recorded_at: number }
  history: HistoryEntry
}

/** Migration 0006: the schedules and their occurrences. */
export const schedulesMigration = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    const t = dialect.text
    await db.schema.createTable("schedules")
      .addColumn("id", t, (c) => c.primaryKey())
      .addColumn("user_id", t, (c) => c.notNull())
      .addColumn("organisation_id", t, (c) => c.notNull())
      .addColumn("clinic_id", t)
      .addColumn("report", t, (c) => c.notNull())
      .addColumn("format", t, (c) => c.notNull())
      .addColumn("timezone", t, (c) => c.notNull())
      .addColumn("minimum_duration_minutes", "double precision")
      .addColumn("locale", t, (c) => c.notNull())
      .addColumn("range", t, (c) => c.notNull())
      .addColumn("recurrence", t, (c) => c.notNull())
      .addColumn("status", t, (c) => c.notNull())
      .addColumn("paused_reason", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addColumn("last_occurrence", "bigint", (c) => c.notNull())
      .addColumn("next_due", "bigint")
      .addColumn("locked_by", t)
      .addColumn("locked_until", "bigint")
      .execute()
    await db.schema.createIndex("schedules_user").on("schedules").columns(["user_id", "created_at"]).execute()
    await db.schema.createIndex("schedules_due").on("schedules").columns(["status", "next_due"]).execute()
    await db.schema.createTable("schedule_occurrences")
      .addColumn("schedule_id", t, (c) => c.notNull())
      .addColumn("occurrence_at", "bigint", (c) => c.notNull())
      .addColumn("status", t, (c) => c.notNull())
      .addColumn("entry_id", t)
      .addColumn("recorded_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("schedule_occurrences_pk", ["schedule_id", "occurrence_at"])
      .execute()
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable("schedule_occurrences").ifExists().execute()
    await db.schema.dropTable("schedules").ifExists().execute()
  }
})

const num = (v: number | null) => (v === null ? null : Number(v))
const scheduleOf = (r: ScheduleTables["schedules"]): ScheduleRow => ({
  id: r.id, user_id: r.user_id, organisation_id: r.organisation_id, clinic_id: r.clinic_id, report: r.report, format: r.format, timezone: r.timezone,
  minimum_duration_minutes: num(r.minimum_duration_minutes), locale: r.locale, range: r.range, recurrence: r.recurrence,
  status: r.status as ScheduleRow["status"], paused_reason: r.paused_reason, created_at: Number(r.created_at), updated_at: Number(r.updated_at),
  last_occurrence: Number(r.last_occurrence), next_due: num(r.next_due)
})
const occurrenceOf = (r: ScheduleTables["schedule_occurrences"]): OccurrenceRow => ({
  schedule_id: r.schedule_id, occurrence_at: Number(r.occurrence_at), status: r.status as OccurrenceRow["status"], entry_id: r.entry_id,
  recorded_at: Number(r.recorded_at)
})

/** What a worker records for a claimed schedule, all or nothing. */
export interface OccurrenceRecord {
  /** Occurrences before the one run, recorded as skipped (R78). */
  readonly skipped: ReadonlyArray<number>
  /** The occurrence run and the queued history entry it creates; null when nothing runs (a pause). */
  readonly run: { readonly occurrence: number; readonly late: boolean; readonly entry: HistoryEntry } | null
  /** Pause the schedule with this reason (its owner lost the right, the scope is gone): nothing is generated. */
  readonly pause?: string | undefined
  /** The new `last_occurrence` and `next_due`. */
  readonly lastOccurrence: number
  readonly nextDue: number | null
  readonly now: number
}

/** A schedule's last run and how many occurrences were skipped just before it. */
export interface LastRun {
  readonly occurrence: OccurrenceRow
  readonly skipped: number
  /** The history entry's status now; undefined when its row is gone (expired for a week). */
  readonly entryStatus: string | undefined
}

/** Schedules and their occurrences over the store's database. */
export class Schedules {
  constructor(private readonly db: Kysely<ScheduleTables>) {}

  async add(row: ScheduleRow): Promise<void> {
    await this.db.insertInto("schedules").values({ ...row, locked_by: null, locked_until: null }).execute()
  }

  async get(id: string): Promise<ScheduleRow | undefined> {
    const r = await this.db.selectFrom("schedules").selectAll().where("id", "=", id).executeTakeFirst()
    return r === undefined ? undefined : scheduleOf(r)
  }

  /** A user's schedules, oldest first (then by id). */
  async of(userId: string): Promise<Array<ScheduleRow>> {
    const rows = await this.db.selectFrom("schedules").selectAll().where("user_id", "=", userId).orderBy("created_at").orderBy("id").execute()
    return rows.map(scheduleOf)
  }

  /**
   * Updates a user's own schedule; false when it is not theirs or does not exist. Any lease is dropped, so a worker
   * firing the schedule with its old fields records nothing (its lease is lost) and the next claim uses the new ones.
   */
  async update(id: string, userId: string, patch: SchedulePatch): Promise<boolean> {
    const r = await this.db.updateTable("schedules").set({ ...patch, locked_by: null, locked_until: null })
      .where("id", "=", id).where("user_id", "=", userId).executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  }

  /** Deletes a user's own schedule and its occurrence records (history entries stay); false when not theirs. */
  async remove(id: string, userId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom("schedules").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst()
      if (Number(r.numDeletedRows) !== 1) return false
      await trx.deleteFrom("schedule_occurrences").where("schedule_id", "=", id).execute()
      return true
    })
  }

  /**
   * Claims the active schedule that has been due longest (next_due at or before `now`, not leased or its lease
   * expired) for `worker` until `now + leaseMs`; exactly one claimant wins. Undefined when none is due.
   */
  async claimDue(worker: string, now: number, leaseMs: number): Promise<ScheduleRow | undefined> {
    const due = sql<boolean>`(status = 'active' and next_due is not null and next_due <= ${now} and (locked_until is null or locked_until <= ${now}))`
    const candidate = await this.db.selectFrom("schedules").select("id").where(due).orderBy("next_due").orderBy("id").limit(1).executeTakeFirst()
    if (candidate === undefined) return undefined
    const claimed = await this.db.updateTable("schedules").set({ locked_by: worker, locked_until: now + leaseMs })
      .where("id", "=", candidate.id).where(due).returningAll().executeTakeFirst()
    return claimed === undefined ? undefined : scheduleOf(claimed)
  }

  /**
   * Records what became of a claimed schedule's due occurrences in one transaction: the skipped ones, the run one
   * with its queued history entry, the new last and next instants (or a pause), and the lease released. False,
   * with nothing written, when `worker` no longer holds the lease or an occurrence is already recorded.
   */
  async record(id: string, worker: string, record: OccurrenceRecord): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const released = await trx.updateTable("schedules")
          .set({
            last_occurrence: record.lastOccurrence, next_due: record.nextDue, locked_by: null, locked_until: null,
            ...(record.pause === undefined ? {} : { status: "paused", paused_reason: record.pause, updated_at: record.now })
          })
          .where("id", "=", id).where("locked_by", "=", worker).where("status", "=", "active").executeTakeFirst()
        if (Number(released.numUpdatedRows) !== 1) throw new LeaseLost()
        const rows: Array<ScheduleTables["schedule_occurrences"]> = record.skipped.map((at) => ({
          schedule_id: id, occurrence_at: at, status: "skipped", entry_id: null, recorded_at: record.now
        }))
        if (record.run !== null) {
          rows.push({ schedule_id: id, occurrence_at: record.run.occurrence, status: record.run.late ? "late" : "run", entry_id: record.run.entry.id, recorded_at: record.now })
          await trx.insertInto("history").values({ ...record.run.entry }).execute()
        }
        // A duplicate key here (the occurrence recorded before) fails the transaction: nothing is written twice.
        if (rows.length > 0) await trx.insertInto("schedule_occurrences").values(rows).execute()
        return true
      })
    } catch (error) {
      if (error instanceof LeaseLost) return false
      throw error
    }
  }

  /** Gives a claimed schedule back without recording anything (a transient failure): it is due again at once. */
  async release(id: string, worker: string): Promise<void> {
    await this.db.updateTable("schedules").set({ locked_by: null, locked_until: null }).where("id", "=", id).where("locked_by", "=", worker).execute()
  }

  /** A schedule's occurrence records, oldest first. */
  async occurrences(id: string): Promise<Array<OccurrenceRow>> {
    const rows = await this.db.selectFrom("schedule_occurrences").selectAll().where("schedule_id", "=", id).orderBy("occurrence_at").execute()
    return rows.map(occurrenceOf)
  }

  /** The latest occurrence that ran (on time or late), the skipped ones between it and the run before, and its entry's status. */
  async lastRun(id: string): Promise<LastRun | undefined> {
    const last = await this.db.selectFrom("schedule_occurrences").selectAll().where("schedule_id", "=", id).where("status", "!=", "skipped")
      .orderBy("occurrence_at", "desc").limit(1).executeTakeFirst()
    if (last === undefined) return undefined
    const before = await this.db.selectFrom("schedule_occurrences").select("occurrence_at").where("schedule_id", "=", id).where("status", "!=", "skipped")
      .where("occurrence_at", "<", last.occurrence_at).orderBy("occurrence_at", "desc").limit(1).executeTakeFirst()
    const skipped = await this.db.selectFrom("schedule_occurrences").select((eb) => eb.fn.countAll<number | string | bigint>().as("n"))
      .where("schedule_id", "=", id).where("status", "=", "skipped").where("occurrence_at", "<", Number(last.occurrence_at))
      .where("occurrence_at", ">", before === undefined ? -1 : Number(before.occurrence_at)).executeTakeFirstOrThrow()
    const entry = last.entry_id === null ? undefined
      : await this.db.selectFrom("history").select("status").where("id", "=", last.entry_id).executeTakeFirst()
    return { occurrence: occurrenceOf(last), skipped: Number(skipped.n), entryStatus: entry?.status }
  }
}

class LeaseLost extends Error {}
