/**
 * The migrations of the store: one list for both databases (the dialect only changes the text type, so ids
 * order by code point everywhere). Migrations are code, not files, so a bundled CLI carries them.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely"
import { accessMigration, historyLocaleMigration, serviceTokensMigration } from "./access.ts"
import { projectPending } from "./facts.ts"
import { jobsMigration } from "./jobs.ts"
import { schedulesMigration } from "./schedules.ts"
import type { StoreDialect } from "./dialect.ts"
import type { Database } from "./schema.ts"

const bandwidth = ["min_sent_kbps", "max_sent_kbps", "avg_sent_kbps", "min_received_kbps", "max_received_kbps", "avg_received_kbps"]

const initial = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    const t = dialect.text
    const s = db.schema

    await s.createTable("organisations")
      .addColumn("id", t, (c) => c.primaryKey())
      .addColumn("name", t).addColumn("state", t).addColumn("specialty", t).addColumn("contract", t)
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("deleted_at", "bigint")
      .execute()

    await s.createTable("clinics")
      .addColumn("id", t, (c) => c.primaryKey())
      .addColumn("organisation_id", t, (c) => c.notNull())
      .addColumn("name", t).addColumn("subdomain", t)
      .addColumn("status", t, (c) => c.notNull())
      .addColumn("state", t).addColumn("specialty", t).addColumn("contract", t).addColumn("consultation_name", t)
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("deleted_at", "bigint")
      .addColumn("tags", "text", (c) => c.notNull())
      .execute()
    await s.createIndex("clinics_organisation").on("clinics").columns(["organisation_id", "id"]).execute()

    await s.createTable("users")
      .addColumn("id", t, (c) => c.primaryKey())
      .addColumn("name", t).addColumn("email", t)
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("deactivated_at", "bigint")
      .execute()

    await s.createTable("organisation_roles")
      .addColumn("user_id", t, (c) => c.notNull())
      .addColumn("organisation_id", t, (c) => c.notNull())
      .addColumn("role", t, (c) => c.notNull())
      .addColumn("granted_at", "bigint", (c) => c.notNull())
      .addColumn("revoked_at", "bigint")
      .addPrimaryKeyConstraint("organisation_roles_pk", ["user_id", "organisation_id", "role", "granted_at"])
      .execute()
    await s.createIndex("organisation_roles_organisation").on("organisation_roles").columns(["organisation_id", "user_id"]).execute()

    await s.createTable("clinic_roles")
      .addColumn("user_id", t, (c) => c.notNull())
      .addColumn("clinic_id", t, (c) => c.notNull())
      .addColumn("role", t, (c) => c.notNull())
      .addColumn("granted_at", "bigint", (c) => c.notNull())
      .addColumn("revoked_at", "bigint")
      .addPrimaryKeyConstraint("clinic_roles_pk", ["user_id", "clinic_id", "role", "granted_at"])
      .execute()
    await s.createIndex("clinic_roles_clinic").on("clinic_roles").columns(["clinic_id", "user_id"]).execute()

    await s.createTable("rooms")
      .addColumn("id", t, (c) => c.primaryKey())
      .addColumn("clinic_id", t, (c) => c.notNull())
      .addColumn("kind", t, (c) => c.notNull())
      .addColumn("name", t)
      .addColumn("owner_user_id", t)
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("deleted_at", "bigint")
      .addColumn("tags", "text", (c) => c.notNull())
      .execute()
    await s.createIndex("rooms_clinic").on("rooms").columns(["clinic_id", "id"]).execute()

    await s.createTable("reporting_configurations")
      .addColumn("organisation_id", t, (c) => c.primaryKey())
      .addColumn("tags", "text", (c) => c.notNull())
      .addColumn("bandwidth_columns", "integer", (c) => c.notNull())
      .addColumn("default_timezone", t)
      .addColumn("default_minimum_duration_minutes", "double precision")
      .execute()

    // Every login is kept (R14); (user_id, at) is unique so that importing the same file again adds nothing.
    await s.createTable("logins")
      .addColumn("user_id", t, (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("logins_pk", ["user_id", "at"])
      .execute()

    let events = s.createTable("events")
      .addColumn("id", t, (c) => c.primaryKey())
      .addColumn("identity", "text", (c) => c.notNull())
      .addColumn("event", t, (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
    for (const c of ["session_id", "segment_id", "queued_call_id", "clinic_id", "participant_id", "role", "user_id",
      "room_id", "room_call_id", "to_clinic_id", "to_segment_id", "to_queued_call_id"]) events = events.addColumn(c, t)
    for (const c of bandwidth) events = events.addColumn(c, "integer")
    await events.addColumn("component", "bigint", (c) => c.notNull()).execute()
    await s.createIndex("events_component").on("events").column("component").execute()

    await s.createTable("links")
      .addColumn("key", t, (c) => c.primaryKey())
      .addColumn("component", "bigint", (c) => c.notNull())
      .execute()
    await s.createIndex("links_component").on("links").column("component").execute()

    await s.createTable("pending_components")
      .addColumn("component", "bigint", (c) => c.primaryKey())
      .execute()

    await s.createTable("sessions")
      .addColumn("session_id", t, (c) => c.primaryKey())
      .addColumn("component", "bigint", (c) => c.notNull())
      .addColumn("entry_at", "bigint", (c) => c.notNull())
      .addColumn("first_clinic_id", t, (c) => c.notNull())
      .addColumn("consultation_ms", "bigint", (c) => c.notNull())
      .execute()
    await s.createIndex("sessions_entry").on("sessions").columns(["entry_at", "session_id"]).execute()
    await s.createIndex("sessions_component").on("sessions").column("component").execute()

    await s.createTable("segments")
      .addColumn("segment_id", t, (c) => c.primaryKey())
      .addColumn("session_id", t, (c) => c.notNull())
      .addColumn("component", "bigint", (c) => c.notNull())
      .addColumn("clinic_id", t, (c) => c.notNull())
      .addColumn("queued_call_id", t, (c) => c.notNull())
      .addColumn("entry_at", "bigint", (c) => c.notNull())
      .addColumn("start_seq", "integer", (c) => c.notNull())
      .addColumn("answered_at", "bigint")
      .addColumn("wait_ms", "bigint", (c) => c.notNull())
      .addColumn("end_at", "bigint", (c) => c.notNull())
      .addColumn("consultation_ms", "bigint", (c) => c.notNull())
      .addColumn("transfer_at", "bigint")
      .addColumn("transferred_to_clinic_id", t)
      .addColumn("transferred_to_segment_id", t)
      .addColumn("transferred_in", "integer", (c) => c.notNull())
      .addColumn("abandoned_at", "bigint")
      .addColumn("participants", "integer", (c) => c.notNull())
      .addColumn("hosts_json", "text", (c) => c.notNull())
      .execute()
    await s.createIndex("segments_session").on("segments").columns(["session_id", "entry_at", "start_seq"]).execute()
    await s.createIndex("segments_clinic_answered").on("segments").columns(["clinic_id", "answered_at"]).execute()
    await s.createIndex("segments_component").on("segments").column("component").execute()

    await s.createTable("segment_hosts")
      .addColumn("segment_id", t, (c) => c.notNull())
      .addColumn("user_id", t, (c) => c.notNull())
      .addColumn("session_id", t, (c) => c.notNull())
      .addColumn("clinic_id", t, (c) => c.notNull())
      .addColumn("own_ms", "bigint", (c) => c.notNull())
      .addColumn("first_consult_at", "bigint")
      .addPrimaryKeyConstraint("segment_hosts_pk", ["segment_id", "user_id"])
      .execute()
    await s.createIndex("segment_hosts_clinic_user").on("segment_hosts").columns(["clinic_id", "user_id"]).execute()

    let participants = s.createTable("segment_participants")
      .addColumn("segment_id", t, (c) => c.notNull())
      .addColumn("ord", "integer", (c) => c.notNull())
      .addColumn("participant_id", t, (c) => c.notNull())
      .addColumn("appearance", "integer", (c) => c.notNull())
      .addColumn("kind", t, (c) => c.notNull())
      .addColumn("user_id", t)
      .addColumn("joined_at", "bigint")
      .addColumn("left_at", "bigint", (c) => c.notNull())
      .addColumn("attendance_ms", "bigint", (c) => c.notNull())
      .addColumn("incomplete", "integer", (c) => c.notNull())
    for (const c of bandwidth) participants = participants.addColumn(c, "integer")
    await participants.addPrimaryKeyConstraint("segment_participants_pk", ["segment_id", "ord"]).execute()

    await s.createTable("room_calls")
      .addColumn("room_call_id", t, (c) => c.primaryKey())
      .addColumn("component", "bigint", (c) => c.notNull())
      .addColumn("room_id", t, (c) => c.notNull())
      .addColumn("start_at", "bigint", (c) => c.notNull())
      .addColumn("end_at", "bigint", (c) => c.notNull())
      .addColumn("duration_ms", "bigint", (c) => c.notNull())
      .addColumn("participants", "integer", (c) => c.notNull())
      .execute()
    await s.createIndex("room_calls_room_start").on("room_calls").columns(["room_id", "start_at"]).execute()
    await s.createIndex("room_calls_start").on("room_calls").columns(["start_at", "room_call_id"]).execute()
    await s.createIndex("room_calls_component").on("room_calls").column("component").execute()

    let callParticipants = s.createTable("room_call_participants")
      .addColumn("room_call_id", t, (c) => c.notNull())
      .addColumn("ord", "integer", (c) => c.notNull())
      .addColumn("participant_id", t, (c) => c.notNull())
      .addColumn("appearance", "integer", (c) => c.notNull())
      .addColumn("role", t, (c) => c.notNull())
      .addColumn("user_id", t)
      .addColumn("joined_at", "bigint", (c) => c.notNull())
      .addColumn("left_at", "bigint", (c) => c.notNull())
      .addColumn("attendance_ms", "bigint", (c) => c.notNull())
      .addColumn("incomplete", "integer", (c) => c.notNull())
    for (const c of bandwidth) callParticipants = callParticipants.addColumn(c, "integer")
    await callParticipants.addPrimaryKeyConstraint("room_call_participants_pk", ["room_call_id", "ord"]).execute()
  },
  async down(db: Kysely<any>) {
    for (const table of [
      "room_call_participants", "room_calls", "segment_participants", "segment_hosts", "segments", "sessions",
      "pending_components", "links", "events", "logins", "reporting_configurations", "rooms", "clinic_roles",
      "organisation_roles", "users", "clinics", "organisations"
    ]) await db.schema.dropTable(table).ifExists().execute()
  }
})

/**
 * Room calls keep each host account's own attendance (R73: the union of its devices' presences), which the
 * participant rows cannot give back; the stored room calls are projected again to fill it.
 */
const roomCallHosts = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    const migrate = async (trx: Kysely<Database>) => {
      await trx.schema.alterTable("room_calls").addColumn("hosts_json", "text", (c) => c.notNull().defaultTo("[]")).execute()
      await dialect.lockWrites(trx)
      await trx.insertInto("pending_components").expression(trx.selectFrom("room_calls").select("component").distinct()).execute()
      // The host pairs' tables come later (0009), which fills them from the facts written here.
      await projectPending(trx, dialect, { fresh: false, hostPairs: false })
      await trx.deleteFrom("pending_components").execute()
    }
    // Every migration runs in a transaction: PostgreSQL's per migration, SQLite's around the whole run (BEGIN
    // IMMEDIATE, see sqlite/index.ts).
    await migrate(db)
  }
})

/**
 * Report and tile look-ups whose cost must not grow with the history (issue 11): the hosts of each clinic and
 * room kept as facts (filled from the stored facts here, then by every projection), the provider's latest
 * consultation walked down an index from the newest, and a clinic's segments by entry time.
 */
const reportLookups = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<any>) {
    const t = dialect.text
    const s = db.schema
    // Safe to run again over its own tables (a store taken back to an older schema runs it a second time).
    await s.createTable("clinic_hosts").ifNotExists()
      .addColumn("clinic_id", t, (c) => c.notNull())
      .addColumn("user_id", t, (c) => c.notNull())
      .addPrimaryKeyConstraint("clinic_hosts_pk", ["clinic_id", "user_id"])
      .execute()
    await s.createTable("room_hosts").ifNotExists()
      .addColumn("room_id", t, (c) => c.notNull())
      .addColumn("user_id", t, (c) => c.notNull())
      .addPrimaryKeyConstraint("room_hosts_pk", ["room_id", "user_id"])
      .execute()
    await db.insertInto("clinic_hosts").columns(["clinic_id", "user_id"])
      // (A WHERE, as SQLite wants before ON CONFLICT after a SELECT.)
      .expression(db.selectFrom("segment_hosts").select(["clinic_id", "user_id"]).where(sql<boolean>`1 = 1`).distinct())
      .onConflict((oc) => oc.doNothing()).execute()
    await db.insertInto("room_hosts").columns(["room_id", "user_id"])
      .expression(db.selectFrom("room_call_participants as p").innerJoin("room_calls as c", "c.room_call_id", "p.room_call_id")
        .select(["c.room_id", "p.user_id"]).where("p.role", "=", "host").where("p.user_id", "is not", null).distinct())
      .onConflict((oc) => oc.doNothing()).execute()
    await s.createIndex("segment_hosts_latest").ifNotExists().on("segment_hosts").columns(["clinic_id", "user_id", "first_consult_at"]).execute()
    await s.dropIndex("segment_hosts_clinic_user").ifExists().execute()
    await s.createIndex("segments_clinic_entry").ifNotExists().on("segments").columns(["clinic_id", "entry_at"]).execute()
  }
})

/** The migrations of the store, by name (applied in name order). */
export const migrations = (dialect: StoreDialect): Record<string, Migration> => ({
  "0001_initial": initial(dialect),
  "0002_access": accessMigration(dialect),
  "0003_jobs": jobsMigration(dialect),
  "0004_room_call_hosts": roomCallHosts(dialect),
  "0005_service_tokens": serviceTokensMigration(dialect),
  "0006_schedules": schedulesMigration(dialect),
  "0007_locale": historyLocaleMigration(dialect),
  "0009_report_lookups": reportLookups(dialect)
})

/** Applies every pending migration; throws the first failure. */
export const migrateToLatest = async (db: Kysely<Database>, dialect: StoreDialect): Promise<void> => {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) }
  const { error, results } = await new Migrator({
    db,
    provider,
    // Numbers are assigned to pieces of work in advance and land in any order: a store that already applied a
    // later number (0009) must still take an earlier one added since (0008), rather than refuse to start.
    allowUnorderedMigrations: true
  }).migrateToLatest()
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")
    const cause = error instanceof Error ? error : new Error(String(error))
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${cause.message}`.replace("  ", " "), { cause })
  }
}
