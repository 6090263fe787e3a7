import type { DbClient } from "@/lib/db";
import { periodToDate } from "@/lib/scoring/periods";
import type { DemoCalendar } from "./calendar";
import { PERSONAS, SCORECARDS } from "./catalogue";
import { idOf, type Ids } from "./ids";
import { reconcile, sameDate, sameDecimal } from "./reconcile";

// The personas with their attributes, and each scorecard's persona weights over time.

/** Personas by slug; an unchanged persona is not written, so its version stays put. */
export async function writePersonas(tx: DbClient, calendar: DemoCalendar): Promise<Ids> {
  const ids: Ids = new Map();
  for (const p of PERSONAS) {
    const data = {
      name: p.name,
      description: p.description,
      status: p.status,
      statusRationale: p.statusRationale,
      statusChangedAt: periodToDate(calendar.monthsBeforeEnd(p.statusSinceMonthsBeforeEnd)),
      priority: p.priority,
      revenueInfluence: p.revenueInfluence,
      reviewCadenceMonths: p.reviewCadenceMonths,
      nextReviewOn: p.nextReviewMonthsAfterEnd === null ? null : periodToDate(calendar.monthsBeforeEnd(-p.nextReviewMonthsAfterEnd)),
      mergedIntoId: null,
    };
    const stored = await tx.persona.findUnique({ where: { slug: p.slug } });
    if (!stored) {
      ids.set(p.slug, (await tx.persona.create({ data: { slug: p.slug, ...data }, select: { id: true } })).id);
      continue;
    }
    ids.set(p.slug, stored.id);
    const same =
      stored.name === data.name &&
      stored.description === data.description &&
      stored.status === data.status &&
      stored.statusRationale === data.statusRationale &&
      sameDate(stored.statusChangedAt, data.statusChangedAt) &&
      stored.priority === data.priority &&
      sameDecimal(stored.revenueInfluence, data.revenueInfluence) &&
      stored.reviewCadenceMonths === data.reviewCadenceMonths &&
      sameDate(stored.nextReviewOn, data.nextReviewOn) &&
      stored.mergedIntoId === null;
    // A reset is an edit: bump the version so an editor holding the old one gets a conflict.
    if (!same) await tx.persona.update({ where: { id: stored.id }, data: { ...data, version: { increment: 1 } } });
  }
  await writePersonaAttributes(tx, ids);
  await writePainPoints(tx, ids);
  return ids;
}

/** Each persona's pain points, in order; a reset removes ones added since (with their objectives). */
async function writePainPoints(tx: DbClient, personas: Ids): Promise<void> {
  const wanted = PERSONAS.flatMap((p) => p.painPoints.map((pp, order) => ({ personaId: idOf(personas, p.slug, "persona"), text: pp.text, order })));
  const stored = await tx.personaPainPoint.findMany({ where: { personaId: { in: [...personas.values()] } } });
  const result = await reconcile({
    wanted,
    stored,
    key: (r) => `${r.personaId}|${r.text}`,
    same: (w, s) => w.order === s.order,
    create: (rows) => tx.personaPainPoint.createMany({ data: rows }),
    update: (w, s) => tx.personaPainPoint.update({ where: { id: s.id }, data: { order: w.order } }),
  });
  if (result.extra.length > 0) await tx.personaPainPoint.deleteMany({ where: { id: { in: result.extra.map((r) => r.id) } } });
}

/**
 * Which objectives address each pain point (catalogue: addressedBy), once the scorecards exist.
 * A reset removes mappings made since; the unaddressed pain points stay unaddressed.
 */
export async function writePainPointObjectives(tx: DbClient, refs: { personas: Ids; objectives: Ids }): Promise<void> {
  const personaIds = [...refs.personas.values()];
  const rows = await tx.personaPainPoint.findMany({ where: { personaId: { in: personaIds } }, select: { id: true, personaId: true, text: true } });
  const painPointId = new Map(rows.map((r) => [`${r.personaId}|${r.text}`, r.id]));
  const wanted = PERSONAS.flatMap((p) =>
    p.painPoints.flatMap((pp) =>
      pp.addressedBy.map((ref) => ({
        painPointId: idOf(painPointId, `${idOf(refs.personas, p.slug, "persona")}|${pp.text}`, "pain point"),
        objectiveId: idOf(refs.objectives, ref, "objective"),
      })),
    ),
  );
  const stored = (await tx.painPointObjective.findMany({ where: { painPointId: { in: rows.map((r) => r.id) } } })).map((r) => ({ ...r, id: `${r.painPointId}|${r.objectiveId}` }));
  const result = await reconcile({
    wanted,
    stored,
    key: (r) => `${r.painPointId}|${r.objectiveId}`,
    same: () => true,
    create: (data) => tx.painPointObjective.createMany({ data }),
    update: async () => undefined,
  });
  for (const extra of result.extra) {
    await tx.painPointObjective.delete({ where: { painPointId_objectiveId: { painPointId: extra.painPointId, objectiveId: extra.objectiveId } } });
  }
}

async function writePersonaAttributes(tx: DbClient, personas: Ids): Promise<void> {
  const wanted = PERSONAS.flatMap((p) =>
    p.attributes.map((a) => ({
      personaId: idOf(personas, p.slug, "persona"),
      kind: a.kind,
      label: a.label,
      value: a.value,
      order: p.attributes.filter((b) => b.kind === a.kind).indexOf(a),
    })),
  );
  const stored = await tx.personaAttribute.findMany({ where: { personaId: { in: [...personas.values()] } } });
  const result = await reconcile({
    wanted,
    stored,
    key: (r) => `${r.personaId}|${r.kind}|${r.label}`,
    same: (w, s) => w.value === s.value && w.order === s.order,
    create: (rows) => tx.personaAttribute.createMany({ data: rows }),
    update: (w, s) => tx.personaAttribute.update({ where: { id: s.id }, data: { value: w.value, order: w.order } }),
  });
  // Attributes are part of the persona's description: a reset removes ones added since.
  if (result.extra.length > 0) await tx.personaAttribute.deleteMany({ where: { id: { in: result.extra.map((r) => r.id) } } });
}

/** Each scorecard's weight sets; a set without a month starts with the window. */
export async function writePersonaWeights(
  tx: DbClient,
  calendar: DemoCalendar,
  refs: { users: Ids; personas: Ids; scorecards: Ids },
): Promise<void> {
  for (const s of SCORECARDS) {
    const scorecardId = idOf(refs.scorecards, s.slug, "scorecard");
    for (const set of s.weightHistory) {
      const effectiveFrom = periodToDate(set.monthsBeforeEnd === null ? calendar.start : calendar.monthsBeforeEnd(set.monthsBeforeEnd));
      for (const [slug, weight] of Object.entries(set.weights)) {
        const personaId = idOf(refs.personas, slug, "persona");
        const data = { weight, reason: set.reason, setById: idOf(refs.users, set.setBy, "user") };
        await tx.personaWeight.upsert({
          where: { scorecardId_personaId_effectiveFrom: { scorecardId, personaId, effectiveFrom } },
          create: { scorecardId, personaId, effectiveFrom, ...data },
          update: data,
          select: { id: true },
        });
      }
    }
  }
}

/** A moment inside a month: its 3rd day at 09:00 UTC (history entries need a time of day). */
function momentIn(month: string, dayOffset = 2): Date {
  const d = periodToDate(month);
  return new Date(d.getTime() + dayOffset * 86_400_000 + 9 * 3_600_000);
}

/**
 * Each demo persona's lifecycle (created as a draft, activated, for one sunset) and a few past
 * reviews, so the persona pages show a timeline from the first start. The last step of each
 * persona happens when its status began (statusChangedAt), with its statusRationale.
 */
export async function writePersonaHistory(tx: DbClient, calendar: DemoCalendar, refs: { users: Ids; personas: Ids }): Promise<void> {
  const analyst = idOf(refs.users, "analyst@demo.test", "user");
  const admin = idOf(refs.users, "admin@demo.test", "user");
  type Step = { personaId: string; fromStatus: "DRAFT" | "ACTIVE" | "SUNSET" | null; toStatus: "DRAFT" | "ACTIVE" | "SUNSET"; rationale: string; changedById: string; at: Date };
  const steps: Step[] = [];
  for (const p of PERSONAS) {
    const personaId = idOf(refs.personas, p.slug, "persona");
    const since = calendar.monthsBeforeEnd(p.statusSinceMonthsBeforeEnd);
    const statusAt = periodToDate(since);
    if (p.status === "DRAFT") {
      steps.push({ personaId, fromStatus: null, toStatus: "DRAFT", rationale: p.statusRationale, changedById: analyst, at: statusAt });
      continue;
    }
    const created = momentIn(calendar.monthsBeforeEnd(Math.max(p.statusSinceMonthsBeforeEnd, 23) + 1));
    steps.push({ personaId, fromStatus: null, toStatus: "DRAFT", rationale: "Created as a draft from the 2024 customer segmentation study.", changedById: analyst, at: created });
    if (p.status === "ACTIVE") {
      steps.push({ personaId, fromStatus: "DRAFT", toStatus: "ACTIVE", rationale: p.statusRationale, changedById: admin, at: statusAt });
    } else {
      steps.push({
        personaId,
        fromStatus: "DRAFT",
        toStatus: "ACTIVE",
        rationale: "Self-hosted customers still renew; tracked until the on-premises edition ends.",
        changedById: admin,
        at: momentIn(calendar.monthsBeforeEnd(23)),
      });
      steps.push({ personaId, fromStatus: "ACTIVE", toStatus: "SUNSET", rationale: p.statusRationale, changedById: analyst, at: statusAt });
    }
  }
  const personaIds = [...refs.personas.values()];
  const storedSteps = await tx.personaStatusChange.findMany({ where: { personaId: { in: personaIds } } });
  const stepResult = await reconcile({
    wanted: steps,
    stored: storedSteps,
    key: (r) => `${r.personaId}|${r.fromStatus ?? ""}|${r.toStatus}|${r.at.toISOString()}`,
    same: (w, s) => w.rationale === s.rationale && w.changedById === s.changedById,
    create: (rows) => tx.personaStatusChange.createMany({ data: rows }),
    update: (w, s) => tx.personaStatusChange.update({ where: { id: s.id }, data: { rationale: w.rationale, changedById: w.changedById } }),
  });
  // The demo's history is the plan's: a reset removes steps taken since.
  if (stepResult.extra.length > 0) await tx.personaStatusChange.deleteMany({ where: { id: { in: stepResult.extra.map((r) => r.id) } } });

  // One past review per active persona, a cadence before its next review date.
  const reviews = PERSONAS.filter((p) => p.status === "ACTIVE" && p.nextReviewMonthsAfterEnd !== null).map((p, i) => {
    const next = calendar.monthsBeforeEnd(-p.nextReviewMonthsAfterEnd!);
    const reviewed = calendar.monthsBeforeEnd(-p.nextReviewMonthsAfterEnd! + p.reviewCadenceMonths);
    return {
      personaId: idOf(refs.personas, p.slug, "persona"),
      outcome: i === 2 ? ("NEEDS_RESEGMENTATION" as const) : ("STILL_VALID" as const),
      note:
        i === 2
          ? "Power users in SMB accounts behave differently from those in enterprises; consider splitting at the next review."
          : "Attributes and pain points still match the latest interviews and account data.",
      reviewedById: analyst,
      reviewedOn: periodToDate(reviewed),
      nextReviewOn: periodToDate(next),
      at: momentIn(reviewed, 0),
    };
  });
  const storedReviews = await tx.personaReview.findMany({ where: { personaId: { in: personaIds } } });
  const reviewResult = await reconcile({
    wanted: reviews,
    stored: storedReviews,
    key: (r) => `${r.personaId}|${r.at.toISOString()}`,
    same: (w, s) => w.outcome === s.outcome && w.note === s.note && sameDate(s.nextReviewOn, w.nextReviewOn) && sameDate(s.reviewedOn, w.reviewedOn),
    create: (rows) => tx.personaReview.createMany({ data: rows }),
    update: (w, s) => tx.personaReview.update({ where: { id: s.id }, data: { outcome: w.outcome, note: w.note, reviewedOn: w.reviewedOn, nextReviewOn: w.nextReviewOn } }),
  });
  if (reviewResult.extra.length > 0) await tx.personaReview.deleteMany({ where: { id: { in: reviewResult.extra.map((r) => r.id) } } });
}
