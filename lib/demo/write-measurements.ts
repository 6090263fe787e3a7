import type { DbClient } from "@/lib/db";
import { periodToDate } from "@/lib/scoring/periods";
import { idOf, type Ids } from "./ids";
import type { DemoPlan } from "./plan";
import { dateKey, reconcile, sameDecimal } from "./reconcile";

// The demo's values, by KPI, persona and period. Thousands of rows: one bulk insert for the
// missing ones rather than an upsert each.

/** Rows per INSERT: keeps each statement far below Postgres' limit of 65,535 bind parameters. */
const CREATE_BATCH = 1000;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CREATE_BATCH) await write(rows.slice(i, i + CREATE_BATCH));
}

export async function writeMeasurements(
  tx: DbClient,
  plan: DemoPlan,
  refs: { users: Ids; personas: Ids; kpis: Ids },
): Promise<{ created: number; updated: number }> {
  const wanted = plan.measurements.map((m) => ({
    kpiId: idOf(refs.kpis, m.kpi, "KPI"),
    personaId: idOf(refs.personas, m.persona, "persona"),
    period: periodToDate(m.period),
    value: m.value,
    notAvailableReason: m.notAvailableReason,
    comment: m.comment,
    source: "SEED" as const,
    enteredById: idOf(refs.users, m.enteredBy, "user"),
    enteredAt: m.enteredAt,
  }));
  const stored = await tx.measurement.findMany({
    where: { kpiId: { in: [...refs.kpis.values()] }, personaId: { in: [...refs.personas.values()] } },
  });
  const result = await reconcile({
    wanted,
    stored,
    key: (r) => `${r.kpiId}|${r.personaId}|${dateKey(r.period)}`,
    same: (w, s) =>
      sameDecimal(s.value, w.value) &&
      s.notAvailableReason === w.notAvailableReason &&
      s.comment === w.comment &&
      s.source === w.source &&
      s.enteredById === w.enteredById &&
      s.enteredAt.getTime() === w.enteredAt.getTime(),
    create: (rows) => inBatches(rows, (batch) => tx.measurement.createMany({ data: batch, skipDuplicates: true })),
    // A changed demo value goes back to its demo value the way any correction does: the
    // replaced value is kept as a revision and the version moves on.
    update: async (w, s) => {
      await tx.measurementRevision.create({
        data: {
          measurementId: s.id,
          version: s.version,
          value: s.value,
          notAvailableReason: s.notAvailableReason,
          comment: s.comment,
          enteredById: s.enteredById,
          enteredAt: s.enteredAt,
          changedById: null,
          reason: "Reset to its demo value by the demo seed.",
        },
      });
      await tx.measurement.update({ where: { id: s.id }, data: { ...w, version: { increment: 1 } } });
    },
  });
  return { created: result.created, updated: result.updated };
}
