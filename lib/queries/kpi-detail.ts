import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import { readRows } from "@/lib/db/rows";
import { lastPeriods, type Direction, type Frequency, type Status } from "@/lib/scoring";
import { bandHistory, type BandPoint } from "./band-history";
import { toPeriodKey } from "./convert";
import { loadKpiOpenEscalations, type KpiOpenEscalation } from "./open-escalations";
import { kpiWhere, personaWhere } from "./persona-scope";
import { TargetBook, ValueBook } from "./score-month";
import { loadScoredPersonas, loadTargets, type KpiUnit, type PersonaDef } from "./scorecard-model";

// One KPI across time and personas: its history for one persona with the thresholds in force
// in each period, the same KPI for every persona on one scale, revisions, lineage, open
// escalations and comments. Bounded: 7 reads in two round trips (KPI, personas, last period;
// then values of the window for all personas, targets, revisions, escalations), whatever the
// length of history.

export type { BandPoint } from "./band-history";

/** Periods of history shown: two years of a monthly KPI, six of a quarterly one. */
export const KPI_HISTORY_PERIODS = 24;

export interface KpiDetailInput {
  kpiCode: string;
  personaSlug?: string | null;
}

export interface KpiDetail {
  kpi: {
    id: string;
    code: string;
    name: string;
    description: string | null;
    status: string;
    unit: KpiUnit;
    currencyCode: string | null;
    durationUnit: string | null;
    direction: Direction;
    frequency: Frequency;
    weight: number;
    timing: "LEADING" | "LAGGING";
    measureType: "QUANTITATIVE" | "QUALITATIVE";
    sourceSystem: string | null;
    transformation: string | null;
    owner: { name: string; email: string } | null;
    department: string | null;
    perspective: string;
    objective: string | null;
    scorecard: { slug: string; name: string };
  };
  persona: Pick<PersonaDef, "slug" | "name" | "status"> | null;
  personas: { slug: string; name: string; status: PersonaDef["status"] }[];
  /** The selected persona's history, ascending. */
  history: BandPoint[];
  /** Every scored persona's history of the same periods, for the same-scale comparison. */
  comparison: { persona: { slug: string; name: string; status: PersonaDef["status"] }; points: { period: string; value: number | null; status: Status }[]; latest: { period: string; value: number | null; score: number | null; status: Status } | null }[];
  /** One value scale for every chart of this KPI: the lowest and highest value or threshold shown. */
  scale: { min: number; max: number } | null;
  revisions: { period: string; version: number; value: number | null; comment: string | null; changedBy: string | null; changedAt: string; reason: string }[];
  escalations: KpiOpenEscalation[];
}

export async function getKpiDetail(actor: Actor, input: KpiDetailInput): Promise<KpiDetail | null> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  // Round trip 1: the KPI, the personas in scope and the KPI's latest period (by code, so it need
  // not wait for the KPI's id).
  const [kpi, personas, latest] = await Promise.all([
    // A proposal hidden from the actor (entirely about personas outside their access) is not found.
    db.kpi.findFirst({
      where: { code: input.kpiCode, ...kpiWhere(personaScope(actor)) },
      select: {
        id: true,
        code: true,
        name: true,
        description: true,
        status: true,
        unit: true,
        currencyCode: true,
        durationUnit: true,
        direction: true,
        frequency: true,
        weight: true,
        timing: true,
        measureType: true,
        sourceSystem: true,
        transformation: true,
        owner: { select: { name: true, email: true } },
        department: { select: { name: true } },
        objective: { select: { title: true } },
        perspective: { select: { name: true, scorecard: { select: { slug: true, name: true } } } },
      },
    }),
    // Only the personas in the actor's scope: every list, comparison and escalation below follows.
    loadScoredPersonas(db, personaWhere(personaScope(actor))),
    readRows<{ last: string | null }>(
      db,
      `SELECT to_char(max(m.period), 'YYYY-MM-DD') AS last FROM "Measurement" m WHERE m."kpiId" = (SELECT id FROM "Kpi" WHERE code = $1)`,
      [input.kpiCode],
    ),
  ]);
  if (!kpi) return null;
  const persona = input.personaSlug ? personas.find((p) => p.slug === input.personaSlug) : personas.find((p) => p.status === "ACTIVE");
  if (input.personaSlug && !persona) return null;
  if (persona) authorize(actor, "dashboard.read", { persona: { id: persona.id } });

  const lastPeriod = latest[0]?.last ?? null;
  const periods: string[] = lastPeriod ? lastPeriods(lastPeriod, kpi.frequency, KPI_HISTORY_PERIODS) : [];
  const personaIds = personas.map((p) => p.id);

  // Round trip 2. The window's values of every persona (1,200 rows at benchmark size) as plain
  // rows: numbers as float8, no Decimal object per row.
  const [rows, targets, revisions, escalations] = await Promise.all([
    periods.length === 0
      ? []
      : readRows<{ personaId: string; period: string; value: number | null; notAvailableReason: string | null; comment: string | null; enteredAt: Date; version: number; enteredBy: string | null }>(
          db,
          `SELECT m."personaId", to_char(m.period, 'YYYY-MM-DD') AS period, m.value::float8 AS value, m."notAvailableReason", m.comment,
                  m."enteredAt" AT TIME ZONE 'UTC' AS "enteredAt", m.version, u.name AS "enteredBy"
           FROM "Measurement" m LEFT JOIN "User" u ON u.id = m."enteredById"
           WHERE m."kpiId" = $1 AND m."personaId" = ANY($2::text[]) AND m.period >= $3::date AND m.period <= $4::date`,
          [kpi.id, personaIds, periods[0], lastPeriod],
        ),
    lastPeriod ? loadTargets(db, [kpi.id], personaIds, lastPeriod) : [],
    persona
      ? db.measurementRevision.findMany({
          where: { measurement: { kpiId: kpi.id, personaId: persona.id } },
          orderBy: [{ changedAt: "desc" }],
          take: 100,
          select: {
            version: true,
            value: true,
            comment: true,
            changedAt: true,
            reason: true,
            changedBy: { select: { name: true } },
            measurement: { select: { period: true } },
          },
        })
      : [],
    loadKpiOpenEscalations(db, kpi.id, personaIds),
  ]);

  const stored = rows.map((r) => ({
    kpiId: kpi.id,
    personaId: r.personaId,
    period: r.period,
    value: r.value,
    notAvailableReason: r.notAvailableReason,
    comment: r.comment,
    enteredAt: r.enteredAt.toISOString(),
    enteredBy: r.enteredBy,
    version: r.version,
  }));
  const values = new ValueBook(stored);
  // Start where the data starts: a KPI younger than the window shows no empty years.
  const firstWithData = periods.findIndex((period) => stored.some((r) => r.period === period));
  if (firstWithData > 0) periods.splice(0, firstWithData);
  const book = new TargetBook(new Map([[kpi.id, kpi.direction]]), targets);

  const pointsFor = (personaId: string): BandPoint[] => bandHistory(book, values, kpi.id, personaId, periods);

  const shownPersonas = personas.filter((p) => p.status === "ACTIVE" || p.id === persona?.id);
  const comparison = shownPersonas.map((p) => {
    const points = pointsFor(p.id);
    const last = [...points].reverse().find((pt) => pt.value !== null) ?? null;
    return {
      persona: { slug: p.slug, name: p.name, status: p.status },
      points: points.map((pt) => ({ period: pt.period, value: pt.value, status: pt.status })),
      latest: last ? { period: last.period, value: last.value, score: last.score, status: last.status } : null,
    };
  });
  const history = persona ? pointsFor(persona.id) : [];

  // One scale for every chart: all values shown and the selected persona's thresholds.
  const numbers = [
    ...comparison.flatMap((c) => c.points.map((p) => p.value)),
    ...history.flatMap((p) => [p.target, p.green, p.red, p.greenHigh, p.redHigh]),
  ].filter((n): n is number => n !== null);
  const scale = numbers.length > 0 ? { min: Math.min(...numbers), max: Math.max(...numbers) } : null;

  return {
    kpi: {
      id: kpi.id,
      code: kpi.code,
      name: kpi.name,
      description: kpi.description,
      status: kpi.status,
      unit: kpi.unit,
      currencyCode: kpi.currencyCode,
      durationUnit: kpi.durationUnit,
      direction: kpi.direction,
      frequency: kpi.frequency,
      weight: Number(kpi.weight),
      timing: kpi.timing,
      measureType: kpi.measureType,
      sourceSystem: kpi.sourceSystem,
      transformation: kpi.transformation,
      owner: kpi.owner,
      department: kpi.department?.name ?? null,
      perspective: kpi.perspective.name,
      objective: kpi.objective?.title ?? null,
      scorecard: kpi.perspective.scorecard,
    },
    persona: persona ? { slug: persona.slug, name: persona.name, status: persona.status } : null,
    personas: personas.map((p) => ({ slug: p.slug, name: p.name, status: p.status })),
    history,
    comparison,
    scale,
    revisions: revisions.map((r) => ({
      period: toPeriodKey(r.measurement.period),
      version: r.version,
      value: r.value === null ? null : Number(r.value),
      comment: r.comment,
      changedBy: r.changedBy?.name ?? null,
      changedAt: r.changedAt.toISOString(),
      reason: r.reason,
    })),
    escalations,
  };
}
