// The import benchmark's measuring process (started by tests/bench/import.ts with DATABASE_URL set
// to a fresh database): 100,000 rows (100 KPIs x 50 personas x 20 months) as a CSV file, imported
// through lib/import + the import command (parse, judge every row, write in one transaction),
// beside two COPYs of the same rows through psql's \copy: the reference, the file into a
// bare scratch table (no indexes, no constraints), and the rows as Measurement stores them (ids
// resolved) into a scratch table of Measurement's own shape (LIKE ... INCLUDING ALL: its indexes
// and checks, plus its three foreign keys), which is what any writer of these rows pays. Then the same
// file again (all unchanged) and a file that changes every value (100,000 updates with revisions).
// Each import is timed as parse / judge / write, with the command's own phases inside them
// (published on a diagnostics channel, so the command carries no benchmark code).
// Prints one JSON line prefixed with RESULT_PREFIX.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Actor } from "@/lib/auth/actor";
import { importMeasurements, importPhases } from "@/lib/commands/measurements/import-measurements";
import { closeDatabase, getDatabase, getDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { csvLines, csvRaw } from "@/lib/export/csv";
import { measurementsCsv } from "@/lib/export/measurements";
import type { ExportRow } from "@/lib/queries/measurement-export";
import { newIds } from "@/lib/commands/ids";
import { parseCsv } from "@/lib/import";
import type { ImportCounts } from "@/lib/validation/imports";
import { addPeriods, monthStart } from "@/lib/scoring/periods";

export const IMPORT_RESULT_PREFIX = "IMPORT-BENCH-RESULT ";

const KPIS = 100;
const PERSONAS = 50;
const MONTHS = 20;

/** One timed import: parse the file, judge every row (the command up to its verdicts), write (the rest, commit included). */
export interface TimedImport {
  parseMs: number;
  judgeMs: number;
  writeMs: number;
  totalMs: number;
  /** The command's phases (lib/commands/measurements/import-measurements publishes them), ms each, in order. */
  phases: [string, number][];
}

export interface ImportBenchResult {
  rows: number;
  bytes: number;
  /** psql \copy of the file into a scratch table without indexes or constraints (the reference). */
  copyMs: number;
  /** psql \copy of the same rows, ids resolved, into a scratch table shaped like Measurement (its indexes, checks and foreign keys). */
  shapedCopyMs: number;
  insert: TimedImport;
  unchanged: TimedImport;
  update: TimedImport;
}

interface BenchSetUp {
  actor: Actor;
  kpis: string[];
  personas: string[];
  kpiIds: Map<string, string>;
  personaIds: Map<string, string>;
}

async function setUp(): Promise<BenchSetUp> {
  const db = await getDb();
  const user = await db.user.create({ data: { email: "import-bench@bench.test", name: "Import Bench", role: "ADMIN" } });
  const scorecard = await db.scorecard.create({ data: { slug: "import-bench", name: "Import bench" } });
  const perspective = await db.perspective.create({ data: { scorecardId: scorecard.id, name: "Customer", order: 1 } });
  const kpis = Array.from({ length: KPIS }, (_, i) => `IB-${String(i + 1).padStart(3, "0")}`);
  await db.kpi.createMany({
    data: kpis.map((code, i) => ({ code, name: `Import bench KPI ${i + 1}`, perspectiveId: perspective.id, timing: "LAGGING", unit: "PERCENT", direction: "HIGHER_IS_BETTER", status: "ACTIVE", ownerId: user.id })),
  });
  const personas = Array.from({ length: PERSONAS }, (_, i) => `ib-persona-${i + 1}`);
  await db.persona.createMany({ data: personas.map((slug, i) => ({ slug, name: `Persona ${i + 1}`, description: "Import bench", status: "ACTIVE" })) });
  const kpiRows = await db.kpi.findMany({ where: { code: { in: kpis } }, select: { id: true, code: true } });
  const personaRows = await db.persona.findMany({ where: { slug: { in: personas } }, select: { id: true, slug: true } });
  await db.kpiTarget.createMany({ data: kpiRows.map((k) => ({ kpiId: k.id, personaId: null, effectiveFrom: new Date("2020-01-01T00:00:00Z"), target: 90, green: 80, red: 60 })) });
  return {
    actor: { id: user.id, role: "ADMIN", departmentId: null, name: user.name, email: user.email },
    kpis,
    personas,
    kpiIds: new Map(kpiRows.map((k) => [k.code, k.id])),
    personaIds: new Map(personaRows.map((p) => [p.slug, p.id])),
  };
}

function rowsOf(kpis: string[], personas: string[], shift: number): ExportRow[] {
  const last = addPeriods(monthStart(new Date()), "MONTHLY", -1);
  const rows = [];
  let n = 0;
  for (const kpi of kpis) {
    for (const persona of personas) {
      for (let m = 0; m < MONTHS; m++) {
        n++;
        const value = (70 + ((n * 7919) % 3000) / 100 + shift).toFixed(2); // 70..100: never red
        rows.push({ kpi_code: kpi, persona_slug: persona, period: addPeriods(last, "MONTHLY", -m), value: String(Math.min(Number(value), 100)), comment: n % 10 === 0 ? `Note, "quoted" ${n}` : null, not_available_reason: null });
      }
    }
  }
  return rows;
}

/** The same rows as Measurement stores them (its columns, ids resolved, entered by the bench's user), as CSV. */
function shapedCsv(rows: ExportRow[], s: BenchSetUp): string {
  const ids = newIds(rows.length);
  const at = new Date().toISOString();
  return csvLines(
    rows.map((r, i) => [ids[i]!, s.kpiIds.get(r.kpi_code)!, s.personaIds.get(r.persona_slug)!, r.period, csvRaw(r.value), csvRaw(r.comment), csvRaw(r.not_available_reason), "IMPORT", s.actor.id, at, "1"]),
  );
}

async function timedImport(actor: Actor, csv: string, fileName: string): Promise<TimedImport & { counts: ImportCounts }> {
  const marks: { name: string; at: number }[] = [];
  const onPhase = (m: unknown) => marks.push(m as { name: string; at: number });
  importPhases.subscribe(onPhase);
  const started = performance.now();
  const parsed = parseCsv(new TextEncoder().encode(csv));
  if (!parsed.ok) throw new Error(parsed.message);
  const parsedAt = performance.now();
  const result = await importMeasurements(actor, { fileName, dryRun: false, hasComment: parsed.hasComment, rows: parsed.rows });
  const done = performance.now();
  importPhases.unsubscribe(onPhase);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  // "start" is the command's first line: before it, the input schema and the transaction's start.
  const phases: [string, number][] = [];
  let previous = parsedAt;
  for (const m of [...marks, { name: "commit", at: done }]) {
    phases.push([m.name === "start" ? "input+begin" : m.name, m.at - previous]);
    previous = m.at;
  }
  const judgedAt = marks.find((m) => m.name === "verdicts")?.at ?? done;
  return { parseMs: parsedAt - started, judgeMs: judgedAt - parsedAt, writeMs: done - judgedAt, totalMs: done - started, phases, counts: result.data.counts };
}

/** Milliseconds of a psql \copy of `csv` into a scratch table made by `create` (dropped afterwards). */
function copyMs(url: string, csv: string, create: string, columns: string, header: boolean): number {
  const dir = mkdtempSync(path.join(tmpdir(), "import-bench-"));
  const file = path.join(dir, "rows.csv");
  writeFileSync(file, csv);
  try {
    const psql = (sql: string) => {
      const out = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { encoding: "utf8" });
      if (out.status !== 0) throw new Error(`psql failed: ${out.stderr}`);
    };
    psql(`DROP TABLE IF EXISTS import_scratch; ${create}`);
    const started = performance.now();
    psql(`\\copy import_scratch ${columns} FROM '${file.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER ${header})`);
    const ms = performance.now() - started;
    psql(`DROP TABLE import_scratch`);
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BARE_SCRATCH = `CREATE TABLE import_scratch (kpi_code text, persona_slug text, period date, value numeric(20, 6), comment text, not_available_reason text)`;
// Measurement's indexes, check and defaults (LIKE ... INCLUDING ALL), and its foreign keys, which LIKE does not copy.
const SHAPED_SCRATCH = `CREATE TABLE import_scratch (LIKE "Measurement" INCLUDING ALL);
  ALTER TABLE import_scratch
    ADD FOREIGN KEY ("kpiId") REFERENCES "Kpi"(id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD FOREIGN KEY ("personaId") REFERENCES "Persona"(id) ON UPDATE CASCADE ON DELETE CASCADE,
    ADD FOREIGN KEY ("enteredById") REFERENCES "User"(id) ON UPDATE CASCADE ON DELETE SET NULL`;
const SHAPED_COLUMNS = `(id, "kpiId", "personaId", period, value, comment, "notAvailableReason", source, "enteredById", "enteredAt", version)`;

async function main(): Promise<ImportBenchResult> {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("measure.ts: DATABASE_URL is not set");
  const database = await getDatabase();
  await applyMigrations(database.pool);
  const bench = await setUp();
  const { actor, kpis, personas } = bench;
  const rows = rowsOf(kpis, personas, 0);
  const csv = measurementsCsv(rows);
  const copy = copyMs(url, csv, BARE_SCRATCH, "", true);
  const shapedCopy = copyMs(url, shapedCsv(rows, bench), SHAPED_SCRATCH, SHAPED_COLUMNS, false);
  const insert = await timedImport(actor, csv, "bench.csv");
  if (insert.counts.insert !== KPIS * PERSONAS * MONTHS) throw new Error(`expected all inserts, got ${JSON.stringify(insert.counts)}`);
  const unchanged = await timedImport(actor, csv, "bench.csv");
  if (unchanged.counts.unchanged !== insert.counts.total) throw new Error(`expected all unchanged, got ${JSON.stringify(unchanged.counts)}`);
  const update = await timedImport(actor, measurementsCsv(rowsOf(kpis, personas, -1)), "bench-corrected.csv");
  if (update.counts.update !== insert.counts.total) throw new Error(`expected all updates, got ${JSON.stringify(update.counts)}`);
  const timings = (t: TimedImport): TimedImport => ({ parseMs: t.parseMs, judgeMs: t.judgeMs, writeMs: t.writeMs, totalMs: t.totalMs, phases: t.phases });
  return { rows: insert.counts.total, bytes: Buffer.byteLength(csv), copyMs: copy, shapedCopyMs: shapedCopy, insert: timings(insert), unchanged: timings(unchanged), update: timings(update) };
}

main()
  .then((result) => console.log(IMPORT_RESULT_PREFIX + JSON.stringify(result)))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
