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
      painPoints: p.painPoints,
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
      JSON.stringify(stored.painPoints) === JSON.stringify(data.painPoints) &&
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
  return ids;
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
