import type { ClientBase } from "pg";
import { benchIdSql } from "./ids";
import { measurementBatches, type MeasurementBatch } from "./measurements";
import type { BenchPlan } from "./plan";

// The 1.5 million values. Each batch travels as four array parameters of numbers (KPI, persona
// and period indexes, values); the database turns the indexes into ids by joining small lookup
// arrays sent with it (a hash join: subscripting a text[] walks it element by element). While
// Postgres inserts one batch, the next one is generated.

export const MEASUREMENT_BATCH = 25_000;

const INSERT = `
INSERT INTO "Measurement" (id, "kpiId", "personaId", period, value, source, "enteredById", "enteredAt")
SELECT ${benchIdSql("m", "$5::bigint + u.n")}, k.id, p.id, t.period, u.v, 'SEED', k.owner,
       least(t.period + make_interval(months => k.lag), $11::date + interval '1 month') + interval '3 days 9 hours'
FROM unnest($1::int4[], $2::int4[], $3::int4[], $4::float8[]) WITH ORDINALITY AS u(k, p, t, v, n)
JOIN unnest($6::text[], $9::text[], $10::int4[]) WITH ORDINALITY AS k(id, owner, lag, i) ON k.i = u.k + 1
JOIN unnest($7::text[]) WITH ORDINALITY AS p(id, i) ON p.i = u.p + 1
JOIN unnest($8::date[]) WITH ORDINALITY AS t(period, i) ON t.i = u.t + 1`;

const literal = (values: Int32Array | Float64Array, length: number) => `{${values.subarray(0, length).join(",")}}`;

export async function writeMeasurements(client: ClientBase, plan: BenchPlan, rand: () => number, onProgress?: (rows: number) => void): Promise<number> {
  const lookups = [
    plan.kpis.map((k) => k.id),
    plan.personas.map((p) => p.id),
    plan.calendar.months,
    plan.kpis.map((k) => k.ownerId),
    // Values are entered a few days after their period closes (the current quarter's so far: after the last month).
    plan.kpis.map((k) => (k.frequency === "QUARTERLY" ? 3 : 1)),
    plan.calendar.end,
  ];
  let written = 0;
  let inFlight: Promise<unknown> | null = null;
  const send = (batch: MeasurementBatch) =>
    client.query(INSERT, [
      literal(batch.kpi, batch.length),
      literal(batch.persona, batch.length),
      literal(batch.period, batch.length),
      literal(batch.value, batch.length),
      written,
      ...lookups,
    ]);
  for (const batch of measurementBatches(rand, plan.kpis, plan.personas.length, plan.calendar, MEASUREMENT_BATCH)) {
    if (inFlight) await inFlight;
    inFlight = send(batch);
    written += batch.length;
    onProgress?.(written);
  }
  if (inFlight) await inFlight;
  return written;
}
