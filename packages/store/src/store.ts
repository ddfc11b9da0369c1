/**
 * The Store: core's ReportSource plus what the apps need around it (migrate, import, reproject, directory
 * lookups, table counts), as one class over a kysely instance and a dialect. The dialect subpaths only build
 * the kysely instance; everything else is shared.
 */
import type {
  Clinic, Directory, FactQuery, LoginSummary, Organisation, ReportSource, ReportingConfiguration, RoomCallBundle,
  SessionBundle, User
} from "@vcr/core"
import type { Kysely } from "kysely"
import type { StoreDialect } from "./dialect.ts"
import { importLines, reprojectAll, type ImportOptions, type ImportSummary } from "./import.ts"
import { migrateToLatest } from "./migrations.ts"
import * as Queries from "./queries.ts"
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
  /** Rows per table (directory, logins, events, facts), for import and demo summaries. */
  counts(): Promise<Record<string, number>>
  /** Closes the connection (pool). */
  close(): Promise<void>
}

/** The one implementation of Store, over any kysely dialect the store supports. */
export class KyselyStore implements Store {
  private closed = false
  constructor(
    /** The kysely instance (for tests and tools inside this package; not part of the public API). */
    readonly db: Kysely<Database>,
    private readonly flavour: StoreDialect
  ) {}

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

  sessions(query: FactQuery & { readonly participants: boolean }): AsyncIterable<SessionBundle> {
    return Queries.sessions(this.db, this.flavour, query)
  }

  roomCalls(query: { readonly start: number; readonly end: number; readonly roomIds: ReadonlyArray<string> }): AsyncIterable<RoomCallBundle> {
    return Queries.roomCalls(this.db, this.flavour, query)
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
