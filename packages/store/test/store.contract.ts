/**
 * The store contract: one suite of behaviour that every database must pass. `contract(name, fresh)` registers
 * it; `fresh()` returns the URL of an empty database (the previous store is closed by then).
 */
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import {
  MalformedLine, Order, Records, type CallEvent, type FactQuery, type ParticipantFact, type RoomCallBundle, type RoomCallFact, type RoomCallQuery,
  type SegmentFact, type SessionBundle
} from "@vcr/core"
import { afterEach, describe, expect, it } from "vitest"
import { openStore, type ImportProgress, type Store } from "../src/index.ts"
import { importLines } from "../src/import.ts"
import type { KyselyStore } from "../src/store.ts"
import { acceptanceLines, acceptancePath, generatedLines, generatedSessionId, line, shuffled, smallLines } from "./fixtures.ts"

const at = (iso: string) => Date.parse(iso)
/** 2026-03-02 in Australia/Sydney. */
const sydneyDay = { start: at("2026-03-01T13:00:00Z"), end: at("2026-03-02T13:00:00Z") }
const everything = { start: -Infinity, end: Infinity }

/** Lines of a file as `vcr import` reads them. */
const fileLines = (path: string) => createInterface({ input: createReadStream(path), crlfDelay: Infinity })

const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected the promise to fail")
}

const collect = async <A>(items: AsyncIterable<A>): Promise<Array<A>> => {
  const out: Array<A> = []
  for await (const item of items) out.push(item)
  return out
}

/** What `participantFacts` must give: the sessions' participants of segments in the clinics, flat, in order. */
const flatFacts = (sessions: ReadonlyArray<SessionBundle>, clinicIds: ReadonlyArray<string>): Array<ParticipantFact> =>
  sessions.flatMap(({ session: s, segments }) =>
    segments.filter(({ segment: g }) => clinicIds.includes(g.clinic_id)).flatMap(({ segment: g, participants }) =>
      participants.map((p): ParticipantFact => [
        s.session_id, s.entry_at, s.consultation_ms, g.segment_id, g.clinic_id, g.queued_call_id, g.entry_at, g.answered_at, g.wait_ms,
        g.end_at, g.consultation_ms, g.transfer_at, g.transferred_to_clinic_id, g.transferred_to_segment_id, g.abandoned_at,
        g.participants, p.participant_id, p.kind, p.user_id, p.joined_at, p.left_at, p.attendance_ms, p.incomplete ? 1 : 0,
        ...(p.bandwidth ?? [null, null, null, null, null, null])
      ])))

/** A store's participant facts of a query, their batches joined. */
const participantFacts = async (store: Store, query: FactQuery): Promise<Array<ParticipantFact>> =>
  (await collect(store.participantFacts!(query))).flat()

/** What `sessionFigures` must give for these sessions, each session's segments by id (their order is free). */
const figuresOf = (sessions: ReadonlyArray<SessionBundle>) =>
  sessions.map(({ session: s, segments }) => ({
    session_id: s.session_id, first_clinic_id: s.first_clinic_id, consultation_ms: s.consultation_ms,
    segments: segments.map(({ segment: g }) => ({
      segment_id: g.segment_id, clinic_id: g.clinic_id, answered_at: g.answered_at, wait_ms: g.wait_ms, consultation_ms: g.consultation_ms,
      transfer_at: g.transfer_at, transferred_in: g.transferred_in, abandoned_at: g.abandoned_at, hosts: g.hosts
    })).sort((a, b) => Order.compareCodePoints(a.segment_id, b.segment_id))
  }))

/** The figures a store streams, flat, each session's segments by id. */
const streamedFigures = async (store: Store, query: FactQuery) =>
  (await collect(store.sessionFigures(query))).flat().map((s) => ({
    ...s, segments: [...s.segments].sort((a, b) => Order.compareCodePoints(a.segment_id, b.segment_id))
  }))

/** What `segmentFacts` must give for these sessions (as `sessions` with hosts reads them), in a canonical order. */
const segmentFactsOf = (sessions: ReadonlyArray<SessionBundle>): Array<SegmentFact> =>
  sessions.flatMap(({ session: s, segments }) => segments.map(({ segment: g }): SegmentFact => [
    s.session_id, s.entry_at, s.first_clinic_id, s.consultation_ms, g.clinic_id,
    (g.answered_at === null ? 0 : 1) + (g.transfer_at === null ? 0 : 2) + (g.transferred_in ? 4 : 0) + (g.abandoned_at === null ? 0 : 8),
    g.wait_ms, g.consultation_ms, g.hosts.length === 0 ? null : JSON.stringify(g.hosts)
  ])).sort((a, b) => Order.compareCodePoints(JSON.stringify(a), JSON.stringify(b)))

/**
 * The segment facts a store streams, in the canonical order of `segmentFactsOf`, after checking that each
 * session's facts are next to each other and that no batch is empty.
 */
const streamedSegmentFacts = async (store: Store, query: FactQuery): Promise<Array<SegmentFact>> => {
  const batches = await collect(store.segmentFacts!(query))
  expect(batches.every((b) => b.length > 0)).toBe(true)
  const facts = batches.flat()
  const seen = new Set<string>()
  facts.forEach((f, i) => {
    if (i > 0 && facts[i - 1]![0] === f[0]) return
    expect(seen.has(f[0])).toBe(false)
    seen.add(f[0])
  })
  return [...facts].sort((a, b) => Order.compareCodePoints(JSON.stringify(a), JSON.stringify(b)))
}

/** The calls a store streams as facts, and what `roomCalls` says they must be, both by call id. */
const callFacts = async (store: Store, query: Omit<RoomCallQuery, "participants">) => {
  const byId = (a: RoomCallFact, b: RoomCallFact) => Order.compareCodePoints(a[0], b[0])
  const calls = await collect(store.roomCalls({ ...query, participants: false }))
  return {
    streamed: (await collect(store.roomCallFacts!(query))).flat().sort(byId),
    expected: calls.map(({ call: c }): RoomCallFact => [
      c.room_call_id, c.start_at, c.room_id, c.duration_ms, c.participants, c.hosts.length === 0 ? null : JSON.stringify(c.hosts)
    ]).sort(byId)
  }
}

const factTables = [
  ["sessions", ["session_id"]],
  ["segments", ["segment_id"]],
  ["segment_hosts", ["segment_id", "user_id"]],
  ["segment_participants", ["segment_id", "ord"]],
  ["room_calls", ["room_call_id"]],
  ["room_call_participants", ["room_call_id", "ord"]],
  ["events", ["id"]],
  ["organisations", ["id"]],
  ["clinics", ["id"]],
  ["users", ["id"]],
  ["organisation_roles", ["user_id", "organisation_id", "role", "granted_at"]],
  ["clinic_roles", ["user_id", "clinic_id", "role", "granted_at"]],
  ["rooms", ["id"]],
  ["reporting_configurations", ["organisation_id"]],
  ["logins", ["user_id", "at"]]
] as const

/** Every stored row except component ids (which depend on import order), in key order. */
const dump = async (store: Store): Promise<Record<string, Array<Record<string, unknown>>>> => {
  const db = (store as KyselyStore).db
  const out: Record<string, Array<Record<string, unknown>>> = {}
  for (const [table, keys] of factTables) {
    let query = db.selectFrom(table).selectAll() as any
    for (const k of keys) query = query.orderBy(k)
    const rows = (await query.execute()) as Array<Record<string, unknown>>
    out[table] = rows.map(({ component: _component, ...rest }) => rest)
  }
  return out
}

export const contract = (name: string, fresh: () => Promise<string>): void => {
  describe(`store contract on ${name}`, () => {
    const open: Array<Store> = []
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close()
    })
    /** An empty, migrated store. */
    const newStore = async (): Promise<Store> => {
      for (const store of open.splice(0)) await store.close()
      const store = await openStore(await fresh())
      open.push(store)
      await store.migrate()
      return store
    }
    /** Closes the store and opens an empty one, returning a dump of the old one. */
    const imported = async (...files: ReadonlyArray<ReadonlyArray<string>>) => {
      const store = await newStore()
      for (const file of files) await store.importLines(file)
      return store
    }

    it("reports its dialect and migrates twice without harm", async () => {
      const store = await newStore()
      expect(store.dialect).toBe(name)
      await store.migrate()
      expect(Object.values(await store.counts()).every((n) => n === 0)).toBe(true)
    })

    it("reports progress by phase: reading while lines are stored, then the components projected of their total", async () => {
      const store = await newStore()
      const seen: Array<ImportProgress> = []
      await store.importLines(fileLines(acceptancePath), { onProgress: (p) => seen.push(p) })
      const firstProjecting = seen.findIndex((p) => p.phase === "projecting")
      expect(firstProjecting).toBeGreaterThan(0)
      expect(seen.slice(0, firstProjecting).every((p) => p.phase === "reading")).toBe(true)
      expect(seen.slice(firstProjecting).every((p) => p.phase === "projecting" && p.lines === 35 && p.events === 22)).toBe(true)
      expect(seen.slice(firstProjecting).map((p) => p.components)).toEqual([{ done: 0, total: 4 }, { done: 4, total: 4 }])
    })

    it("imports the three-clinic transfer and stores the projected facts", async () => {
      const store = await newStore()
      const progress: Array<number> = []
      const summary = await store.importLines(fileLines(acceptancePath), { onProgress: (p) => progress.push(p.lines) })
      expect(summary).toEqual({ lines: 35, records: 35, events: { inserted: 22, duplicates: 0 }, directory: 13, logins: 0, components: 4 })
      expect(progress.at(-1)).toBe(35)
      expect(await store.counts()).toMatchObject({
        organisations: 1, clinics: 3, users: 4, organisation_roles: 1, clinic_roles: 3, reporting_configurations: 1,
        events: 22, sessions: 4, segments: 6, segment_participants: 12, room_calls: 0
      })

      const sessions = await collect(store.sessions({ ...sydneyDay, clinicIds: ["cl-a", "cl-b", "cl-c"], participants: true }))
      expect(sessions.map((s) => s.session.session_id)).toEqual(["s-1", "s-2", "s-3", "s-4"])
      const s1 = sessions[0]!
      expect(s1.session).toEqual({ session_id: "s-1", entry_at: at("2026-03-02T09:00:00+11:00"), first_clinic_id: "cl-a", consultation_ms: 2_040_000 })
      expect(s1.segments.map((g) => g.segment.segment_id)).toEqual(["g-1", "g-2", "g-3"])
      const segments = new Map(sessions.flatMap((s) => s.segments.map((g) => [g.segment.segment_id, g] as const)))
      expect(segments.get("g-1")!.segment).toMatchObject({
        clinic_id: "cl-a", queued_call_id: "q-1", answered_at: at("2026-03-02T09:04:00+11:00"), wait_ms: 240_000,
        consultation_ms: 360_000, transfer_at: at("2026-03-02T09:10:00+11:00"), transferred_to_clinic_id: "cl-b",
        transferred_to_segment_id: "g-2", transferred_in: false, end_at: at("2026-03-02T09:10:30+11:00"), abandoned_at: null,
        participants: 2, hosts: [{ user_id: "u-nurse", own_ms: 360_000, first_consult_at: at("2026-03-02T09:04:00+11:00") }]
      })
      expect(segments.get("g-2")!.segment).toMatchObject({
        clinic_id: "cl-b", answered_at: at("2026-03-02T09:22:00+11:00"), consultation_ms: 780_000, wait_ms: 720_000,
        transfer_at: at("2026-03-02T09:35:00+11:00"), transferred_to_clinic_id: "cl-c", transferred_in: true,
        end_at: at("2026-03-02T09:36:00+11:00"), participants: 3
      })
      expect(segments.get("g-3")!.segment).toMatchObject({ consultation_ms: 900_000, transfer_at: null, transferred_in: true })
      expect(segments.get("g-4")!.segment).toMatchObject({
        answered_at: null, consultation_ms: 0, wait_ms: 180_000, abandoned_at: at("2026-03-02T10:03:00+11:00"), hosts: []
      })
      expect(segments.get("g-5")!.segment).toMatchObject({ consultation_ms: 120_000, abandoned_at: null })
      expect(segments.get("g-6")!.segment).toMatchObject({ consultation_ms: 180_000, answered_at: at("2026-03-02T13:02:00+11:00"), abandoned_at: null })

      const rows = sessions.flatMap((s) => s.segments.flatMap((g) => g.participants.map((p) => `${g.segment.segment_id}/${p.participant_id}`)))
      expect(rows).toEqual([
        "g-1/p-pat", "g-1/p-nurse", "g-2/p-pat", "g-2/p-doc", "g-2/p-int", "g-3/p-pat", "g-3/p-spec",
        "g-4/p-pat2", "g-5/p-pat3", "g-5/p-doc3", "g-6/p-pat4", "g-6/p-spec4"
      ])
      const nurse = segments.get("g-1")!.participants[1]!
      expect(nurse).toEqual({
        participant_id: "p-nurse", appearance: 1, kind: "host", user_id: "u-nurse", joined_at: at("2026-03-02T09:04:00+11:00"),
        left_at: at("2026-03-02T09:10:30+11:00"), attendance_ms: 390_000, incomplete: false, bandwidth: [400, 1800, 1200, 350, 2000, 1300]
      })
      expect(segments.get("g-4")!.participants[0]).toMatchObject({ kind: "primary", joined_at: null, attendance_ms: 0 })
    })

    it("streams sessions with a segment in the clinics, with all their segments, and nothing for no clinics", async () => {
      const store = await imported(acceptanceLines())
      const inC = await collect(store.sessions({ ...sydneyDay, clinicIds: ["cl-c"], participants: false }))
      expect(inC.map((s) => s.session.session_id)).toEqual(["s-1", "s-4"])
      expect(inC[0]!.segments.map((g) => g.segment.segment_id)).toEqual(["g-1", "g-2", "g-3"])
      expect(inC[0]!.segments.every((g) => g.participants.length === 0)).toBe(true)
      expect(await collect(store.sessions({ ...sydneyDay, clinicIds: [], participants: true }))).toEqual([])
      // The range is [start, end): s-1 entered exactly at 09:00 +11:00.
      const s1 = at("2026-03-02T09:00:00+11:00")
      const ids = async (start: number, end: number) =>
        (await collect(store.sessions({ start, end, clinicIds: ["cl-a", "cl-b", "cl-c"], participants: false }))).map((s) => s.session.session_id)
      expect(await ids(s1, s1 + 1)).toEqual(["s-1"])
      expect(await ids(s1 - 1, s1)).toEqual([])
      expect(await ids(s1 + 1, sydneyDay.end)).toEqual(["s-2", "s-3", "s-4"])
      // The same sessions as figures, whatever the clinics and the range.
      for (const query of [
        { ...sydneyDay, clinicIds: ["cl-a", "cl-b", "cl-c"] }, { ...sydneyDay, clinicIds: ["cl-c"] }, { ...sydneyDay, clinicIds: [] },
        { start: s1 + 1, end: sydneyDay.end, clinicIds: ["cl-a", "cl-b"] }, { start: s1, end: s1, clinicIds: ["cl-a"] }
      ]) {
        expect(await streamedFigures(store, query)).toEqual(figuresOf(await collect(store.sessions({ ...query, participants: false }))))
        expect(await streamedSegmentFacts(store, query)).toEqual(segmentFactsOf(await collect(store.sessions({ ...query, participants: false }))))
      }
    })

    it("gives the participants of the segments in the clinics as flat facts, in the order of the sessions", async () => {
      const store = await imported(acceptanceLines())
      const all = ["cl-a", "cl-b", "cl-c"]
      const sessions = await collect(store.sessions({ ...sydneyDay, clinicIds: all, participants: true }))
      const facts = await participantFacts(store, { ...sydneyDay, clinicIds: all })
      expect(facts).toEqual(flatFacts(sessions, all))
      expect(facts.map((f) => `${f[3]}/${f[16]}`)).toEqual([
        "g-1/p-pat", "g-1/p-nurse", "g-2/p-pat", "g-2/p-doc", "g-2/p-int", "g-3/p-pat", "g-3/p-spec",
        "g-4/p-pat2", "g-5/p-pat3", "g-5/p-doc3", "g-6/p-pat4", "g-6/p-spec4"
      ])
      expect(facts[1]).toEqual([
        "s-1", at("2026-03-02T09:00:00+11:00"), 2_040_000, "g-1", "cl-a", "q-1", at("2026-03-02T09:00:00+11:00"), at("2026-03-02T09:04:00+11:00"),
        240_000, at("2026-03-02T09:10:30+11:00"), 360_000, at("2026-03-02T09:10:00+11:00"), "cl-b", "g-2", null, 2,
        "p-nurse", "host", "u-nurse", at("2026-03-02T09:04:00+11:00"), at("2026-03-02T09:10:30+11:00"), 390_000, 0, 400, 1800, 1200, 350, 2000, 1300
      ])
      // Only the segments in the clinics: s-1's third segment and s-4's.
      expect((await participantFacts(store, { ...sydneyDay, clinicIds: ["cl-c"] })).map((f) => `${f[3]}/${f[16]}`)).toEqual(["g-3/p-pat", "g-3/p-spec", "g-6/p-pat4", "g-6/p-spec4"])
      expect(await participantFacts(store, { ...sydneyDay, clinicIds: [] })).toEqual([])
      const s1 = at("2026-03-02T09:00:00+11:00")
      expect(new Set((await participantFacts(store, { start: s1, end: s1 + 1, clinicIds: all })).map((f) => f[0]))).toEqual(new Set(["s-1"]))
      expect(await participantFacts(store, { start: s1 - 1, end: s1, clinicIds: all })).toEqual([])
    })

    it("reads the participant facts of many sessions, across pages, as the sessions give them", async () => {
      const store = await imported(generatedLines(600))
      const sessions = await collect(store.sessions({ ...everything, clinicIds: ["cl-g1", "cl-g2"], participants: true }))
      for (const clinicIds of [["cl-g2"], ["cl-g1", "cl-g2"]]) {
        const facts = await participantFacts(store, { ...everything, clinicIds })
        expect(facts.length).toBe(600 * 2 * clinicIds.length)
        expect(facts).toEqual(flatFacts(sessions, clinicIds))
        const segmentFacts = await streamedSegmentFacts(store, { ...everything, clinicIds })
        expect(segmentFacts.length).toBe(600 * 2)
        expect(segmentFacts).toEqual(segmentFactsOf(sessions))
      }
      // A reader that stops early leaves nothing held: more of them than a pool has connections, then other reads.
      for (let i = 0; i < 12; i++) {
        for await (const batch of store.participantFacts!({ ...everything, clinicIds: ["cl-g1", "cl-g2"] })) {
          expect(batch.length).toBeGreaterThan(0)
          break
        }
      }
      expect((await store.counts()).sessions).toBe(600)
      // Readers left open mid-stream, more than a pool has connections (reports being written at once): the
      // store's other reads still get a connection (on PostgreSQL, streams read through a pool of their own).
      const open = Array.from({ length: 12 }, () => store.participantFacts!({ ...everything, clinicIds: ["cl-g1"] })[Symbol.asyncIterator]())
      const firsts = open.map((reader) => reader.next())
      let timer: ReturnType<typeof setTimeout> | undefined
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("the store's reads waited on report streams' connections")), 10_000)
      })
      try {
        expect((await Promise.race([store.counts(), stuck])).sessions).toBe(600)
        expect((await Promise.race([firsts[0]!, stuck])).done).toBe(false)
      } finally {
        clearTimeout(timer)
        await Promise.all(open.map((reader) => reader.return?.()))
        await Promise.allSettled(firsts)
      }
    })

    it("ignores the same file imported twice and counts its events as duplicates", async () => {
      const store = await imported(acceptanceLines(), smallLines())
      const before = await store.counts()
      const facts = await dump(store)
      const again = await store.importLines(fileLines(acceptancePath))
      expect(again.events).toEqual({ inserted: 0, duplicates: 22 })
      expect(again.components).toBe(0)
      const small = await store.importLines(smallLines())
      expect(small.events.inserted).toBe(0)
      expect(await store.counts()).toEqual(before)
      expect(await dump(store)).toEqual(facts)
    })

    it("treats an event with reordered keys and another offset for the same instant as the same event (R13)", async () => {
      const store = await imported(acceptanceLines())
      const summary = await store.importLines([
        '{"participant_id":"p-pat","clinic_id":"cl-a","queued_call_id":"q-1","segment_id":"g-1","session_id":"s-1","at":"2026-03-01T22:00:00.000Z","event":"waiting_area.entered","id":"e-01","type":"event"}'
      ])
      expect(summary.events).toEqual({ inserted: 0, duplicates: 1 })
    })

    it("keeps a digest of each event's identity, and still compares the text an older store kept (R13)", async () => {
      const store = (await imported(acceptanceLines())) as KyselyStore
      const db = store.db
      const e01 = await db.selectFrom("events").select("identity").where("id", "=", "e-01").executeTakeFirstOrThrow()
      expect(e01.identity).toMatch(/^[A-Za-z0-9+/]{43}=$/)
      // As a store written before the digest would hold it: core's canonical JSON of the line.
      const text = Records.decodeLine(acceptanceLines().find((l) => l.includes('"id":"e-01"'))!, 1) as CallEvent
      await db.updateTable("events").set({ identity: text.identity }).where("id", "=", "e-01").execute()
      const same = await store.importLines([
        '{"participant_id":"p-pat","clinic_id":"cl-a","queued_call_id":"q-1","segment_id":"g-1","session_id":"s-1","at":"2026-03-01T22:00:00.000Z","event":"waiting_area.entered","id":"e-01","type":"event"}'
      ])
      expect(same.events).toEqual({ inserted: 0, duplicates: 1 })
      const error = await failure(store.importLines([
        '{"participant_id":"p-other","clinic_id":"cl-a","queued_call_id":"q-1","segment_id":"g-1","session_id":"s-1","at":"2026-03-01T22:00:00Z","event":"waiting_area.entered","id":"e-01","type":"event"}'
      ]))
      expect((error as MalformedLine).message).toBe('line 1: event "e-01" is already stored with different content (R13)')
    })

    it("gives the same facts whatever the order of lines and however the events are split across files", async () => {
      const all = [...acceptanceLines(), ...smallLines()]
      const reference = await dump(await imported(all))
      expect(reference.sessions!.length).toBe(9)

      for (const seed of [1, 2, 3]) {
        expect(await dump(await imported(shuffled(all, seed)))).toEqual(reference)
      }
      const directory = all.filter((l) => !l.includes('"type":"event"'))
      const events = all.filter((l) => l.includes('"type":"event"'))
      const odd = events.filter((_, i) => i % 2 === 1)
      const even = events.filter((_, i) => i % 2 === 0)
      expect(await dump(await imported(directory, odd, even))).toEqual(reference)
      expect(await dump(await imported(even, directory, odd))).toEqual(reference)
      // Segments g-2 and g-3 stored apart from s-1 / g-1, then the transfers link all three into one component.
      const transfers = events.filter((l) => l.includes("call.transferred"))
      const entryOfS1 = events.filter((l) => l.includes('"segment_id":"g-1"') && !l.includes("call.transferred"))
      const rest = events.filter((l) => !transfers.includes(l) && !entryOfS1.includes(l))
      const store = await imported(directory, rest, entryOfS1)
      const last = await store.importLines(transfers)
      expect(last.components).toBe(1)
      expect(await dump(store)).toEqual(reference)
    })

    it("stores the same facts and summary when it projects components early and some are touched again", async () => {
      const all = [...acceptanceLines(), ...smallLines(), ...generatedLines(300)]
      const hostPairs = async (store: Store) => {
        const db = (store as KyselyStore).db
        return [
          await db.selectFrom("clinic_hosts").selectAll().orderBy("clinic_id").orderBy("user_id").execute(),
          await db.selectFrom("room_hosts").selectAll().orderBy("room_id").orderBy("user_id").execute()
        ]
      }
      const halves = (lines: ReadonlyArray<string>) => [lines.slice(0, lines.length / 2), lines.slice(lines.length / 2)]
      for (const files of [[all], [shuffled(all, 4)], halves(shuffled(all, 5))]) {
        const reference = await imported()
        const summaries = []
        for (const file of files) summaries.push(await reference.importLines(file))
        const expected = { facts: await dump(reference), hosts: await hostPairs(reference), summaries }
        // Three events held at most: nearly every component is projected early, and the shuffled files touch many again.
        const store = (await newStore()) as KyselyStore
        const early = []
        for (const file of files) early.push(await importLines(store.db, store.flavour, file, {}, 3))
        expect({ facts: await dump(store), hosts: await hostPairs(store), summaries: early }).toEqual(expected)
      }
    })

    it("recomputes identical facts on reproject", async () => {
      const store = await imported(acceptanceLines(), smallLines())
      const before = await dump(store)
      expect(await store.reproject()).toEqual({ components: 13 })
      expect(await dump(store)).toEqual(before)
    })

    it("rejects an event id stored with other content, naming the line, and stores nothing of that file", async () => {
      const store = await imported(acceptanceLines())
      const before = await store.counts()
      const facts = await dump(store)
      const changed = acceptanceLines().find((l) => l.includes('"id":"e-05"'))!.replace("09:22:00", "09:23:00")
      const error = await failure(store.importLines([
        line({ type: "organisation", id: "org-new", created_at: "2025-01-01T00:00:00Z" }),
        line({ type: "event", id: "e-new", event: "waiting_area.entered", at: "2026-03-03T09:00:00Z", session_id: "s-new", segment_id: "g-new", queued_call_id: "q-new", clinic_id: "cl-a", participant_id: "p-new" }),
        changed
      ]))
      expect(error).toBeInstanceOf(MalformedLine)
      expect((error as MalformedLine).line).toBe(3)
      expect((error as MalformedLine).message).toBe('line 3: event "e-05" is already stored with different content (R13)')
      expect(await store.counts()).toEqual(before)
      expect(await dump(store)).toEqual(facts)
      expect(await store.organisation("org-new")).toBeUndefined()
    })

    it("rejects an id repeated with other content within one file", async () => {
      const store = await newStore()
      const first = line({ type: "event", id: "e-1", event: "participant.left", at: "2026-03-03T09:00:00Z", segment_id: "g", participant_id: "p" })
      const error = await failure(store.importLines([first, first, first.replace('"p"', '"q"')]))
      expect((error as MalformedLine).line).toBe(3)
      expect(Object.values(await store.counts()).every((n) => n === 0)).toBe(true)
    })

    it("rolls back batches already written when a late line is bad", async () => {
      const store = await newStore()
      const lines = [...generatedLines(150), "", line({ type: "login", user_id: "u" })]
      const error = await failure(store.importLines(lines))
      expect(error).toBeInstanceOf(MalformedLine)
      expect((error as MalformedLine).line).toBe(lines.length)
      expect((error as MalformedLine).reason).toMatch(/"at"/)
      expect(Object.values(await store.counts()).every((n) => n === 0)).toBe(true)
    })

    const badLines: ReadonlyArray<readonly [string, string, RegExp]> = [
      ["an instant without offset", line({ type: "login", user_id: "u-doc", at: "2026-03-02T09:00:00" }), /"at"/],
      ["an unknown type", line({ type: "meeting", id: "m-1" }), /"type"/],
      ["a missing required field", line({ type: "clinic", id: "cl-q", status: "open", created_at: "2024-01-01T00:00:00Z" }), /organisation_id/],
      ["bad JSON", '{"type":"organisation","id":"org-9",', /JSON/],
      ["an id that is not a string", line({ type: "user", id: 7, created_at: "2024-01-01T00:00:00Z" }), /"id"/]
    ]
    for (const [what, bad, reason] of badLines) {
      it(`rejects ${what} with its line number and stores nothing`, async () => {
        const store = await imported(acceptanceLines())
        const before = await store.counts()
        const lines = [
          line({ type: "organisation", id: "org-9", name: "Never stored", created_at: "2025-01-01T00:00:00Z" }),
          line({ type: "event", id: "e-99", event: "waiting_area.entered", at: "2026-03-03T09:00:00Z", session_id: "s-99", segment_id: "g-99", queued_call_id: "q-99", clinic_id: "cl-a", participant_id: "p-99" }),
          "   ",
          bad,
          line({ type: "organisation", id: "org-10", created_at: "2025-01-01T00:00:00Z" })
        ]
        const error = await failure(store.importLines(lines))
        expect(error).toBeInstanceOf(MalformedLine)
        expect((error as MalformedLine).line).toBe(4)
        expect((error as MalformedLine).message).toMatch(/^line 4: /)
        expect((error as MalformedLine).reason).toMatch(reason)
        expect(await store.counts()).toEqual(before)
        expect(await store.organisation("org-9")).toBeUndefined()
      })
    }

    it("replaces a directory record as a whole: a field missing from the later line becomes blank", async () => {
      const store = await newStore()
      await store.importLines([
        line({ type: "organisation", id: "org-3", name: "Old", state: "NSW", specialty: "GP", created_at: "2024-01-01T00:00:00Z", deleted_at: "2025-01-01T00:00:00Z" }),
        line({ type: "clinic", id: "cl-z", organisation_id: "org-3", name: "Zed", status: "open", subdomain: "zed", created_at: "2024-01-01T00:00:00Z", tags: { cc: "1", other: null } }),
        line({ type: "organisation_role", user_id: "u-1", organisation_id: "org-3", role: "organisation_admin", granted_at: "2024-01-01T00:00:00Z", revoked_at: "2025-01-01T00:00:00Z" }),
        line({ type: "reporting_configuration", organisation_id: "org-3", tags: [{ key: "cc", label: "Cost centre" }], bandwidth_columns: false, default_timezone: "australia/perth", default_minimum_duration_minutes: 2.5 }),
        line({ type: "user", id: "u-1", name: "First", email: "a@example.org", created_at: "2024-01-01T00:00:00Z" }),
        line({ type: "user", id: "u-1", name: "Second", created_at: "2024-01-02T00:00:00Z" })
      ])
      expect(await store.user("u-1")).toEqual({ type: "user", id: "u-1", name: "Second", email: null, created_at: at("2024-01-02T00:00:00Z"), deactivated_at: null })
      expect(await store.clinic("cl-z")).toMatchObject({ subdomain: "zed", tags: { cc: "1", other: null }, status: "open" })
      expect(await store.configuration("org-3")).toEqual({
        type: "reporting_configuration", organisation_id: "org-3", tags: [{ key: "cc", label: "Cost centre" }],
        bandwidth_columns: false, default_timezone: "Australia/Perth", default_minimum_duration_minutes: 2.5
      })

      await store.importLines([
        line({ type: "organisation", id: "org-3", name: "New", created_at: "2024-01-01T00:00:00Z" }),
        line({ type: "clinic", id: "cl-z", organisation_id: "org-3", status: "closed", created_at: "2024-01-01T00:00:00Z" }),
        line({ type: "organisation_role", user_id: "u-1", organisation_id: "org-3", role: "organisation_admin", granted_at: "2024-01-01T11:00:00+11:00" }),
        line({ type: "reporting_configuration", organisation_id: "org-3" })
      ])
      expect(await store.organisation("org-3")).toEqual({
        type: "organisation", id: "org-3", name: "New", state: null, specialty: null, contract: null, created_at: at("2024-01-01T00:00:00Z"), deleted_at: null
      })
      expect(await store.clinic("cl-z")).toMatchObject({ name: null, subdomain: null, status: "closed", tags: {} })
      expect(await store.configuration("org-3")).toEqual({
        type: "reporting_configuration", organisation_id: "org-3", tags: [], bandwidth_columns: true, default_timezone: null, default_minimum_duration_minutes: null
      })
      const directory = await store.directory(["org-3"])
      // The same role key (granted_at compared as an instant): one record, no longer revoked.
      expect(directory.organisationRoles).toEqual([
        { type: "organisation_role", user_id: "u-1", organisation_id: "org-3", role: "organisation_admin", granted_at: at("2024-01-01T00:00:00Z"), revoked_at: null }
      ])
      expect(await store.counts()).toMatchObject({ organisations: 1, clinics: 1, organisation_roles: 1, users: 1, reporting_configurations: 1 })
    })

    it("finds users by email address, letter case ignored, deactivated ones included, by id", async () => {
      const store = await newStore()
      await store.importLines([
        line({ type: "user", id: "u-b", name: "B", email: "Ann@Example.org", created_at: "2024-01-01T00:00:00Z" }),
        line({ type: "user", id: "u-a", name: "A", email: "ann@example.org", created_at: "2024-01-01T00:00:00Z", deactivated_at: "2025-01-01T00:00:00Z" }),
        line({ type: "user", id: "u-c", name: "C", email: "anne@example.org", created_at: "2024-01-01T00:00:00Z" }),
        line({ type: "user", id: "u-d", name: "D", created_at: "2024-01-01T00:00:00Z" })
      ])
      expect((await store.usersByEmail("ANN@example.ORG")).map((u) => [u.id, u.deactivated_at !== null])).toEqual([["u-a", true], ["u-b", false]])
      expect(await store.usersByEmail("nobody@example.org")).toEqual([])
      expect(await store.usersByEmail("")).toEqual([])
      expect(await store.usersByEmail("ann@example.org' or '1'='1")).toEqual([])
    })

    it("returns the directory of some organisations, with the users their roles and rooms reference", async () => {
      const store = await imported(acceptanceLines(), smallLines())
      const directory = await store.directory(["org-2", "org-unknown"])
      expect(directory.organisations.map((o) => o.id)).toEqual(["org-2"])
      expect(directory.clinics.map((c) => [c.id, c.status, c.tags])).toEqual([["cl-x", "open", { cc: "X-1" }], ["cl-y", "closed", {}]])
      expect(directory.rooms.map((r) => [r.id, r.kind, r.owner_user_id])).toEqual([["room-1", "meeting", null], ["room-2", "user", "u-h1"], ["room-3", "group", null]])
      expect(directory.clinicRoles.map((r) => r.user_id)).toEqual(["u-h2"])
      expect(directory.organisationRoles).toEqual([])
      expect([...directory.users.keys()].sort()).toEqual(["u-h1", "u-h2"])
      expect(directory.configurations.size).toBe(0)
      const both = await store.directory(["org-1", "org-2"])
      expect(both.organisations.map((o) => o.id)).toEqual(["org-1", "org-2"])
      expect(both.configurations.get("org-1")?.tags).toEqual([{ key: "cost_centre", label: "Cost centre" }])
      expect(both.users.size).toBe(6)
      expect((await store.directory([])).organisations).toEqual([])
    })

    it("fills each room call's host attendance when migrating a store whose room calls were stored without it", async () => {
      const store = await imported(smallLines())
      const before = await dump(store)
      // Back to the schema before 0004: the columns of 0004 and later gone and those migrations not yet applied.
      const db = (store as KyselyStore).db
      await db.schema.alterTable("room_calls").dropColumn("hosts_json").execute()
      await db.schema.alterTable("credentials").dropColumn("scope").execute()
      for (const table of ["schedule_occurrences", "schedules"]) await db.schema.dropTable(table).execute()
      await db.schema.alterTable("history").dropColumn("locale").execute()
      await db.deleteFrom("kysely_migration" as any).where("name", ">=", "0004_room_call_hosts").execute()
      await store.migrate()
      expect(await dump(store)).toEqual(before)
      const calls = await collect(store.roomCalls({ ...everything, roomIds: ["room-1", "room-2", "room-3"] }))
      expect(calls.find((c) => c.call.room_call_id === "rc-a")?.call.hosts).toEqual([{ user_id: "u-h1", attendance_ms: 720_000 }])
    })

    it("streams room calls of the rooms by start then call id (code points), with participants in order", async () => {
      const store = await imported(smallLines())
      const day = { start: at("2026-03-02T00:00:00Z"), end: at("2026-03-03T00:00:00Z") }
      const calls: Array<RoomCallBundle> = await collect(store.roomCalls({ ...day, roomIds: ["room-1", "room-2", "room-3"] }))
      expect(calls.map((c) => c.call.room_call_id)).toEqual(["rc-Z", "rc-a"])
      expect(calls[1]).toEqual({
        call: { room_call_id: "rc-a", room_id: "room-1", start_at: at("2026-03-02T10:00:00Z"), end_at: at("2026-03-02T10:12:00Z"), duration_ms: 720_000, participants: 2,
          hosts: [{ user_id: "u-h1", attendance_ms: 720_000 }] },
        participants: [
          { participant_id: "p-1", appearance: 0, role: "host", user_id: "u-h1", joined_at: at("2026-03-02T10:00:00Z"), left_at: at("2026-03-02T10:12:00Z"), attendance_ms: 720_000, incomplete: false, bandwidth: null },
          { participant_id: "p-2", appearance: 1, role: "guest", user_id: null, joined_at: at("2026-03-02T10:02:00Z"), left_at: at("2026-03-02T10:10:00Z"), attendance_ms: 480_000, incomplete: false, bandwidth: [1, 2, 2, 3, 4, 4] }
        ]
      })
      expect(calls[0]!.participants.map((p) => [p.participant_id, p.incomplete, p.left_at])).toEqual([
        ["p-3", true, at("2026-03-02T10:20:00Z")], ["p-4", false, at("2026-03-02T10:20:00Z")]
      ])
      expect((await collect(store.roomCalls({ ...day, roomIds: ["room-1"] }))).map((c) => c.call.room_call_id)).toEqual(["rc-a"])
      expect((await collect(store.roomCalls({ ...everything, roomIds: ["room-1", "room-3"] }))).map((c) => c.call.room_call_id)).toEqual(["rc-0", "rc-a", "rc-3"])
      expect(await collect(store.roomCalls({ ...everything, roomIds: [] }))).toEqual([])
      // The same calls as facts, whatever the rooms and the range.
      for (const query of [
        { ...day, roomIds: ["room-1", "room-2", "room-3"] }, { ...day, roomIds: ["room-1"] }, { ...everything, roomIds: ["room-1", "room-3"] },
        { ...everything, roomIds: [] }, { start: day.start, end: day.start, roomIds: ["room-1"] }
      ]) {
        const { streamed, expected } = await callFacts(store, query)
        expect(streamed).toEqual(expected)
      }
    })

    it("finds each clinic's last counted consultation, by entry then session id, judged on the threshold", async () => {
      const store = await imported(smallLines())
      const end = at("2026-03-03T00:00:00Z")
      expect(await store.lastClinicConsultations(["cl-x", "cl-y", "cl-none"], end, 0)).toEqual(new Map([
        ["cl-x", at("2026-03-02T09:02:00Z")],
        ["cl-y", at("2026-03-02T12:03:00Z")]
      ]))
      expect(await store.lastClinicConsultations(["cl-x"], end, 300_000)).toEqual(new Map([["cl-x", at("2026-03-01T09:01:00Z")]]))
      expect(await store.lastClinicConsultations(["cl-x"], at("2026-03-02T09:00:00Z"), 0)).toEqual(new Map([["cl-x", at("2026-03-01T09:01:00Z")]]))
      expect(await store.lastClinicConsultations(["cl-x"], at("2026-03-01T09:00:00Z"), 0)).toEqual(new Map())
      // A fractional threshold compares exactly: 600 000 ms meets 599 999.5 ms and misses 600 000.5 ms.
      expect((await store.lastClinicConsultations(["cl-x"], at("2026-03-02T00:00:00Z"), 599_999.5)).size).toBe(1)
      expect((await store.lastClinicConsultations(["cl-x"], at("2026-03-02T00:00:00Z"), 600_000.5)).size).toBe(0)
      expect(await store.lastClinicConsultations([], end, 0)).toEqual(new Map())
    })

    it("finds each provider's last consultation per clinic", async () => {
      const store = await imported(smallLines())
      const end = at("2026-03-03T00:00:00Z")
      expect(await store.lastProviderConsultations(["cl-x", "cl-y"], end, 0)).toEqual([
        { clinic_id: "cl-x", user_id: "u-h1", at: at("2026-03-01T09:01:00Z") },
        { clinic_id: "cl-x", user_id: "u-h2", at: at("2026-03-02T09:02:00Z") },
        { clinic_id: "cl-y", user_id: "u-h1", at: at("2026-03-02T12:03:00Z") },
        { clinic_id: "cl-y", user_id: "u-h2", at: at("2026-03-02T12:01:00Z") }
      ])
      expect(await store.lastProviderConsultations(["cl-x"], end, 300_000)).toEqual([
        { clinic_id: "cl-x", user_id: "u-h1", at: at("2026-03-01T09:01:00Z") }
      ])
      expect(await store.lastProviderConsultations(["cl-x"], at("2026-03-02T09:00:00Z"), 0)).toEqual([
        { clinic_id: "cl-x", user_id: "u-h1", at: at("2026-03-01T09:01:00Z") }
      ])
    })

    it("summarises logins before the end and within the range, keeping one login per user and instant", async () => {
      const store = await imported(smallLines())
      expect((await store.counts()).logins).toBe(3)
      expect(await store.logins(["u-h1", "u-h2", "u-none"], at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z"))).toEqual(new Map([
        ["u-h1", { lastBeforeEnd: at("2026-03-02T08:00:00Z"), inRange: true }],
        ["u-h2", { lastBeforeEnd: null, inRange: false }],
        ["u-none", { lastBeforeEnd: null, inRange: false }]
      ]))
      expect(await store.logins(["u-h1", "u-h2"], at("2026-03-03T00:00:00Z"), at("2026-03-04T08:00:00Z"))).toEqual(new Map([
        ["u-h1", { lastBeforeEnd: at("2026-03-02T08:00:00Z"), inRange: false }],
        ["u-h2", { lastBeforeEnd: null, inRange: false }]
      ]))
      expect((await store.logins(["u-h2"], at("2026-03-03T00:00:00Z"), at("2026-03-04T08:00:00.001Z"))).get("u-h2")).toEqual({ lastBeforeEnd: at("2026-03-04T08:00:00Z"), inRange: true })
    })

    it("pages through many sessions in code-point order and merges components split across batches", async () => {
      const count = 600
      const lines = generatedLines(count)
      const store = await imported(shuffled(lines, 42))
      const shuffledFacts = await dump(store)
      const clinics = ["cl-g1", "cl-g2"]
      const sessions: Array<SessionBundle> = await collect(store.sessions({ ...everything, clinicIds: ["cl-g2"], participants: true }))
      const expected = Array.from({ length: count }, (_, i) => ({ id: generatedSessionId(i), entry: at("2026-04-01T00:00:00Z") + (i % 5) * 60_000 }))
        .sort((a, b) => a.entry - b.entry || Order.compareCodePoints(a.id, b.id))
      expect(sessions.map((s) => s.session.session_id)).toEqual(expected.map((e) => e.id))
      expect(await streamedFigures(store, { ...everything, clinicIds: ["cl-g2"] })).toEqual(figuresOf(sessions))
      for (const s of sessions) {
        expect(s.segments.map((g) => g.segment.clinic_id)).toEqual(clinics)
        expect(s.session.consultation_ms).toBe(240_000 + 240_000)
        expect(s.segments[1]!.participants.map((p) => p.kind)).toEqual(["primary", "host"])
      }
      expect(await store.counts()).toMatchObject({ events: count * 7, sessions: count, segments: count * 2, segment_participants: count * 4 })
      expect(await dump(await imported(lines))).toEqual(shuffledFacts)
    })

    it("uses a one-time credential exactly once, and never after it expires", async () => {
      const store = await newStore()
      const base = { kind: "login_link" as const, user_id: "u-1", created_at: 1000, used_at: null, csrf_hash: null }
      await store.access.addCredential({ ...base, hash: "h-1", expires_at: 5000 })
      await store.access.addCredential({ ...base, hash: "h-2", expires_at: 2000 })
      const [first, second] = await Promise.all([store.access.consume("h-1", 1500), store.access.consume("h-1", 1500)])
      expect([first?.user_id, second?.user_id].filter((x) => x !== undefined)).toEqual(["u-1"])
      expect(await store.access.credential("h-1", 1600)).toBeUndefined()
      expect(await store.access.consume("h-2", 2000)).toBeUndefined()
      expect(await store.access.removeExpiredCredentials(6000)).toBe(2)
    })

    it("lists personal and service tokens by a short id with their scope, and revokes exactly one by it", async () => {
      const store = await newStore()
      const base = { created_at: 1000, expires_at: null, used_at: null, csrf_hash: null }
      await store.access.addCredential({ ...base, hash: "aaaa1".padEnd(64, "0"), kind: "token", user_id: "u-1" })
      await store.access.addCredential({ ...base, hash: "aaaa2".padEnd(64, "0"), kind: "service", user_id: "video-platform", scope: "ingest", created_at: 2000 })
      await store.access.addCredential({ ...base, hash: "bb".padEnd(64, "0"), kind: "session", user_id: "u-1" })
      expect(await store.access.tokens()).toEqual([
        { id: "aaaa10000000", kind: "token", owner: "u-1", scope: null, created_at: 1000, expires_at: null },
        { id: "aaaa20000000", kind: "service", owner: "video-platform", scope: "ingest", created_at: 2000, expires_at: null }
      ])
      expect(await store.access.credential("aaaa2".padEnd(64, "0"), 3000)).toMatchObject({ kind: "service", scope: "ingest" })
      expect(await store.access.revokeToken("aaaa")).toBe(2)
      expect(await store.access.revokeToken("aaaa3")).toBe(0)
      expect(await store.access.revokeToken("aaaa2")).toBe(1)
      expect(await store.access.revokeToken("bb0000")).toBe(0)
      expect((await store.access.tokens()).map((t) => t.owner)).toEqual(["u-1"])
    })

    it("keeps history entries, lets one caller claim a transition, and removes expired entries", async () => {
      const store = await newStore()
      const entry = {
        id: "h-1", user_id: "u-1", organisation_id: "org-1", clinic_id: null, report: "clinics", format: "csv", parameters: "{}",
        delivery: "email" as const, status: "queued" as const, size: null, file_name: "clinics.csv", file_ref: null, error: null,
        attempts: 0, created_at: 1000, expires_at: 1000 + 86_400_000, completed_at: null, emailed_at: null, locale: "en"
      }
      await store.access.addHistory(entry)
      const claims = await Promise.all([1, 2, 3].map(() => store.access.transition("h-1", "queued", { status: "generating", attempts: 1 })))
      expect(claims.filter(Boolean)).toHaveLength(1)
      expect(await store.access.historyEntry("h-1")).toMatchObject({ status: "generating", attempts: 1 })
      expect((await store.access.historyOf("u-1", 0)).map((e) => e.id)).toEqual(["h-1"])
      expect(await store.access.historyOf("u-2", 0)).toEqual([])
      // The request's locale is kept (migration 0007); a row written without one is English.
      await store.access.addHistory({ ...entry, id: "h-zh", locale: "zh-CN" })
      expect(await store.access.historyEntry("h-zh")).toMatchObject({ locale: "zh-CN" })
      const { locale: _, ...older } = entry
      await (store as KyselyStore).db.insertInto("history" as never).values({ ...older, id: "h-old" } as never).execute()
      expect(await store.access.historyEntry("h-old")).toMatchObject({ locale: "en" })
      await store.access.updateHistory("h-zh", { expires_at: 0 })
      await store.access.updateHistory("h-old", { expires_at: 0 })
      await store.access.removeExpiredHistory(0)
      expect(await store.access.removeExpiredHistory(1000 + 86_400_000 - 1)).toEqual([])
      expect((await store.access.removeExpiredHistory(1000 + 86_400_000)).map((e) => e.id)).toEqual(["h-1"])
      await store.access.audit({ at: 5, user_id: "u-1", action: "download", organisation_id: "org-1", clinic_id: null, report: "clinics", detail: null, outcome: "ok" })
      expect(await store.access.auditLog()).toEqual([expect.objectContaining({ id: 1, action: "download", at: 5 })])
    })

    it("keeps schedules, lets exactly one worker claim a due one, and records each occurrence once with its entry (SPEC §11.4, R78)", async () => {
      const store = await newStore()
      const schedule = {
        id: "sch-1", user_id: "u-1", organisation_id: "org-1", clinic_id: null, report: "clinics", format: "csv", timezone: "Australia/Sydney",
        minimum_duration_minutes: 2.5, locale: "en", range: "previous_day", recurrence: "daily 08:00", status: "active" as const, paused_reason: null,
        created_at: 1_000, updated_at: 1_000, last_occurrence: 1_000, next_due: 10_000
      }
      await store.schedules.add(schedule)
      await store.schedules.add({ ...schedule, id: "sch-2", user_id: "u-2", next_due: 500_000 })
      expect(await store.schedules.get("sch-1")).toEqual(schedule)
      expect((await store.schedules.of("u-1")).map((s) => s.id)).toEqual(["sch-1"])
      expect(await store.schedules.claimDue("w-0", 9_999, 60_000)).toBeUndefined()
      const claims = await Promise.all(["w-1", "w-2", "w-3"].map((w) => store.schedules.claimDue(w, 20_000, 60_000)))
      expect(claims.filter((c) => c !== undefined).map((c) => c!.id)).toEqual(["sch-1"])
      const winner = ["w-1", "w-2", "w-3"][claims.findIndex((c) => c !== undefined)]!
      // Leased: nobody else claims it until the lease ends.
      expect(await store.schedules.claimDue("w-4", 79_999, 60_000)).toBeUndefined()
      const entry = {
        id: "h-s1", user_id: "u-1", organisation_id: "org-1", clinic_id: null, report: "clinics", format: "csv", parameters: "{}",
        delivery: "email" as const, status: "queued" as const, size: null, file_name: "clinics.csv", file_ref: null, error: null,
        attempts: 0, created_at: 20_000, expires_at: 20_000 + 86_400_000, completed_at: null, emailed_at: null, locale: "en"
      }
      const record = { skipped: [5_000, 8_000], run: { occurrence: 10_000, late: true, entry }, lastOccurrence: 10_000, nextDue: 30_000, now: 20_000 }
      expect(await store.schedules.record("sch-1", "w-other", record)).toBe(false)
      // An owner's change drops the lease: the worker holding it records nothing, and the schedule is claimable again.
      await store.schedules.update("sch-1", "u-1", { format: "json" })
      expect(await store.schedules.record("sch-1", winner, record)).toBe(false)
      expect((await store.schedules.claimDue(winner, 20_000, 60_000))?.format).toBe("json")
      expect(await store.access.historyEntry("h-s1")).toBeUndefined()
      expect(await store.schedules.record("sch-1", winner, record)).toBe(true)
      expect(await store.schedules.get("sch-1")).toMatchObject({ last_occurrence: 10_000, next_due: 30_000 })
      expect((await store.schedules.occurrences("sch-1")).map((o) => [o.occurrence_at, o.status, o.entry_id])).toEqual([
        [5_000, "skipped", null], [8_000, "skipped", null], [10_000, "late", "h-s1"]
      ])
      expect(await store.schedules.lastRun("sch-1")).toMatchObject({ occurrence: { occurrence_at: 10_000, status: "late", entry_id: "h-s1" }, skipped: 2, entryStatus: "queued" })
      // The same occurrence cannot be recorded twice, even under a fresh lease: nothing of the second attempt is written.
      await store.schedules.update("sch-1", "u-1", { next_due: 10_000, last_occurrence: 9_000 })
      expect((await store.schedules.claimDue("w-5", 100_000, 60_000))?.id).toBe("sch-1")
      await expect(store.schedules.record("sch-1", "w-5", { ...record, skipped: [], run: { ...record.run, entry: { ...entry, id: "h-s2" } } })).rejects.toThrow()
      expect(await store.access.historyEntry("h-s2")).toBeUndefined()
      expect(await store.schedules.occurrences("sch-1")).toHaveLength(3)
      await store.schedules.release("sch-1", "w-5")
      // A pause records nothing and stops the schedule being due.
      expect((await store.schedules.claimDue("w-6", 100_000, 60_000))?.id).toBe("sch-1")
      expect(await store.schedules.record("sch-1", "w-6", { skipped: [], run: null, pause: "no longer allowed", lastOccurrence: 9_000, nextDue: 10_000, now: 100_000 })).toBe(true)
      expect(await store.schedules.get("sch-1")).toMatchObject({ status: "paused", paused_reason: "no longer allowed" })
      expect(await store.schedules.claimDue("w-7", 200_000, 60_000)).toBeUndefined()
      expect(await store.schedules.claimDue("w-7", 600_000, 60_000)).toMatchObject({ id: "sch-2" })
      // Only the owner updates or deletes; deleting drops the occurrence records.
      expect(await store.schedules.update("sch-1", "u-2", { status: "active" })).toBe(false)
      expect(await store.schedules.remove("sch-1", "u-2")).toBe(false)
      expect(await store.schedules.remove("sch-1", "u-1")).toBe(true)
      expect(await store.schedules.get("sch-1")).toBeUndefined()
      expect(await store.schedules.occurrences("sch-1")).toEqual([])
      expect(await store.access.historyEntry("h-s1")).toBeDefined()
    })

    it("counts the queue for monitoring: entries by status and delivery, emails by status, the oldest queued entry's age", async () => {
      const store = await newStore()
      const base = {
        user_id: "u-1", organisation_id: "org-1", clinic_id: null, report: "clinics", format: "csv", parameters: "{}", delivery: "email" as const,
        status: "queued" as const, size: null, file_name: "clinics.csv", file_ref: null, error: null, attempts: 0, created_at: 10_000,
        expires_at: 10_000 + 86_400_000, completed_at: null, emailed_at: null, locale: "en"
      }
      const empty = await store.jobs.stats(20_000)
      expect(empty.oldestQueuedAgeSeconds).toBe(0)
      expect(empty.jobs.every((j) => j.count === 0)).toBe(true)
      expect(empty.jobs).toContainEqual({ status: "queued", delivery: "email", count: 0 })
      expect(empty.emails).toEqual(["pending", "sending", "sent", "failed", "uncertain"].map((status) => ({ status, count: 0 })))
      await store.access.addHistory({ ...base, id: "q-1", created_at: 12_000 })
      await store.access.addHistory({ ...base, id: "q-2", created_at: 11_000 })
      await store.access.addHistory({ ...base, id: "q-3", created_at: 15_000 })
      await store.access.addHistory({ ...base, id: "d-1", delivery: "download", status: "ready", file_ref: "d-1.csv", size: 3, completed_at: 10_000 })
      const queued = await store.jobs.stats(20_000)
      expect(queued.oldestQueuedAgeSeconds).toBe(9)
      expect(queued.jobs).toContainEqual({ status: "queued", delivery: "email", count: 3 })
      expect(queued.jobs).toContainEqual({ status: "ready", delivery: "download", count: 1 })
      // Claimed by id (all due at once): q-1 is generated and emailed, then q-2 (the oldest) is claimed and fails.
      expect(await store.jobs.claimGeneration("w-1", 20_000, 60_000)).toBe("q-1")
      expect(await store.jobs.complete("q-1", "w-1", { ref: "q-1.csv", size: 3 }, 20_000, true)).toBe(true)
      expect(await store.jobs.claimGeneration("w-1", 20_000, 60_000)).toBe("q-2")
      const generating = await store.jobs.stats(20_000)
      expect(generating.jobs).toContainEqual({ status: "generating", delivery: "email", count: 1 })
      expect(generating.emails).toContainEqual({ status: "pending", count: 1 })
      await store.jobs.retryOrFail("q-2", "w-1", { error: "no longer allowed" })
      expect(await store.jobs.claimEmail("w-1", 20_000, 60_000)).toBe("q-1")
      await store.jobs.emailOutcome("q-1", "w-1", { sentAt: 21_000 }, 21_000)
      const after = await store.jobs.stats(25_000)
      expect(after.oldestQueuedAgeSeconds).toBe(10)
      expect(after.jobs.filter((j) => j.delivery === "email" && j.count > 0)).toEqual(expect.arrayContaining([
        { status: "queued", delivery: "email", count: 1 }, { status: "ready", delivery: "email", count: 1 }, { status: "failed", delivery: "email", count: 1 }
      ]))
      expect(after.jobs.filter((j) => j.count > 0)).toHaveLength(4)
      expect(after.emails.filter((e) => e.count > 0)).toEqual([{ status: "sent", count: 1 }])
    })
  })
}
