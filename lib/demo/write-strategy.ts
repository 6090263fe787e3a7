import type { DbClient } from "@/lib/db";
import { SCORECARDS } from "./catalogue";
import { idOf, type Ids } from "./ids";
import { reconcile } from "./reconcile";

// The scorecards and their strategy map: perspectives, objectives and the cause-and-effect
// links between objectives, each upserted by its unique key.

export interface ScorecardIds {
  scorecards: Ids;
  perspectives: Ids; // `${slug}|${perspective}`
  objectives: Ids; // `${slug}|${objective key}`
}

export async function writeScorecards(tx: DbClient, users: Ids, departments: Ids): Promise<ScorecardIds> {
  const ids: ScorecardIds = { scorecards: new Map(), perspectives: new Map(), objectives: new Map() };
  for (const s of SCORECARDS) {
    const data = { name: s.name, description: s.description, escalationStreakLength: s.escalationStreakLength };
    const scorecard = await tx.scorecard.upsert({ where: { slug: s.slug }, create: { slug: s.slug, ...data }, update: data, select: { id: true } });
    ids.scorecards.set(s.slug, scorecard.id);
    for (const [index, p] of s.perspectives.entries()) {
      const pData = { description: p.description, order: index + 1, weight: p.weight };
      const perspective = await tx.perspective.upsert({
        where: { scorecardId_name: { scorecardId: scorecard.id, name: p.name } },
        create: { scorecardId: scorecard.id, name: p.name, ...pData },
        update: pData,
        select: { id: true },
      });
      ids.perspectives.set(`${s.slug}|${p.name}`, perspective.id);
      for (const o of p.objectives) {
        const oData = { description: o.description, strategicTheme: o.theme, ownerId: idOf(users, o.owner, "user") };
        const objective = await tx.strategicObjective.upsert({
          where: { perspectiveId_title: { perspectiveId: perspective.id, title: o.title } },
          create: { perspectiveId: perspective.id, title: o.title, ...oData },
          update: oData,
          select: { id: true },
        });
        ids.objectives.set(`${s.slug}|${o.key}`, objective.id);
      }
    }
    await writeObjectiveDepartments(tx, s.slug, ids.objectives, departments);
    for (const link of s.links) {
      const causeId = idOf(ids.objectives, `${s.slug}|${link.cause}`, "objective");
      const effectId = idOf(ids.objectives, `${s.slug}|${link.effect}`, "objective");
      await tx.objectiveLink.upsert({
        where: { causeId_effectId: { causeId, effectId } },
        create: { causeId, effectId, description: link.description },
        update: { description: link.description },
        select: { id: true },
      });
    }
  }
  return ids;
}

/** The business units that share each objective of a scorecard; a reset removes ones added since. */
async function writeObjectiveDepartments(tx: DbClient, slug: string, objectives: Ids, departments: Ids): Promise<void> {
  const spec = SCORECARDS.find((s) => s.slug === slug)!;
  const wanted = spec.perspectives.flatMap((p) =>
    p.objectives.flatMap((o) => o.departments.map((d) => ({ objectiveId: idOf(objectives, `${slug}|${o.key}`, "objective"), departmentId: idOf(departments, d, "department") }))),
  );
  const objectiveIds = spec.perspectives.flatMap((p) => p.objectives.map((o) => idOf(objectives, `${slug}|${o.key}`, "objective")));
  const stored = (await tx.objectiveDepartment.findMany({ where: { objectiveId: { in: objectiveIds } } })).map((r) => ({ ...r, id: `${r.objectiveId}|${r.departmentId}` }));
  const result = await reconcile({
    wanted,
    stored,
    key: (r) => `${r.objectiveId}|${r.departmentId}`,
    same: () => true,
    create: (rows) => tx.objectiveDepartment.createMany({ data: rows }),
    update: async () => undefined,
  });
  for (const extra of result.extra) {
    await tx.objectiveDepartment.delete({ where: { objectiveId_departmentId: { objectiveId: extra.objectiveId, departmentId: extra.departmentId } } });
  }
}
