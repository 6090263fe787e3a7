import "server-only";
import { channel } from "node:diagnostics_channel";
import { can, personaScope, personaVisible } from "@/lib/auth/policy";
import type { Direction } from "@/lib/generated/prisma/enums";
import { makeScorer, type Scorer, type Status } from "@/lib/scoring";
import { periodToDate } from "@/lib/scoring/periods";
import { fieldErrorsFrom } from "@/lib/validation/common";
import {
  importMeasurementsSchema,
  type ImportCounts,
  type ImportResult,
  type RowVerdict,
  type SavedValue,
} from "@/lib/validation/imports";
import { commentRequiredProblem, measurementRuleProblems, saveMeasurementSchema } from "@/lib/validation/measurements";
import { kpiWhere } from "@/lib/queries/persona-scope";
import { defineCommand, fail } from "../command";
import { nudgePairRequests } from "@/lib/jobs/nudge";
import { enqueuePairEvaluations } from "@/lib/jobs/pair-requests";
import { cellKey, insertMeasurements, loadExisting, newId, updateMeasurements, whoSaved, type CellRef, type CellSpace, type CellState, type ExistingRow } from "./bulk-sql";
import { describeMeasurement, KPI_RULES_SELECT, kpiRules, sameContent, TARGET_SELECT, targetInForce, thresholdsOf, type TargetRow } from "./shared";

// Bulk writes of measurement values: a CSV/XLSX import (the screen and POST /api/v1/imports) and
// the JSON bulk upsert (PUT /api/v1/measurements). Each row is judged with the rules of a single
// save (saveMeasurementSchema, measurementRuleProblems, commentRequiredProblem and the same
// "unchanged" test as save-measurement), and gets a verdict: insert, update (old -> new),
// unchanged, or error naming the column.
//
//   - role gate: measurement.enter (admins and KPI owners); then per row measurement.write with
//     the row's KPI, so a KPI owner's row for another owner's KPI is an error ("not your KPI"),
//     never a write;
//   - a row that repeats the saved content exactly is "unchanged" before the status and period
//     rules are applied (nothing is written), so an export re-imports unchanged even after a
//     persona was sunset or a KPI retired; any change must pass every rule of a save;
//   - dryRun: judge every row, write nothing;
//   - commit: any error row -> INVALID with every verdict in details.result, nothing written;
//     otherwise all inserts and updates in this one transaction. The writes re-check each row's
//     version (updates) and uniqueness (inserts), so a save committed meanwhile makes the whole
//     import a CONFLICT rather than a lost update;
//   - a row's version (API only) must be the saved version, else the row is a conflict (409);
//     without a version the import overwrites knowingly, keeping the revision;
//   - an update keeps the replaced state in MeasurementRevision with the reason
//     "Imported from <file name>" (or the API request's reason);
//   - audit: an import is ONE mutation and writes ONE AuditEvent (entityType MeasurementImport,
//     in this transaction) whose `after` keeps the file name, source, counts, reason and every
//     changed cell compactly: [kpi code, persona slug, period, before, after], a state being
//     [value, notAvailableReason, comment] and before null for a new value (ImportAuditPayload).
//     A value's own history is its MeasurementRevision rows (old state, who, when, "Imported from
//     <file>") and the Measurement row (enteredBy, enteredAt, source). A single save keeps its
//     per-value event; an import no longer writes one per value (100,000 jsonb rows with four
//     indexes were most of an import's write time). Unchanged rows write nothing; a second
//     commit of the same file is all "unchanged" and writes no event at all.
//
// Set-based: the KPIs, personas, targets and saved values of the whole file are read in a few
// statements; each KPI's rules and the actor's right to write it are worked out once per file,
// and each row is still judged by the one shared schema. The writes are one statement for the
// new values and one for the revisions and changed values (bulk-sql.ts says how they are
// shaped, and why). The bench (tests/bench/import) times each phase through `importPhases`.

/** Phases of an import (tests/bench/import prints them): published only when someone subscribes. */
export const importPhases = channel("persona.measurement-import.phase");
const phase = (name: string) => {
  if (importPhases.hasSubscribers) importPhases.publish({ name, at: performance.now() });
};

export interface ImportConflictDetails {
  result: ImportResult;
}

const COLUMN_OF: Record<string, string> = {
  kpiCode: "kpi_code",
  personaSlug: "persona_slug",
  period: "period",
  value: "value",
  comment: "comment",
  notAvailableReason: "not_available_reason",
  version: "version",
  "": "value",
};

const cellText = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const nullableText = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === "" ? null : String(v));
// A spreadsheet may hand over a code, a period or a comment as a number cell: judge its text.
const asText = (v: string | number | null | undefined) => (v === null || v === undefined ? undefined : String(v));

type RowError = { column: string; message: string };

/** A row whose shape is valid (step 1), on its way to a verdict. */
interface Parsed {
  verdict: RowVerdict;
  kpiCode: string;
  personaSlug: string;
  period: string;
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  version?: number;
  keepComment: boolean;
}

/** A state of a cell in the import's audit event: [value, notAvailableReason, comment]. */
export type AuditedState = [string | null, string | null, string | null];
/** One changed cell in the import's audit event: [kpi code, persona slug, period, before (null: new), after]. */
export type AuditedChange = [string, string, string, AuditedState | null, AuditedState];

/** The import's audit event (`after` of the MeasurementImport event). */
export interface ImportAuditPayload {
  fileName: string;
  source: string;
  counts: ImportCounts;
  reason: string;
  /** Every inserted or updated cell, in file order. */
  changes: AuditedChange[];
}

function savedValue(row: ExistingRow): SavedValue {
  return { value: row.value, notAvailableReason: row.notAvailableReason, comment: row.comment, version: row.version };
}

export const importMeasurements = defineCommand({
  name: "measurement.import",
  action: "measurement.enter",
  schema: importMeasurementsSchema,
  transaction: { maxWait: 30_000, timeout: 300_000 },
  async run({ actor, input, tx, audit, unchanged, afterCommit }): Promise<ImportResult> {
    phase("start");
    const now = new Date();
    const restricted = !personaScope(actor).all;
    const verdicts: RowVerdict[] = new Array(input.rows.length);

    // 1. Each row on its own: the shape rules of a single save, with the one shared schema.
    const parsed: Parsed[] = [];
    for (let i = 0; i < input.rows.length; i++) {
      const row = input.rows[i]!;
      const keepComment = !input.hasComment || row.comment === undefined;
      const result = saveMeasurementSchema.safeParse({
        kpiCode: asText(row.kpi_code),
        personaSlug: asText(row.persona_slug),
        period: asText(row.period),
        value: row.value ?? undefined,
        notAvailableReason: asText(row.not_available_reason),
        comment: keepComment ? undefined : asText(row.comment),
        version: row.version ?? undefined,
        source: input.source,
      });
      if (!result.success) {
        const errors = Object.entries(fieldErrorsFrom(result.error)).flatMap(([field, messages]) =>
          messages.map((message) => ({ column: COLUMN_OF[field] ?? field, message })),
        );
        verdicts[i] = {
          rowNumber: row.rowNumber,
          verdict: "error",
          kpi_code: cellText(row.kpi_code).trim(),
          persona_slug: cellText(row.persona_slug).trim(),
          period: cellText(row.period).trim(),
          value: nullableText(row.value)?.trim() ?? null,
          not_available_reason: nullableText(row.not_available_reason),
          comment: keepComment ? null : nullableText(row.comment),
          errors,
        };
        continue;
      }
      const d = result.data;
      const verdict: RowVerdict = {
        rowNumber: row.rowNumber,
        verdict: "error",
        kpi_code: d.kpiCode!,
        persona_slug: d.personaSlug!,
        period: d.period,
        value: d.value ?? null,
        not_available_reason: d.notAvailableReason,
        comment: keepComment ? null : d.comment,
      };
      verdicts[i] = verdict;
      parsed.push({ verdict, kpiCode: d.kpiCode!, personaSlug: d.personaSlug!, period: d.period, value: d.value ?? null, notAvailableReason: d.notAvailableReason, comment: d.comment, version: d.version, keepComment });
    }
    phase("shape");

    // 2. The file's KPIs, personas and targets: a few reads whatever the number of rows.
    const codes = [...new Set(parsed.map((p) => p.kpiCode))];
    const slugs = [...new Set(parsed.map((p) => p.personaSlug))];
    // A proposal hidden from the actor (entirely about personas outside their access) reads as unknown.
    const visibleKpis = kpiWhere(personaScope(actor));
    const kpis = await inChunks(codes, (chunk) => tx.kpi.findMany({ where: { code: { in: chunk }, ...visibleKpis }, select: { ...KPI_RULES_SELECT, owner: { select: { name: true } } } }));
    const personas = await inChunks(slugs, (chunk) => tx.persona.findMany({ where: { slug: { in: chunk } }, select: { id: true, slug: true, name: true, status: true } }));
    const maxPeriod = parsed.reduce((max, p) => (p.period > max ? p.period : max), "0000-01-01");
    const targets = kpis.length === 0 ? [] : await tx.kpiTarget.findMany({ where: { kpiId: { in: kpis.map((k) => k.id) }, effectiveFrom: { lte: periodToDate(maxPeriod) } }, select: TARGET_SELECT });
    const targetsByKpi = new Map<string, TargetRow[]>();
    for (const t of targets) {
      const list = targetsByKpi.get(t.kpiId) ?? [];
      list.push({ ...t, effectiveFrom: t.effectiveFrom.toISOString().slice(0, 10) });
      targetsByKpi.set(t.kpiId, list);
    }
    // What each KPI and persona means for every row that names it, worked out once per file:
    // its position in the bulk statements, its rules, and whether the actor may write it.
    const space: CellSpace = { kpiIds: kpis.map((k) => k.id), personaIds: personas.map((p) => p.id) };
    const kpiByCode = new Map(
      kpis.map((kpi, k) => {
        const writable = can(actor, "measurement.write", { kpi: { id: kpi.id, ownerId: kpi.ownerId, departmentId: kpi.departmentId } });
        const notYours: RowError | null = writable
          ? null
          : { column: "kpi_code", message: `${kpi.code} is not your KPI${kpi.owner ? ` (its owner is ${kpi.owner.name})` : ""}: you can only enter values for the KPIs you own.` };
        return [kpi.code, { kpi, k, rules: kpiRules(kpi), notYours }] as const;
      }),
    );
    // A persona outside the actor's scope reads as unknown (lib/auth/policy: an actor restricted
    // to some personas writes only theirs), so the verdict does not confirm that it exists.
    const personaBySlug = new Map(personas.flatMap((persona, p) => (personaVisible(actor, persona.id) ? [[persona.slug, { persona, p }] as const] : [])));
    phase("lookups");

    // 3. Rules that need the KPI and persona; duplicates within the file.
    type Valid = Parsed & { kpi: (typeof kpis)[number]; persona: (typeof personas)[number]; k: number; p: number; key: string; ruleErrors: RowError[] };
    const firstRowOf = new Map<string, number>();
    const valid: Valid[] = [];
    for (const row of parsed) {
      const errors: RowError[] = [];
      const kpi = kpiByCode.get(row.kpiCode);
      const persona = personaBySlug.get(row.personaSlug);
      if (!kpi) errors.push({ column: "kpi_code", message: `No KPI has the code ${row.kpiCode}.` });
      if (!persona) {
        errors.push({ column: "persona_slug", message: `No persona ${restricted ? "you have access to " : ""}has the slug ${row.personaSlug}.` });
      }
      if (kpi?.notYours) errors.push(kpi.notYours);
      // The rules of a save (status, period, bounds) hold for what is written: a row that repeats
      // the saved content exactly is "unchanged" even if, say, its persona has since been sunset,
      // so an export always re-imports unchanged. They are applied in step 5.
      const ruleErrors: RowError[] = [];
      if (kpi && persona) {
        const problems = measurementRuleProblems({ period: row.period, value: row.value ?? undefined }, kpi.rules, persona.persona, now, RULE_FIELDS);
        for (const column in problems) for (const message of problems[column]!) ruleErrors.push({ column, message });
        const key = cellKey(kpi.k, persona.p, row.period);
        const first = firstRowOf.get(key);
        if (first !== undefined) errors.push({ column: "period", message: `Duplicate of row ${first}: the same KPI, persona and period appear twice.` });
        else firstRowOf.set(key, row.verdict.rowNumber);
        if (errors.length === 0) valid.push(Object.assign(row, { kpi: kpi.kpi, persona: persona.persona, k: kpi.k, p: persona.p, key, ruleErrors }));
      }
      if (errors.length > 0) row.verdict.errors = ruleErrors.length > 0 ? errors.concat(ruleErrors) : errors;
    }
    phase("rules");

    // 4. The saved values of the valid rows' cells.
    const existingByKey = new Map<string, ExistingRow>();
    for (const e of await loadExisting(tx, space, valid)) existingByKey.set(cellKey(e.k, e.p, e.period), e);
    phase("existing");

    // 5. Verdicts: unchanged, the rules of a save, version conflict, comment rule, then insert or update.
    // One scorer per target row in force (a KPI's default or a persona's own), not one per cell.
    const scorers = new Map<TargetRow, Scorer>();
    const toWrite: { row: Valid; state: CellState; current: ExistingRow | undefined }[] = [];
    const conflicts: { row: Valid; current: ExistingRow }[] = [];
    for (const v of valid) {
      const verdict = v.verdict;
      const current = existingByKey.get(v.key);
      const comment = v.keepComment ? (current?.comment ?? null) : v.comment;
      if (current) verdict.previous = savedValue(current);
      verdict.comment = comment;
      if (current && current.comment === comment && sameContent(current, v.value, v.notAvailableReason)) {
        verdict.verdict = "unchanged";
        continue;
      }
      if (v.ruleErrors.length > 0) {
        verdict.errors = v.ruleErrors;
        continue;
      }
      if (v.version !== undefined && (!current || current.version !== v.version)) {
        if (current) conflicts.push({ row: v, current });
        else verdict.errors = [{ column: "version", message: `No value is saved here yet: send the item without a version.` }];
        continue;
      }
      let status: Status = "NO_DATA";
      if (v.value !== null) {
        const target = targetInForce(targetsByKpi.get(v.kpi.id) ?? NO_TARGETS, v.persona.id, v.period);
        if (target) {
          let scorer = scorers.get(target);
          if (scorer === undefined) {
            scorer = makeScorer(thresholdsOf(target, v.kpi.direction as Direction));
            scorers.set(target, scorer);
          }
          status = scorer.status(Number(v.value));
        }
      }
      const commentProblem = commentRequiredProblem(v.kpi, status, v.value !== null, comment);
      if (commentProblem) {
        verdict.errors = [{ column: "comment", message: commentProblem }];
        continue;
      }
      verdict.verdict = current ? "update" : "insert";
      toWrite.push({ row: v, state: { value: v.value, notAvailableReason: v.notAvailableReason, comment }, current });
    }
    if (conflicts.length > 0) {
      // A version conflict names who saved the value meanwhile, and when: read for these cells only.
      const who = await whoSaved(tx, space, conflicts.map((c) => c.row));
      for (const { row, current } of conflicts) {
        const saver = who.get(row.key);
        row.verdict.errors = [
          {
            column: "version",
            message: `${saver?.enteredByName ?? "Someone"} saved ${describeMeasurement(current)} here (version ${current.version}) after version ${row.version}: send version ${current.version} to overwrite it knowingly.`,
          },
        ];
        row.verdict.conflict = { ...savedValue(current), enteredBy: saver?.enteredByName ?? null, ...(saver ? { enteredAt: saver.enteredAt } : {}) };
      }
    }
    phase("verdicts");

    const counts: ImportCounts = { total: verdicts.length, insert: 0, update: 0, unchanged: 0, error: 0 };
    for (const r of verdicts) counts[r.verdict]++;
    const result: ImportResult = { fileName: input.fileName, dryRun: input.dryRun, committed: false, counts, importId: null, rows: verdicts };

    if (counts.error > 0) {
      if (input.dryRun) {
        unchanged();
        return result;
      }
      const conflicting = verdicts.filter((r) => r.conflict !== undefined || r.errors?.some((e) => e.column === "version")).length;
      const details: ImportConflictDetails = { result };
      if (conflicting === counts.error) {
        fail("CONFLICT", `${plural(conflicting, "value was", "values were")} saved by someone else meanwhile; nothing was imported. Send the current versions to overwrite them knowingly.`, {}, { ...details });
      }
      fail("INVALID", `${plural(counts.error, "row needs", "rows need")} attention; nothing was imported.`, errorFields(verdicts), { ...details });
    }
    if (input.dryRun || counts.insert + counts.update === 0) {
      unchanged();
      return { ...result, committed: !input.dryRun };
    }

    // 6. Commit, all in this transaction: the new values; the revisions and the changed values;
    // one audit event for the import that lists every changed cell (before -> after).
    const importId = newId();
    const reason = input.reason ?? `Imported from ${input.fileName}`;
    const meta = { source: input.source, actorId: actor.id, at: now };
    const inserts: (CellRef & CellState)[] = [];
    const updates: (CellRef & CellState & { version: number })[] = [];
    const changes: AuditedChange[] = new Array(toWrite.length);
    for (let i = 0; i < toWrite.length; i++) {
      const { row, state, current } = toWrite[i]!;
      if (current) updates.push({ k: row.k, p: row.p, period: row.period, ...state, version: current.version });
      else inserts.push({ k: row.k, p: row.p, period: row.period, ...state });
      changes[i] = [
        row.kpi.code,
        row.persona.slug,
        row.period,
        current ? [current.value, current.notAvailableReason, current.comment] : null,
        [state.value, state.notAvailableReason, state.comment],
      ];
    }
    phase("build");
    const inserted = await insertMeasurements(tx, space, inserts, meta);
    const updated = await updateMeasurements(tx, space, updates, { ...meta, reason });
    phase("write");
    if (inserted !== inserts.length || updated !== updates.length) {
      fail("CONFLICT", "Someone saved some of these values while the import ran; nothing was imported. Check the file again and import it.");
    }
    const payload: ImportAuditPayload = { fileName: input.fileName, source: input.source, counts, reason, changes };
    await audit({ entityType: "MeasurementImport", entityId: importId, afterJson: JSON.stringify(payload) });
    phase("audit");
    // The escalations of every pair the import wrote are judged again (issue 12): requested in
    // this transaction, so a committed import is never left unjudged; nudged after the commit.
    // Each pair once, in file order, found by its positions (a file of 100,000 values names ~5,000 pairs).
    const pairSeen = new Set<number>();
    const pairs: { kpiId: string; personaId: string }[] = [];
    for (const { row } of toWrite) {
      const at = row.k * space.personaIds.length + row.p;
      if (!pairSeen.has(at)) {
        pairSeen.add(at);
        pairs.push({ kpiId: row.kpi.id, personaId: row.persona.id });
      }
    }
    await enqueuePairEvaluations(tx, pairs);
    afterCommit(nudgePairRequests);
    phase("pairs");
    return { ...result, committed: true, importId };
  },
});

const RULE_FIELDS = { kpi: "kpi_code", persona: "persona_slug" };
const NO_TARGETS: TargetRow[] = [];

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Field errors of the error rows, keyed "row <n>.<column>" (at most 100 keys; the verdicts have them all). */
function errorFields(rows: RowVerdict[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let keys = 0;
  for (const r of rows) {
    for (const e of r.errors ?? []) {
      const key = `row ${r.rowNumber}.${e.column}`;
      if (!out[key]) {
        if (keys === 100) return out;
        keys++;
        out[key] = [];
      }
      out[key].push(e.message);
    }
  }
  return out;
}

async function inChunks<T, R>(values: T[], read: (chunk: T[]) => Promise<R[]>, size = 5_000): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await read(values.slice(i, i + size))));
  return out;
}

