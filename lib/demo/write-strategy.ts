import type { DbClient } from "@/lib/db";
import { SCORECARDS } from "./catalogue";
import { idOf, type Ids } from "./ids";

// The scorecards and their strategy map: perspectives, objectives and the cause-and-effect
// links between objectives, each upserted by its unique key.

export interface ScorecardIds {
  scorecards: Ids;
  perspectives: Ids; // `${slug}|${perspective}`
  objectives: Ids; // `${slug}|${objective key}`
}

export async function writeScorecards(tx: DbClient, users: Ids): Promise<ScorecardIds> {
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
