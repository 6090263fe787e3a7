import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { viaPersona } from "./persona-scope";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { periodToDate } from "@/lib/scoring/periods";
import { MAX_IMPORT_ROWS, type MeasurementExportFilter } from "@/lib/validation/imports";
import { toPeriodKey } from "./convert";

// The values behind /entry/export.csv and .xlsx: one row per saved measurement, in the columns
// of an import file, so an export re-imports as all "unchanged". A KPI owner exports the values
// of the KPIs they own; an administrator any. Bounded: one read of at most MAX_IMPORT_ROWS + 1
// rows (more is refused: an export must fit one import).

export interface ExportRow {
  kpi_code: string;
  persona_slug: string;
  period: string;
  /** Exact decimal string; null when not available. */
  value: string | null;
  comment: string | null;
  not_available_reason: string | null;
}

export async function getMeasurementExport(actor: Actor, filter: MeasurementExportFilter): Promise<ExportRow[]> {
  authorize(actor, "measurement.enter");
  const db = await getDb();
  const rows = await db.measurement.findMany({
    where: {
      kpi: { ...(filter.kpi ? { code: filter.kpi } : {}), ...(actor.role === "ADMIN" ? {} : { ownerId: actor.id }) },
      // Only the personas in the actor's scope.
      ...viaPersona(personaScope(actor)),
      ...(filter.persona ? { persona: { slug: filter.persona } } : {}),
      ...(filter.from || filter.to
        ? { period: { ...(filter.from ? { gte: periodToDate(filter.from) } : {}), ...(filter.to ? { lte: periodToDate(filter.to) } : {}) } }
        : {}),
    },
    orderBy: [{ kpi: { code: "asc" } }, { persona: { slug: "asc" } }, { period: "asc" }],
    take: MAX_IMPORT_ROWS + 1,
    select: { period: true, value: true, comment: true, notAvailableReason: true, kpi: { select: { code: true } }, persona: { select: { slug: true } } },
  });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError("INVALID", `More than ${MAX_IMPORT_ROWS.toLocaleString("en")} values match: choose a KPI, a persona or a shorter period range.`);
  }
  return rows.map((r) => ({
    kpi_code: r.kpi.code,
    persona_slug: r.persona.slug,
    period: toPeriodKey(r.period),
    value: r.value === null ? null : r.value.toFixed(),
    comment: r.comment,
    not_available_reason: r.notAvailableReason,
  }));
}
