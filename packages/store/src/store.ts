/**
 * The Store: core's ReportSource plus what the apps need around it (migrate, import, reproject, directory
 * lookups, table counts), as one class over a kysely instance and a dialect. The dialect subpaths only build
 * the kysely instance; everything else is shared.
 */
import type {
  Clinic, ClinicRole, Directory, OrganisationRole, FactQuery, LoginSummary, Organisation, ParticipantFact, ReportSource, ReportingConfiguration,
  RoomCallBundle, RoomCallQuery, SessionBundle, User
} from "@vcr/core"
import { sql, type Kysely } from "kysely"
import { Access, type AccessTables } from "./access.ts"
import { Jobs, type JobTables } from "./jobs.ts"
import { Schedules, type ScheduleTables } from "./schedules.ts"
import type { StoreDialect } from "./dialect.ts"
import { importLines, reprojectAll, type ImportOptions, type ImportSummary } from "./import.ts"
import { migrateToLatest } from "./migrations.ts"
import * as Figures from "./figures.ts"
import * as Queries from "./queries.ts"
import type { RawReads } from "./reads.ts"
import { countedTables, type Database } from "./schema.ts"

/** A vcr store on SQLite or PostgreSQL: the report source of core, plus import and maintenance. */
export interface Store extends ReportSource {
  readonly dialect: "sqlite" | "postgres"
  /** Creates or upgrades the tables (`vcr db migrate`); safe to run again. */
  migrate(): Promise<void>
  /**
   * Imports one NDJSON file or stream (one string per line), all or nothing. Throws core's MalformedLine naming
   * the first bad line (nothing is stored then); importing the same file again changes nothing.
   */
  importLines(lines: AsyncIterable<string> | Iterable<string>, options?: ImportOptions): Promise<ImportSummary>
  /** Recomputes every fact from the stored events with the current core rules (`vcr db reproject`). */
  reproject(options?: { readonly onProgress?: (progress: { readonly components: number }) => void }): Promise<{ components: number }>
  organisation(id: string): Promise<Organisation | undefined>
  clinic(id: string): Promise<Clinic | undefined>
  /** The reporting configuration of an organisation, if one was imported. */
  configuration(organisationId: string): Promise<ReportingConfiguration | undefined>
  user(id: string): Promise<User | undefined>
  /**
   * The users whose email address is `email`, letter case ignored (ASCII letters on SQLite, all letters on
   * PostgreSQL), by id; deactivated ones included (the caller decides who may sign in).
   */
  usersByEmail(email: string): Promise<Array<User>>
  /** Rows per table (directory, logins, events, facts), for import and demo summaries. */
  counts(): Promise<Record<string, number>>
  /** Credentials, report history and audit log of the HTTP app. */
  readonly access: Access
  /** The durable job queue (generation and email outbox) and in-database files. */
  readonly jobs: Jobs
  /** Scheduled deliveries and their occurrence records (SPEC §11.4). */
  readonly schedules: Schedules
  /** Current role records of a user (for permission checks at each request), with their clinics' organisations. */
  rolesOf(userId: string): Promise<{
    organisationRoles: Array<OrganisationRole>
    clinicRoles: Array<ClinicRole>
    clinics: Array<Clinic>
  }>
  /** Organisations by id (those that exist). */
  organisations(ids: ReadonlyArray<string>): Promise<Array<Organisation>>
  /** Stores a reporting configuration as an import line would (R14: replaces the record as a whole). */
  putConfiguration(configuration: ReportingConfiguration): Promise<void>
  /** Whether the database answers (readiness). */
  ping(): Promise<boolean>
  /** Closes the connection (pool). */
  close(): Promise<void>
}

/** The one implementation of Store, over any kysely dialect the store supports. */
export class KyselyStore implements Store {
  private closed = false
  constructor(
    /** The kysely instance (for tests and tools inside this package; not part of the public API). */
    readonly db: Kysely<Database>,
    /** What differs between the databases (for tests inside this package, like `db`). */
    readonly flavour: StoreDialect,
    /** The driver's array-mode reads, for the report streams. */
    private readonly reads: RawReads
  ) {
    this.access = new Access(db as unknown as Kysely<AccessTables>)
    this.jobs = new Jobs(db as unknown as Kysely<JobTables>, flavour)
    this.schedules = new Schedules(db as unknown as Kysely<ScheduleTables>)
  }

  readonly access: Access
  readonly jobs: Jobs
  readonly schedules: Schedules

  async rolesOf(userId: string) {
    const [orgRoles, clinicRoles] = await Promise.all([
      this.db.selectFrom("organisation_roles").selectAll().where("user_id", "=", userId).execute(),
      this.db.selectFrom("clinic_roles").selectAll().where("user_id", "=", userId).execute()
    ])
    const clinicIds = [...new Set(clinicRoles.map((r) => r.clinic_id))]
    const clinics = clinicIds.length === 0 ? [] : await this.db.selectFrom("clinics").selectAll().where(this.flavour.anyOf("id", clinicIds)).execute()
    return {
      organisationRoles: orgRoles.map(Queries.organisationRoleOf),
      clinicRoles: clinicRoles.map(Queries.clinicRoleOf),
      clinics: clinics.map(Queries.clinicOf)
    }
  }

  async organisations(ids: ReadonlyArray<string>): Promise<Array<Organisation>> {
    if (ids.length === 0) return []
    const rows = await this.db.selectFrom("organisations").selectAll().where(this.flavour.anyOf("id", ids)).execute()
    return rows.map(Queries.organisationOf)
  }

  async putConfiguration(c: ReportingConfiguration): Promise<void> {
    const row = {
      organisation_id: c.organisation_id,
      tags: JSON.stringify(c.tags),
      bandwidth_columns: (c.bandwidth_columns ? 1 : 0) as 0 | 1,
      default_timezone: c.default_timezone,
      default_minimum_duration_minutes: c.default_minimum_duration_minutes
    }
    await this.db.insertInto("reporting_configurations").values(row)
      .onConflict((oc) => oc.column("organisation_id").doUpdateSet({ ...row }))
      .execute()
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db)
      return true
    } catch {
      return false
    }
  }

  get dialect(): "sqlite" | "postgres" {
    return this.flavour.name
  }

  migrate(): Promise<void> {
    return migrateToLatest(this.db, this.flavour)
  }

  importLines(lines: AsyncIterable<string> | Iterable<string>, options?: ImportOptions): Promise<ImportSummary> {
    return importLines(this.db, this.flavour, lines, options)
  }

  reproject(options?: { readonly onProgress?: (progress: { readonly components: number }) => void }): Promise<{ components: number }> {
    return reprojectAll(this.db, this.flavour, options)
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    const r = await this.db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst()
    return r === undefined ? undefined : Queries.organisationOf(r)
  }

  async clinic(id: string): Promise<Clinic | undefined> {
    const r = await this.db.selectFrom("clinics").selectAll().where("id", "=", id).executeTakeFirst()
    return r === undefined ? undefined : Queries.clinicOf(r)
  }

  async configuration(organisationId: string): Promise<ReportingConfiguration | undefined> {
    const r = await this.db.selectFrom("reporting_configurations").selectAll().where("organisation_id", "=", organisationId).executeTakeFirst()
    return r === undefined ? undefined : Queries.configurationOf(r)
  }

  async user(id: string): Promise<User | undefined> {
    const r = await this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst()
    return r === undefined ? undefined : Queries.userOf(r)
  }

  async usersByEmail(email: string): Promise<Array<User>> {
    const rows = await this.db.selectFrom("users").selectAll()
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", eb.fn("lower", [eb.val(email)])))
      .orderBy("id").execute()
    return rows.map(Queries.userOf)
  }

  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {}
    for (const table of countedTables) {
      const r = await this.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()
      counts[table] = Number(r.n)
    }
    return counts
  }

  directory(organisationIds: ReadonlyArray<string>): Promise<Directory> {
    return Queries.directory(this.db, this.flavour, organisationIds)
  }

  sessions(query: FactQuery & { readonly participants: boolean; readonly hosts?: boolean }): AsyncIterable<SessionBundle> {
    return Queries.sessions(this.reads, this.flavour, query)
  }

  participantFacts(query: FactQuery): AsyncIterable<ReadonlyArray<ParticipantFact>> {
    return Queries.participantFacts(this.reads, this.flavour, query)
  }

  roomCalls(query: RoomCallQuery): AsyncIterable<RoomCallBundle> {
    return Queries.roomCalls(this.reads, this.flavour, query)
  }

  sessionFigures(query: FactQuery) {
    return Figures.sessionFigures(this.reads, this.flavour, query)
  }

  segmentFacts(query: FactQuery) {
    return Figures.segmentFacts(this.reads, this.flavour, query)
  }

  roomCallFacts(query: Omit<RoomCallQuery, "participants">) {
    return Figures.roomCallFacts(this.reads, this.flavour, query)
  }

  lastClinicConsultations(clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number): Promise<ReadonlyMap<string, number>> {
    return Queries.lastClinicConsultations(this.db, this.flavour, clinicIds, end, thresholdMs)
  }

  lastProviderConsultations(
    clinicIds: ReadonlyArray<string>, end: number, thresholdMs: number
  ): Promise<ReadonlyArray<{ readonly clinic_id: string; readonly user_id: string; readonly at: number }>> {
    return Queries.lastProviderConsultations(this.db, this.flavour, clinicIds, end, thresholdMs)
  }

  logins(userIds: ReadonlyArray<string>, start: number, end: number): Promise<ReadonlyMap<string, LoginSummary>> {
    return Queries.logins(this.db, this.flavour, userIds, start, end)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.db.destroy()
  }
}
