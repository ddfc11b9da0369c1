// CommonJS check: every published package loads with require() (Node.js >= 20.19 loads their ES modules
// synchronously through the "default" export condition), and its entry points are there. (@vcr/store/postgres
// needs the optional peer pg, which this project does not install.)
"use strict"
const assert = require("node:assert")

const core = require("@vcr/core")
assert.equal(typeof core.MemorySource.fromRecords, "function", "@vcr/core: MemorySource.fromRecords")
assert.equal(typeof core.Generation.prepare, "function", "@vcr/core: Generation.prepare")
assert.equal(typeof require("@vcr/store").openStore, "function", "@vcr/store: openStore")
assert.equal(typeof require("@vcr/store/sqlite").openSqliteStore, "function", "@vcr/store/sqlite: openSqliteStore")
assert.equal(typeof require("@vcr/xlsx").writeWorkbookToStream, "function", "@vcr/xlsx: writeWorkbookToStream")
assert.equal(typeof require("@vcr/email").createMailer, "function", "@vcr/email: createMailer")
assert.equal(typeof require("@vcr/demo").generateDemo, "function", "@vcr/demo: generateDemo")
assert.equal(typeof require("@vcr/engine").createEngine, "function", "@vcr/engine: createEngine")

// The record decoder works the same through require().
const record = core.Records.decodeLine('{"type":"user","id":"u-1","name":"A","email":"a@example.org","created_at":"2026-01-01T00:00:00Z","deactivated_at":null}', 1)
assert.equal(record.id, "u-1")
console.log("require(): @vcr/core, @vcr/store (and /sqlite), @vcr/xlsx, @vcr/email, @vcr/demo and @vcr/engine load from CommonJS")
