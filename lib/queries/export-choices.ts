import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { toPeriodKey } from "./convert";
import { personaWhere, viaPersona } from "./persona-scope";

// The choices of the export form on /entry/import: the KPIs whose values the actor may export
// (a KPI owner's own, an administrator's all) that have saved values, the personas in the actor's
// scope, and the months those values span (the form's bounds).

export interface ExportChoices {
  kpis: { code: string; name: string }[];
  personas: { slug: string; name: string }[];
  /** YYYY-MM of the first and last saved period; null when nothing is saved yet. */
  months: { first: string; last: string } | null;
}

export async function getExportChoices(actor: Actor): Promise<ExportChoices> {
  authorize(actor, "measurement.enter");
  const db = await getDb();
  const scope = personaScope(actor);
  const own = actor.role === "ADMIN" ? {} : { ownerId: actor.id };
  const [kpis, personas, span] = await Promise.all([
    db.kpi.findMany({ where: { ...own, measurements: { some: viaPersona(scope) } }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
    db.persona.findMany({ where: personaWhere(scope), orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.measurement.aggregate({ where: { kpi: own, ...viaPersona(scope) }, _min: { period: true }, _max: { period: true } }),
  ]);
  const first = span._min.period;
  const last = span._max.period;
  return { kpis, personas, months: first && last ? { first: toPeriodKey(first).slice(0, 7), last: toPeriodKey(last).slice(0, 7) } : null };
}
