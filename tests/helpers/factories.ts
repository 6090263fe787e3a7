import { getDb } from "@/lib/db";
import type { Direction, Frequency, KpiStatus, PersonaStatus } from "@/lib/generated/prisma/enums";

// Small builders for integration tests that need hand-made scorecards: each writes one row
// with the fewest fields that make it valid.

/** A period key as the UTC midnight a `date` column holds. */
export const d = (key: string) => new Date(`${key}T00:00:00.000Z`);

export async function makePersona(slug: string, name: string, status: PersonaStatus, priority: number) {
  const db = await getDb();
  return db.persona.create({ data: { slug, name, description: `${name} persona`, status, priority } });
}

export async function makeKpi(
  code: string,
  perspectiveId: string,
  options: { direction: Direction; weight: number; frequency?: Frequency; status?: KpiStatus; objectiveId?: string },
) {
  const db = await getDb();
  return db.kpi.create({
    data: {
      code,
      name: `KPI ${code}`,
      perspectiveId,
      timing: "LAGGING",
      unit: "COUNT",
      direction: options.direction,
      frequency: options.frequency ?? "MONTHLY",
      weight: options.weight,
      status: options.status ?? "ACTIVE",
      objectiveId: options.objectiveId ?? null,
    },
  });
}

export async function makeTarget(
  kpiId: string,
  effectiveFrom: string,
  t: { red: number; green: number; target: number; greenHigh?: number; redHigh?: number },
  personaId: string | null = null,
) {
  const db = await getDb();
  return db.kpiTarget.create({
    data: {
      kpiId,
      personaId,
      effectiveFrom: d(effectiveFrom),
      red: t.red,
      green: t.green,
      target: t.target,
      greenHigh: t.greenHigh ?? null,
      redHigh: t.redHigh ?? null,
    },
  });
}

export async function measure(kpiId: string, personaId: string, period: string, value: number) {
  const db = await getDb();
  return db.measurement.create({ data: { kpiId, personaId, period: d(period), value } });
}

export async function weigh(scorecardId: string, personaId: string, effectiveFrom: string, weight: number) {
  const db = await getDb();
  return db.personaWeight.create({ data: { scorecardId, personaId, effectiveFrom: d(effectiveFrom), weight, reason: "test" } });
}


/**
 * A KPI definition as the KPI editor and a proposal send it (a leading monthly count, weight 1),
 * for command inputs: the fields that say which KPI and where, the rest the same in every test.
 */
export function kpiDefinitionInput(fields: { code: string; name: string; perspectiveId: string; objectiveId: string | null; ownerId?: string | null }) {
  return {
    ...fields,
    timing: "LEADING",
    measureType: "QUANTITATIVE",
    unit: "COUNT",
    direction: "HIGHER_IS_BETTER",
    frequency: "MONTHLY",
    weight: "1",
  } as const;
}
