import "server-only";
import type { Direction } from "@/lib/generated/prisma/enums";
import { makeScorer, type Status } from "@/lib/scoring";
import { periodToDate } from "@/lib/scoring/periods";
import {
  commentRequiredProblem,
  measurementRuleProblems,
  saveMeasurementSchema,
  type SaveMeasurementData,
} from "@/lib/validation/measurements";
import type { Actor } from "@/lib/auth/actor";
import { personaScope } from "@/lib/auth/policy";
import type { DbClient } from "@/lib/db";
import { kpiWhere } from "@/lib/queries/persona-scope";
import { nudgePairRequests } from "@/lib/jobs/nudge";
import { enqueuePairEvaluations } from "@/lib/jobs/pair-requests";
import { defineCommand, fail } from "../command";
import {
  describeMeasurement,
  KPI_RULES_SELECT,
  kpiRules,
  MEASUREMENT_SELECT,
  measurementSnapshot,
  sameContent,
  thresholdsInForce,
  toSavedMeasurement,
  type SavedMeasurement,
} from "./shared";

// Saves one value (or "not available" with its reason) of a KPI for a persona and a period.
// The grid uses it now; imports and the API will too (hence `source`).
//
// Rules, in the order they are checked:
//   - role gate: only admins and KPI owners (canSome measurement.write); then, with the KPI
//     loaded in the transaction, only the KPI's owner or an admin (authorize);
//   - the shared schema, then the rules that need the KPI and persona (lib/validation/measurements);
//   - the cell's row is locked (SELECT ... FOR UPDATE) so two saves of one cell run one after
//     the other; a first save inserts with ON CONFLICT DO NOTHING, so two first saves cannot
//     both insert either;
//   - the same content resent (value, not-available reason and comment) is `unchanged`: nothing
//     written, no audit event, whatever version was sent (a retry is harmless);
//   - `version` must be the saved row's version (absent: no row saved yet), else CONFLICT with
//     details.current (the SavedMeasurement in force: value, version, who saved it and when),
//     so the caller can keep theirs or overwrite knowingly by resending with that version;
//   - a value that scores RED with the thresholds in force for that persona in that period, and
//     any value of a qualitative KPI, needs a comment;
//   - changing a saved value or not-available reason needs `reason`; the replaced state goes to
//     MeasurementRevision (version, value, who entered it, who replaced it, when, why) and the
//     row's version goes up by one. A comment-only edit needs no reason (it is recorded as one).

export type SaveOutcome = "created" | "updated" | "unchanged";

export interface SaveMeasurementResult {
  outcome: SaveOutcome;
  measurement: SavedMeasurement;
  /** Status of the saved value with the thresholds in force (NO_DATA when not available or no thresholds). */
  status: Status;
}

/** `details` of a CONFLICT refusal. `current` is null only if the row vanished meanwhile. */
export interface MeasurementConflictDetails {
  current: SavedMeasurement | null;
}

async function loadKpi(tx: DbClient, input: SaveMeasurementData, actor: Actor) {
  // A proposal hidden from the actor (entirely about personas outside their access) reads as unknown.
  const visible = kpiWhere(personaScope(actor));
  const kpi = input.kpiId
    ? await tx.kpi.findFirst({ where: { id: input.kpiId, ...visible }, select: KPI_RULES_SELECT })
    : await tx.kpi.findFirst({ where: { code: input.kpiCode!, ...visible }, select: KPI_RULES_SELECT });
  if (!kpi) {
    const field = input.kpiId ? "kpiId" : "kpiCode";
    fail("INVALID", "Some fields need attention.", { [field]: [input.kpiId ? "No KPI has this id." : `No KPI has the code ${input.kpiCode}.`] });
  }
  return kpi;
}

async function loadPersona(tx: DbClient, input: SaveMeasurementData) {
  const select = { id: true, slug: true, name: true, status: true } as const;
  const persona = input.personaId
    ? await tx.persona.findUnique({ where: { id: input.personaId }, select })
    : await tx.persona.findUnique({ where: { slug: input.personaSlug! }, select });
  if (!persona) {
    const field = input.personaId ? "personaId" : "personaSlug";
    fail("INVALID", "Some fields need attention.", { [field]: [input.personaId ? "No persona has this id." : `No persona has the slug ${input.personaSlug}.`] });
  }
  return persona;
}

function sameValue(row: SavedMeasurement, input: SaveMeasurementData): boolean {
  return sameContent(row, input.value ?? null, input.notAvailableReason);
}

const describe = describeMeasurement;

function conflict(current: SavedMeasurement | null): never {
  const details: MeasurementConflictDetails = { current };
  if (!current) fail("CONFLICT", "This value was removed after you opened it. Reload the page.", {}, { ...details });
  const who = current.enteredBy?.name ?? "someone";
  fail(
    "CONFLICT",
    `${who} saved ${describe(current)} here at ${current.enteredAt.slice(0, 16).replace("T", " ")} UTC, after you opened it. Keep their value, or overwrite it knowingly.`,
    {},
    { ...details },
  );
}

/** The pair's escalation is judged again: requested in this transaction, nudged after the commit. */
async function reEvaluate(tx: DbClient, kpiId: string, personaId: string, afterCommit: (fn: () => void) => void): Promise<void> {
  await enqueuePairEvaluations(tx, [{ kpiId, personaId }]);
  afterCommit(nudgePairRequests);
}

export const saveMeasurement = defineCommand({
  name: "measurement.save",
  action: "measurement.write",
  schema: saveMeasurementSchema,
  async resource(input, tx, actor) {
    const kpi = await loadKpi(tx, input, actor);
    // The persona too: an actor restricted to some personas writes only theirs (policy clause).
    const persona = await loadPersona(tx, input);
    return { kpi: { id: kpi.id, ownerId: kpi.ownerId, departmentId: kpi.departmentId }, persona: { id: persona.id } };
  },
  async run({ actor, input, tx, audit, unchanged, afterCommit }): Promise<SaveMeasurementResult> {
    const kpi = await loadKpi(tx, input, actor);
    const persona = await loadPersona(tx, input);
    const now = new Date();

    const problems = measurementRuleProblems(input, kpiRules(kpi), persona, now, {
      kpi: input.kpiId ? "kpiId" : "kpiCode",
      persona: input.personaId ? "personaId" : "personaSlug",
    });
    if (Object.keys(problems).length > 0) fail("INVALID", "Some fields need attention.", problems);

    // Lock the cell's row (if there is one) for the rest of the transaction.
    await tx.$queryRaw`SELECT id FROM "Measurement" WHERE "kpiId" = ${kpi.id} AND "personaId" = ${persona.id} AND period = ${input.period}::date FOR UPDATE`;
    const where = { kpiId_personaId_period: { kpiId: kpi.id, personaId: persona.id, period: periodToDate(input.period) } };
    const stored = await tx.measurement.findUnique({ where, select: MEASUREMENT_SELECT });
    const current = stored ? toSavedMeasurement(stored) : null;

    const thresholds = await thresholdsInForce(tx, { id: kpi.id, direction: kpi.direction as Direction }, persona.id, input.period);
    const value = input.value ?? null;
    const status: Status = thresholds && value !== null ? makeScorer(thresholds).status(Number(value)) : "NO_DATA";

    if (current && sameValue(current, input) && current.comment === input.comment) {
      unchanged();
      return { outcome: "unchanged", measurement: current, status };
    }
    if (current ? input.version !== current.version : input.version !== undefined) conflict(current);

    const commentProblem = commentRequiredProblem(kpi, status, value !== null, input.comment);
    if (commentProblem) fail("INVALID", commentProblem, { comment: [commentProblem] });

    const content = { value, notAvailableReason: input.notAvailableReason, comment: input.comment, source: input.source, enteredById: actor.id, enteredAt: now };

    if (!current) {
      // ON CONFLICT DO NOTHING: a concurrent first save of this cell that committed meanwhile wins.
      const inserted = await tx.measurement.createMany({
        data: [{ kpiId: kpi.id, personaId: persona.id, period: periodToDate(input.period), ...content }],
        skipDuplicates: true,
      });
      if (inserted.count === 0) {
        const theirs = await tx.measurement.findUnique({ where, select: MEASUREMENT_SELECT });
        conflict(theirs ? toSavedMeasurement(theirs) : null);
      }
      const created = toSavedMeasurement(await tx.measurement.findUniqueOrThrow({ where, select: MEASUREMENT_SELECT }));
      await reEvaluate(tx, kpi.id, persona.id, afterCommit);
      await audit({ entityType: "Measurement", entityId: created.id, before: null, after: { kpi: kpi.code, persona: persona.slug, ...measurementSnapshot(created) } });
      return { outcome: "created", measurement: created, status };
    }

    const valueDiffers = !sameValue(current, input);
    if (valueDiffers && input.reason === null) {
      const message = `You are changing a saved value (${describe(current)}): say why, e.g. "corrected source data".`;
      fail("INVALID", message, { reason: [message] });
    }
    await tx.measurementRevision.create({
      data: {
        measurementId: current.id,
        version: current.version,
        value: current.value,
        notAvailableReason: current.notAvailableReason,
        comment: current.comment,
        enteredById: current.enteredBy?.id ?? null,
        enteredAt: new Date(current.enteredAt),
        changedById: actor.id,
        changedAt: now,
        reason: input.reason ?? (valueDiffers ? "Changed." : "Comment changed."),
      },
    });
    // The version guard holds even without the lock above: a stale version updates nothing.
    const updated = await tx.measurement.updateMany({ where: { id: current.id, version: current.version }, data: { ...content, version: { increment: 1 } } });
    if (updated.count !== 1) conflict(current);
    const after = toSavedMeasurement(await tx.measurement.findUniqueOrThrow({ where, select: MEASUREMENT_SELECT }));
    // A comment-only edit changes no score: no re-evaluation.
    if (valueDiffers) await reEvaluate(tx, kpi.id, persona.id, afterCommit);
    await audit({
      entityType: "Measurement",
      entityId: after.id,
      before: { kpi: kpi.code, persona: persona.slug, ...measurementSnapshot(current) },
      after: { kpi: kpi.code, persona: persona.slug, ...measurementSnapshot(after), reason: input.reason },
    });
    return { outcome: "updated", measurement: after, status };
  },
});
