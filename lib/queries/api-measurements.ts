import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope, scopeIncludes } from "@/lib/auth/policy";
import { kpiWhere, viaPersona } from "./persona-scope";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { periodToDate } from "@/lib/scoring/periods";
import { toPeriodKey } from "./convert";

// GET /api/v1/measurements: stored values (or "not available" with its reason), filtered by KPI,
// persona and period range, a page at a time. Stable order: by KPI, then persona, then period
// (the ids of the unique index (kpiId, personaId, period), so each page is one index range scan
// and never repeats or skips a value that existed when paging began); the page after is keyed by
// the last row (keyset, not offset). Bounded: at most 3 reads (the KPI filter, the persona filter,
// one page of `limit` + 1 rows). Values of DRAFT personas are never listed, as on the screens.

export interface ApiMeasurement {
  kpi: string;
  persona: string;
  period: string;
  /** Exact decimal as stored; null when not available. */
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  source: "MANUAL" | "IMPORT" | "API" | "SEED";
  /** Bumped by every change: send it back as `version` to change the value. */
  version: number;
  /** ISO timestamp of the last change. */
  updatedAt: string;
  updatedBy: { name: string; email: string } | null;
}

/** The sort key of a row: what the next page starts after. */
export interface MeasurementKey {
  kpiId: string;
  personaId: string;
  period: string;
}

export interface ApiMeasurementPage {
  measurements: ApiMeasurement[];
  /** The key of the last row when there are more; null on the last page. */
  next: MeasurementKey | null;
}

export interface MeasurementFilter {
  kpiCode?: string;
  personaSlug?: string;
  /** 'YYYY-MM-01' keys, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  after?: MeasurementKey | null;
}

export async function listMeasurementsForApi(actor: Actor, filter: MeasurementFilter): Promise<ApiMeasurementPage> {
  authorize(actor, "dashboard.read");
  const db = await getDb();

  const [kpi, persona] = await Promise.all([
    // A proposal hidden from the actor reads as unknown (policy.ts proposalHidden).
    filter.kpiCode === undefined ? null : db.kpi.findFirst({ where: { code: filter.kpiCode, ...kpiWhere(personaScope(actor)) }, select: { id: true } }),
    filter.personaSlug === undefined ? null : db.persona.findUnique({ where: { slug: filter.personaSlug }, select: { id: true, status: true } }),
  ]);
  if (filter.kpiCode !== undefined && !kpi) throw new AppError("NOT_FOUND", `No KPI "${filter.kpiCode}".`, { kpi: [`No KPI "${filter.kpiCode}".`] });
  const scope = personaScope(actor);
  // A persona outside the actor's scope is "not found", like an unknown one.
  if (filter.personaSlug !== undefined && (!persona || persona.status === "DRAFT" || !scopeIncludes(scope, persona.id))) {
    throw new AppError("NOT_FOUND", `No persona "${filter.personaSlug}".`, { persona: [`No persona "${filter.personaSlug}" (drafts are not listed).`] });
  }

  const and: Prisma.MeasurementWhereInput[] = [viaPersona(scope)];
  if (kpi) and.push({ kpiId: kpi.id });
  if (persona) and.push({ personaId: persona.id });
  else and.push({ persona: { status: { not: "DRAFT" } } });
  if (filter.from !== undefined) and.push({ period: { gte: periodToDate(filter.from) } });
  if (filter.to !== undefined) and.push({ period: { lte: periodToDate(filter.to) } });
  const after = filter.after;
  if (after) {
    const period = periodToDate(after.period);
    // The OR below is the keyset condition; `kpiId >= ...` repeats its first column so Postgres can
    // start the index scan at the cursor instead of filtering every earlier entry.
    and.push({ kpiId: { gte: after.kpiId } });
    and.push({
      OR: [
        { kpiId: { gt: after.kpiId } },
        { kpiId: after.kpiId, personaId: { gt: after.personaId } },
        { kpiId: after.kpiId, personaId: after.personaId, period: { gt: period } },
      ],
    });
  }

  const rows = await db.measurement.findMany({
    where: { AND: and },
    orderBy: [{ kpiId: "asc" }, { personaId: "asc" }, { period: "asc" }],
    take: filter.limit + 1,
    select: {
      kpiId: true,
      personaId: true,
      period: true,
      value: true,
      notAvailableReason: true,
      comment: true,
      source: true,
      version: true,
      enteredAt: true,
      kpi: { select: { code: true } },
      persona: { select: { slug: true } },
      enteredBy: { select: { name: true, email: true } },
    },
  });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    measurements: page.map((m) => ({
      kpi: m.kpi.code,
      persona: m.persona.slug,
      period: toPeriodKey(m.period),
      value: m.value === null ? null : m.value.toFixed(),
      notAvailableReason: m.notAvailableReason,
      comment: m.comment,
      source: m.source,
      version: m.version,
      updatedAt: m.enteredAt.toISOString(),
      updatedBy: m.enteredBy,
    })),
    next: rows.length > filter.limit && last ? { kpiId: last.kpiId, personaId: last.personaId, period: toPeriodKey(last.period) } : null,
  };
}
