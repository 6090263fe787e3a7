import "server-only";
import type { DbClient } from "@/lib/db";
import type { Resource } from "@/lib/auth/policy";
import { fail } from "../command";

// Pain points -> objectives (many to many): an analyst says which strategic objectives address a
// persona's pain point, on the persona page. A pain point that none addresses is flagged there.
// Shared by map-pain-point and unmap-pain-point, and by update-persona (the pain point rows).

export const PAIN_POINT_ENTITY = "PersonaPainPoint";

/** The persona a pain point belongs to, for the policy. */
export async function painPointResource(input: { painPointId: string }, tx: DbClient): Promise<Resource | undefined> {
  const row = await tx.personaPainPoint.findUnique({ where: { id: input.painPointId }, select: { personaId: true } });
  return row ? { persona: { id: row.personaId } } : undefined;
}

export async function loadPainPointAndObjective(tx: DbClient, painPointId: string, objectiveId: string) {
  const painPoint = await tx.personaPainPoint.findUnique({ where: { id: painPointId }, select: { id: true, text: true, persona: { select: { id: true, slug: true } } } });
  if (!painPoint) fail("NOT_FOUND", "That pain point no longer exists. Reload the page.");
  const objective = await tx.strategicObjective.findUnique({ where: { id: objectiveId }, select: { id: true, title: true } });
  if (!objective) fail("INVALID", "Choose an objective.", { objectiveId: ["That objective no longer exists; choose another."] });
  return { painPoint, objective };
}

/**
 * The stored pain points brought in line with the edited list, keeping each row (and so the
 * objectives mapped to it) where it can: a line with the same text (ignoring case) keeps its row;
 * then a reworded line keeps the row that stood at the same position. Rows left over are deleted
 * with their mappings. Returns the rows' texts in order, for the audit log.
 */
export async function reconcilePainPoints(tx: DbClient, personaId: string, wanted: string[]): Promise<{ changed: boolean }> {
  const stored = await tx.personaPainPoint.findMany({ where: { personaId }, orderBy: { order: "asc" }, select: { id: true, text: true, order: true } });
  if (stored.length === wanted.length && stored.every((s, i) => s.text === wanted[i])) return { changed: false };
  const assigned = new Array<(typeof stored)[number] | null>(wanted.length).fill(null);
  const free = new Set(stored);
  wanted.forEach((text, i) => {
    const same = [...free].find((s) => s.text.toLowerCase() === text.toLowerCase());
    if (same) {
      assigned[i] = same;
      free.delete(same);
    }
  });
  wanted.forEach((_, i) => {
    if (assigned[i]) return;
    const atPosition = [...free].find((s) => s.order === i);
    if (atPosition) {
      assigned[i] = atPosition;
      free.delete(atPosition);
    }
  });
  if (free.size > 0) await tx.personaPainPoint.deleteMany({ where: { id: { in: [...free].map((s) => s.id) } } });
  for (const [i, text] of wanted.entries()) {
    const row = assigned[i];
    if (!row) await tx.personaPainPoint.create({ data: { personaId, text, order: i } });
    else if (row.text !== text || row.order !== i) await tx.personaPainPoint.update({ where: { id: row.id }, data: { text, order: i } });
  }
  return { changed: true };
}
