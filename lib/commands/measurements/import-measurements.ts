import "server-only";
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
import { defineCommand, fail } from "../command";
import { nudgePairRequests } from "@/lib/jobs/nudge";
import { enqueuePairEvaluations } from "@/lib/jobs/pair-requests";
import { insertMeasurements, loadExisting, newId, newIds, updateMeasurements, type ExistingRow } from "./bulk-sql";
import { describeMeasurement, KPI_RULES_SELECT, kpiRules, sameContent, TARGET_SELECT, thresholdsFrom, type TargetRow } from "./shared";

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
//   - audit: one summary event (entityType MeasurementImport: file, source, counts) plus one event
//     per inserted or updated row (entityType Measurement, before/after like a single save), so
//     a value's history shows the import the same way it shows a save, and the import as a whole
//     is one line of the audit log. Unchanged rows write nothing; a second commit of the same
//     file is all "unchanged" and writes no event at all.
//
// Set-based: the KPIs, personas, targets and saved values of the whole file are read in a few
// statements, and the writes are one statement per 10,000 rows that writes the values together
// with their revisions and audit events (bulk-sql.ts).

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

interface Judged {
  verdict: RowVerdict;
  /** Valid rows only. */
  kpiId?: string;
  personaId?: string;
  write?: { value: string | null; notAvailableReason: string | null; comment: string | null };
  existing?: ExistingRow;
  kpiCode?: string;
  personaSlug?: string;
}

function savedValue(row: ExistingRow, withWho = false): SavedValue {
  const out: SavedValue = { value: row.value, notAvailableReason: row.notAvailableReason, comment: row.comment, version: row.version };
  if (withWho) {
    out.enteredBy = row.enteredByName;
    out.enteredAt = row.enteredAt;
  }
  return out;
}

function snapshotOf(kpi: string, persona: string, period: string, state: { value: string | null; notAvailableReason: string | null; comment: string | null }, extra: Record<string, unknown>) {
  return { kpi, persona, period, value: state.value, notAvailableReason: state.notAvailableReason, comment: state.comment, ...extra };
}

export const importMeasurements = defineCommand({
  name: "measurement.import",
  action: "measurement.enter",
  schema: importMeasurementsSchema,
  transaction: { maxWait: 30_000, timeout: 300_000 },
  async run({ actor, input, tx, audit, unchanged, afterCommit }): Promise<ImportResult> {
    const now = new Date();
    const restricted = !personaScope(actor).all;
    const judged: Judged[] = [];

    // 1. Each row on its own: the shape rules of a single save.
    type Parsed = { index: number; kpiCode: string; personaSlug: string; period: string; value: string | null; notAvailableReason: string | null; comment: string | null; version?: number; keepComment: boolean };
    const parsed: Parsed[] = [];
    for (const row of input.rows) {
      const keepComment = !input.hasComment || row.comment === undefined;
      const fileComment = keepComment ? null : nullableText(row.comment);
      const base: RowVerdict = {
        rowNumber: row.rowNumber,
        verdict: "error",
        kpi_code: cellText(row.kpi_code).trim(),
        persona_slug: cellText(row.persona_slug).trim(),
        period: cellText(row.period).trim(),
        value: nullableText(row.value)?.trim() ?? null,
        not_available_reason: nullableText(row.not_available_reason),
        comment: fileComment,
      };
      // A spreadsheet may hand over a code, a period or a comment as a number cell: judge its text.
      const asText = (v: string | number | null | undefined) => (v === null || v === undefined ? undefined : String(v));
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
        judged.push({ verdict: { ...base, errors } });
        continue;
      }
      const d = result.data;
      base.kpi_code = d.kpiCode!;
      base.persona_slug = d.personaSlug!;
      base.period = d.period;
      base.value = d.value ?? null;
      base.not_available_reason = d.notAvailableReason;
      base.comment = keepComment ? null : d.comment;
      judged.push({ verdict: base });
      parsed.push({
        index: judged.length - 1,
        kpiCode: d.kpiCode!,
        personaSlug: d.personaSlug!,
        period: d.period,
        value: d.value ?? null,
        notAvailableReason: d.notAvailableReason,
        comment: d.comment,
        version: d.version,
        keepComment,
      });
    }

    // 2. The file's KPIs, personas and targets: a few reads whatever the number of rows.
    const codes = [...new Set(parsed.map((p) => p.kpiCode))];
    const slugs = [...new Set(parsed.map((p) => p.personaSlug))];
    const kpis = await inChunks(codes, (chunk) => tx.kpi.findMany({ where: { code: { in: chunk } }, select: { ...KPI_RULES_SELECT, owner: { select: { name: true } } } }));
    const personas = await inChunks(slugs, (chunk) => tx.persona.findMany({ where: { slug: { in: chunk } }, select: { id: true, slug: true, name: true, status: true } }));
    const kpiByCode = new Map(kpis.map((k) => [k.code, k]));
    const personaBySlug = new Map(personas.map((p) => [p.slug, p]));
    const maxPeriod = parsed.reduce((max, p) => (p.period > max ? p.period : max), "0000-01-01");
    const targets = kpis.length === 0 ? [] : await tx.kpiTarget.findMany({ where: { kpiId: { in: kpis.map((k) => k.id) }, effectiveFrom: { lte: periodToDate(maxPeriod) } }, select: TARGET_SELECT });
    const targetsByKpi = new Map<string, TargetRow[]>();
    for (const t of targets) {
      const list = targetsByKpi.get(t.kpiId) ?? [];
      list.push({ ...t, effectiveFrom: t.effectiveFrom.toISOString().slice(0, 10) });
      targetsByKpi.set(t.kpiId, list);
    }

    // 3. Rules that need the KPI and persona; duplicates within the file.
    const firstRowOf = new Map<string, number>();
    const valid: (Parsed & { kpi: (typeof kpis)[number]; persona: (typeof personas)[number]; key: string; ruleErrors: { column: string; message: string }[] })[] = [];
    for (const p of parsed) {
      const j = judged[p.index]!;
      const errors: { column: string; message: string }[] = [];
      const kpi = kpiByCode.get(p.kpiCode);
      // A persona outside the actor's scope reads as unknown (lib/auth/policy: an actor restricted
      // to some personas writes only theirs), so the verdict does not confirm that it exists.
      const found = personaBySlug.get(p.personaSlug);
      const persona = found && personaVisible(actor, found.id) ? found : undefined;
      if (!kpi) errors.push({ column: "kpi_code", message: `No KPI has the code ${p.kpiCode}.` });
      if (!persona) {
        errors.push({ column: "persona_slug", message: `No persona ${restricted ? "you have access to " : ""}has the slug ${p.personaSlug}.` });
      }
      if (kpi && !can(actor, "measurement.write", { kpi: { id: kpi.id, ownerId: kpi.ownerId, departmentId: kpi.departmentId } })) {
        errors.push({ column: "kpi_code", message: `${kpi.code} is not your KPI${kpi.owner ? ` (its owner is ${kpi.owner.name})` : ""}: you can only enter values for the KPIs you own.` });
      }
      // The rules of a save (status, period, bounds) hold for what is written: a row that repeats
      // the saved content exactly is "unchanged" even if, say, its persona has since been sunset,
      // so an export always re-imports unchanged. They are applied in step 5.
      const ruleErrors: { column: string; message: string }[] = [];
      if (kpi && persona) {
        const problems = measurementRuleProblems({ period: p.period, value: p.value ?? undefined }, kpiRules(kpi), persona, now, { kpi: "kpi_code", persona: "persona_slug" });
        for (const [column, messages] of Object.entries(problems)) for (const message of messages) ruleErrors.push({ column, message });
      }
      if (kpi && persona) {
        const key = `${kpi.id}|${persona.id}|${p.period}`;
        const first = firstRowOf.get(key);
        if (first !== undefined) errors.push({ column: "period", message: `Duplicate of row ${first}: the same KPI, persona and period appear twice.` });
        else firstRowOf.set(key, j.verdict.rowNumber);
        if (errors.length === 0) valid.push({ ...p, kpi, persona, key, ruleErrors });
      }
      if (errors.length > 0) j.verdict.errors = [...errors, ...ruleErrors];
    }

    // 4. The saved values of the valid rows' cells.
    const existing = await loadExisting(tx, valid.map((v) => ({ kpiId: v.kpi.id, personaId: v.persona.id, period: v.period })));
    const existingByKey = new Map(existing.map((e) => [`${e.kpiId}|${e.personaId}|${e.period}`, e]));

    // 5. Verdicts: unchanged, the rules of a save, version conflict, comment rule, then insert or update.
    const scorers = new Map<string, Scorer | null>();
    for (const v of valid) {
      const j = judged[v.index]!;
      const current = existingByKey.get(v.key);
      const comment = v.keepComment ? (current?.comment ?? null) : v.comment;
      const state = { value: v.value, notAvailableReason: v.notAvailableReason, comment };
      if (current) j.verdict.previous = savedValue(current);
      j.verdict.comment = comment;
      if (current && sameContent(current, v.value, v.notAvailableReason) && current.comment === comment) {
        j.verdict.verdict = "unchanged";
        continue;
      }
      if (v.ruleErrors.length > 0) {
        j.verdict.errors = v.ruleErrors;
        continue;
      }
      if (v.version !== undefined && (!current || current.version !== v.version)) {
        j.verdict.errors = [
          {
            column: "version",
            message: current
              ? `${current.enteredByName ?? "Someone"} saved ${describeMeasurement(current)} here (version ${current.version}) after version ${v.version}: send version ${current.version} to overwrite it knowingly.`
              : `No value is saved here yet: send the item without a version.`,
          },
        ];
        if (current) j.verdict.conflict = savedValue(current, true);
        continue;
      }
      let status: Status = "NO_DATA";
      if (v.value !== null) {
        const scorerKey = `${v.kpi.id}|${v.persona.id}|${v.period}`;
        let scorer = scorers.get(scorerKey);
        if (scorer === undefined) {
          const t = thresholdsFrom(targetsByKpi.get(v.kpi.id) ?? [], v.kpi.direction as Direction, v.persona.id, v.period);
          scorer = t ? makeScorer(t) : null;
          scorers.set(scorerKey, scorer);
        }
        if (scorer) status = scorer.status(Number(v.value));
      }
      const commentProblem = commentRequiredProblem(v.kpi, status, v.value !== null, comment);
      if (commentProblem) {
        j.verdict.errors = [{ column: "comment", message: commentProblem }];
        continue;
      }
      j.verdict.verdict = current ? "update" : "insert";
      j.kpiId = v.kpi.id;
      j.personaId = v.persona.id;
      j.kpiCode = v.kpi.code;
      j.personaSlug = v.persona.slug;
      j.write = state;
      j.existing = current;
    }

    const rows = judged.map((j) => j.verdict);
    const counts: ImportCounts = { total: rows.length, insert: 0, update: 0, unchanged: 0, error: 0 };
    for (const r of rows) counts[r.verdict]++;
    const result: ImportResult = { fileName: input.fileName, dryRun: input.dryRun, committed: false, counts, importId: null, rows };

    if (counts.error > 0) {
      if (input.dryRun) {
        unchanged();
        return result;
      }
      const conflicts = rows.filter((r) => r.conflict !== undefined || r.errors?.some((e) => e.column === "version")).length;
      const details: ImportConflictDetails = { result };
      if (conflicts === counts.error) {
        fail("CONFLICT", `${plural(conflicts, "value was", "values were")} saved by someone else meanwhile; nothing was imported. Send the current versions to overwrite them knowingly.`, {}, { ...details });
      }
      fail("INVALID", `${plural(counts.error, "row needs", "rows need")} attention; nothing was imported.`, errorFields(rows), { ...details });
    }
    if (input.dryRun || counts.insert + counts.update === 0) {
      unchanged();
      return { ...result, committed: !input.dryRun };
    }

    // 6. Commit: inserts, revisions and updates, each with its audit event; all in this transaction.
    const importId = newId();
    const reason = input.reason ?? `Imported from ${input.fileName}`;
    const meta = { source: input.source, actorId: actor.id, at: now, actorLabel: `${actor.name} <${actor.email}>`, action: "measurement.import" };
    const insertRows = judged.filter((j) => j.verdict.verdict === "insert");
    const updates = judged.filter((j) => j.verdict.verdict === "update");
    const ids = newIds(insertRows.length * 2 + updates.length * 2);
    let next = 0;
    const inserts = insertRows.map((j) => {
      const id = ids[next++]!;
      return {
        id,
        kpiId: j.kpiId!,
        personaId: j.personaId!,
        period: j.verdict.period,
        ...j.write!,
        auditId: ids[next++]!,
        after: snapshotOf(j.kpiCode!, j.personaSlug!, j.verdict.period, j.write!, { source: input.source, version: 1, enteredById: actor.id, enteredAt: now.toISOString(), importId }),
      };
    });
    const inserted = await insertMeasurements(tx, inserts, meta);
    const updated = await updateMeasurements(
      tx,
      updates.map((j) => ({
        id: j.existing!.id,
        version: j.existing!.version,
        ...j.write!,
        revisionId: ids[next++]!,
        auditId: ids[next++]!,
        before: snapshotOf(j.kpiCode!, j.personaSlug!, j.verdict.period, j.existing!, {
          source: j.existing!.source,
          version: j.existing!.version,
          enteredById: j.existing!.enteredById,
          enteredAt: j.existing!.enteredAt,
        }),
        after: snapshotOf(j.kpiCode!, j.personaSlug!, j.verdict.period, j.write!, {
          source: input.source,
          version: j.existing!.version + 1,
          enteredById: actor.id,
          enteredAt: now.toISOString(),
          reason,
          importId,
        }),
      })),
      { ...meta, reason },
    );
    if (inserted !== inserts.length || updated !== updates.length) {
      fail("CONFLICT", "Someone saved some of these values while the import ran; nothing was imported. Check the file again and import it.");
    }
    await audit({
      entityType: "MeasurementImport",
      entityId: importId,
      after: { fileName: input.fileName, source: input.source, counts, reason },
    });
    // The escalations of every pair the import wrote are judged again (issue 12): requested in
    // this transaction, so a committed import is never left unjudged; nudged after the commit.
    await enqueuePairEvaluations(tx, [...insertRows, ...updates].map((j) => ({ kpiId: j.kpiId!, personaId: j.personaId! })));
    afterCommit(nudgePairRequests);
    return { ...result, committed: true, importId };
  },
});

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

