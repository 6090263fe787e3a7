import "server-only";
import { EVERY_PERSONA } from "@/lib/auth/policy";
import type { DbClient } from "@/lib/db";
import { AppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";
import { recalibrateWeightsSchema } from "@/lib/validation/personas";
import { defineCommand, fail } from "../command";

/**
 * A recalibration: a new version of a scorecard's persona weights from an effective month on,
 * with a reason. History is append-only: the month must come after the newest version, so every
 * earlier month keeps scoring with the weights in force then. Personas left out keep the weight
 * in force for them. Weights are non-negative, at least one positive; scoring normalises them.
 * It sets every persona's share, so an actor restricted to some personas may not (the policy's
 * resource.everyPersona).
 */
export const recalibrateWeights = defineCommand({
  name: "weight.recalibrate",
  action: "weight.write",
  schema: recalibrateWeightsSchema,
  resource: async () => EVERY_PERSONA,
  async run({ actor, input, tx, audit }) {
    const scorecard = await tx.scorecard.findUnique({ where: { id: input.scorecardId }, select: { id: true, slug: true } });
    if (!scorecard) fail("NOT_FOUND", "That scorecard no longer exists. Reload the page.");
    await checkProposal(tx, scorecard.id, input.effectiveFrom, Object.keys(input.weights));

    const effectiveFrom = new Date(`${input.effectiveFrom}T00:00:00.000Z`);
    const before = await tx.personaWeight.findMany({
      where: { scorecardId: scorecard.id, effectiveFrom: { lte: effectiveFrom } },
      orderBy: { effectiveFrom: "asc" },
      select: { personaId: true, weight: true },
    });
    const inForce = new Map(before.map((w) => [w.personaId, w.weight.toString()]));
    await tx.personaWeight.createMany({
      data: Object.entries(input.weights).map(([personaId, weight]) => ({
        scorecardId: scorecard.id,
        personaId,
        weight: weight.toFixed(4),
        effectiveFrom,
        reason: input.reason,
        setById: actor.id,
      })),
    });
    await audit({
      entityType: "Scorecard",
      entityId: scorecard.id,
      before: { weightsInForce: Object.fromEntries(inForce) },
      after: { effectiveFrom: input.effectiveFrom, reason: input.reason, weights: Object.fromEntries(Object.entries(input.weights).map(([id, w]) => [id, w.toFixed(4)])) },
    });
    return { scorecard: { id: scorecard.id, slug: scorecard.slug }, effectiveFrom: input.effectiveFrom, personas: Object.keys(input.weights).length };
  },
});

/**
 * The rules a proposal must meet beyond its shape (shared with the preview): the personas exist
 * and are not sunset, and the month comes after the newest version of the weights.
 */
export async function checkProposal(db: DbClient, scorecardId: string, effectiveFrom: string, personaIds: string[]): Promise<void> {
  const personas = await db.persona.findMany({ where: { id: { in: personaIds } }, select: { id: true, name: true, status: true } });
  const found = new Map(personas.map((p) => [p.id, p]));
  const fieldErrors: Record<string, string[]> = {};
  for (const id of personaIds) {
    const p = found.get(id);
    if (!p) fieldErrors[`weights.${id}`] = ["That persona no longer exists. Reload the page."];
    else if (p.status === "SUNSET") fieldErrors[`weights.${id}`] = [`${p.name} is sunset: revive it before giving it a new weight.`];
  }
  if (Object.keys(fieldErrors).length > 0) fail("INVALID", "Some weights need attention.", fieldErrors);
  const newest = await db.personaWeight.findFirst({ where: { scorecardId }, orderBy: { effectiveFrom: "desc" }, select: { effectiveFrom: true } });
  const newestKey = newest?.effectiveFrom.toISOString().slice(0, 10);
  if (newestKey && effectiveFrom <= newestKey) {
    fail("INVALID", "Choose a later effective month.", {
      effectiveFrom: [`The newest weights take effect from ${newestKey.slice(0, 7)}; a recalibration must start after that month, so past months keep their weights.`],
    });
  }
}

/** checkProposal as a refusal value (null when the proposal may be saved), for the preview step. */
export async function proposalRefusal(
  db: DbClient,
  input: { scorecardId: string; effectiveFrom: string; weights: Record<string, number> },
): Promise<{ ok: false; code: AppErrorCode; message: string; fieldErrors: FieldErrors } | null> {
  try {
    await checkProposal(db, input.scorecardId, input.effectiveFrom, Object.keys(input.weights));
    return null;
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}
