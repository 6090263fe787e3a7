import "server-only";
import { overdueAfterDays } from "./grace";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { personaWhere } from "./persona-scope";
import { getDb } from "@/lib/db";
import { effectiveAt, kpiCountsInMonth, type Direction, type Thresholds } from "@/lib/scoring";
import { addPeriods, dueState, monthStart, periodStart, periodToDate, previousPeriod, quarterStart, type Frequency } from "@/lib/scoring/periods";
import { allowedValuesText, type MeasurementKpiRules } from "@/lib/validation/measurements";
import { toPeriodKey } from "./convert";

// The entry grid (/entry): the KPIs one owner owns x the ACTIVE personas, for one month. Beside
// each cell: the value saved (or "not available"), the thresholds in force for that persona, the
// previous period's value and whether the value is missing, due or overdue.
//
// Bounded: at most 5 reads whatever the data (owners for an admin's picker, KPIs, personas,
// measurements of 4 periods, targets), and at most MAX_GRID_KPIS KPIs x MAX_GRID_PERSONAS
// personas x 4 periods of measurements.
// Client components import only types from here (erased at build time).

export const MAX_GRID_KPIS = 200;
export const MAX_GRID_PERSONAS = 50;


export interface GridThresholds extends Thresholds {
  /** True when the persona has its own row; false for the KPI default. */
  own: boolean;
}

/** A saved cell: a value or the reason it is not available, with its version (also what the grid's action answers). */
export interface GridSaved {
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  version: number;
  enteredBy: string | null;
  /** ISO timestamp. */
  enteredAt: string;
}

/** "open": the period has not ended; "due": it ended; "overdue": it ended more than the grace days ago. */
export type Timeliness = "open" | "due" | "overdue";

export interface GridCell {
  saved: GridSaved | null;
  thresholds: GridThresholds | null;
  /** The previous period's value (null: nothing saved then). */
  previous: { value: string | null; notAvailableReason: string | null } | null;
}

export interface GridKpi {
  id: string;
  code: string;
  name: string;
  scorecard: string;
  perspective: string;
  rules: MeasurementKpiRules;
  direction: Direction;
  /** What the KPI accepts, in words. */
  allowed: string;
  /** Unit suffix for display: "%", "EUR", "days"... or "". */
  unitLabel: string;
  /** The period this grid's month maps to: the month, or the quarter that holds it. */
  period: string;
  previousPeriod: string;
  timeliness: Timeliness;
}

export interface EntryGridData {
  /** 'YYYY-MM-01' of the month shown. */
  month: string;
  /** The latest month values may be entered for (the one that holds today). */
  currentMonth: string;
  owner: { id: string; name: string };
  /** Owners an admin may switch to (people who own ACTIVE KPIs); null for everyone else. */
  owners: { id: string; name: string }[] | null;
  kpis: GridKpi[];
  personas: { id: string; slug: string; name: string }[];
  /** By `${kpiId}|${personaId}`. */
  cells: Record<string, GridCell>;
  /** More KPIs than MAX_GRID_KPIS: the rest are not shown. */
  truncated: boolean;
}

const UNIT_LABEL: Record<string, string> = { PERCENT: "%", RATIO: "", COUNT: "", SCORE: "" };

export function timelinessOf(period: string, frequency: Frequency, now: Date): Timeliness {
  return ({ OPEN: "open", DUE: "due", OVERDUE: "overdue" } as const)[dueState(period, frequency, now, overdueAfterDays())];
}

/** The month the grid shows when none (or a bad one) is asked for: the latest month that has ended. */
export function defaultEntryMonth(now: Date): string {
  return addPeriods(monthStart(now), "MONTHLY", -1);
}

/** 'YYYY-MM' from the query string -> a month key no later than the current month, else the default. */
export function entryMonthFrom(param: string | undefined, now: Date): { month: string; clamped: boolean } {
  const current = monthStart(now);
  const match = typeof param === "string" ? /^(\d{4})-(\d{2})$/.exec(param) : null;
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12 || Number(match[1]) < 2000) return { month: defaultEntryMonth(now), clamped: false };
  const month = `${match[1]}-${match[2]}-01`;
  return month > current ? { month: current, clamped: true } : { month, clamped: false };
}

const decimalText = (d: { toFixed(): string } | null) => (d === null ? null : d.toFixed());

export async function getEntryGrid(actor: Actor, options: { month: string; ownerId?: string; now: Date }): Promise<EntryGridData> {
  authorize(actor, "measurement.enter");
  const db = await getDb();
  const { month, now } = options;
  const isAdmin = actor.role === "ADMIN";

  // 1. Owners an admin may switch to.
  const owners = isAdmin
    ? await db.user.findMany({
        where: { ownedKpis: { some: { status: "ACTIVE" } } },
        orderBy: { name: "asc" },
        select: { id: true, name: true },
        take: 500,
      })
    : null;
  const requested = isAdmin && options.ownerId ? owners!.find((o) => o.id === options.ownerId) : undefined;
  const owner = requested ?? (isAdmin ? (owners!.find((o) => o.id === actor.id) ?? owners![0]) : undefined) ?? { id: actor.id, name: actor.name };

  // 2. The owner's KPIs that count in the month: ACTIVE ones, and RETIRED ones up to the period
  // they were retired in (kpiCountsInMonth decides; the read narrows to candidates); 3. ACTIVE personas.
  const [candidateRows, personas] = await Promise.all([
    db.kpi.findMany({
      where: { ownerId: owner.id, OR: [{ status: "ACTIVE" }, { status: "RETIRED", retiredIn: { gte: periodToDate(quarterStart(month)) } }] },
      orderBy: [{ perspective: { scorecard: { name: "asc" } } }, { perspective: { order: "asc" } }, { code: "asc" }],
      take: MAX_GRID_KPIS + 1,
      select: {
        id: true,
        code: true,
        name: true,
        status: true,
        retiredIn: true,
        unit: true,
        measureType: true,
        scaleMin: true,
        scaleMax: true,
        frequency: true,
        direction: true,
        currencyCode: true,
        durationUnit: true,
        perspective: { select: { name: true, scorecard: { select: { name: true } } } },
      },
    }),
    // The personas the acting user may see and write (their scope, decided by the policy).
    db.persona.findMany({
      where: { ...personaWhere(personaScope(actor)), status: "ACTIVE" },
      orderBy: [{ priority: "asc" }, { name: "asc" }],
      take: MAX_GRID_PERSONAS,
      select: { id: true, slug: true, name: true },
    }),
  ]);
  const kpiRows = candidateRows.filter((k) => kpiCountsInMonth({ status: k.status, retiredIn: k.retiredIn ? toPeriodKey(k.retiredIn) : null, frequency: k.frequency }, month));
  const truncated = kpiRows.length > MAX_GRID_KPIS;
  const kpis: GridKpi[] = kpiRows.slice(0, MAX_GRID_KPIS).map((k) => {
    const frequency = k.frequency as Frequency;
    const period = periodStart(month, frequency);
    const rules: MeasurementKpiRules = {
      code: k.code,
      name: k.name,
      status: k.status,
      retiredIn: k.retiredIn ? toPeriodKey(k.retiredIn) : null,
      unit: k.unit,
      measureType: k.measureType,
      scaleMin: decimalText(k.scaleMin),
      scaleMax: decimalText(k.scaleMax),
      frequency,
      currencyCode: k.currencyCode,
      durationUnit: k.durationUnit,
    };
    return {
      id: k.id,
      code: k.code,
      name: k.name,
      scorecard: k.perspective.scorecard.name,
      perspective: k.perspective.name,
      rules,
      direction: k.direction as Direction,
      allowed: allowedValuesText(rules),
      unitLabel: k.unit === "CURRENCY" ? (k.currencyCode ?? "") : k.unit === "DURATION" ? (k.durationUnit ?? "") : (UNIT_LABEL[k.unit] ?? ""),
      period,
      previousPeriod: previousPeriod(period, frequency),
      timeliness: timelinessOf(period, frequency, now),
    };
  });

  const kpiIds = kpis.map((k) => k.id);
  const personaIds = personas.map((p) => p.id);
  const periods = [...new Set(kpis.flatMap((k) => [k.period, k.previousPeriod]))];

  // 4. Values of the shown and the previous periods; 5. targets that may be in force.
  const [measurements, targets] =
    kpiIds.length === 0 || personaIds.length === 0
      ? [[], []]
      : await Promise.all([
          db.measurement.findMany({
            where: { kpiId: { in: kpiIds }, personaId: { in: personaIds }, period: { in: periods.map(periodToDate) } },
            select: {
              kpiId: true,
              personaId: true,
              period: true,
              value: true,
              notAvailableReason: true,
              comment: true,
              version: true,
              enteredAt: true,
              enteredBy: { select: { name: true } },
            },
          }),
          db.kpiTarget.findMany({
            where: { kpiId: { in: kpiIds }, effectiveFrom: { lte: periodToDate(month) }, OR: [{ personaId: null }, { personaId: { in: personaIds } }] },
            select: { kpiId: true, personaId: true, effectiveFrom: true, target: true, green: true, red: true, greenHigh: true, redHigh: true },
          }),
        ]);

  const byCell = new Map(measurements.map((m) => [`${m.kpiId}|${m.personaId}|${toPeriodKey(m.period)}`, m]));
  const targetRows = new Map<string, { effectiveFrom: string; row: (typeof targets)[number] }[]>();
  for (const t of targets) {
    const key = `${t.kpiId}|${t.personaId ?? ""}`;
    const list = targetRows.get(key) ?? [];
    list.push({ effectiveFrom: toPeriodKey(t.effectiveFrom), row: t });
    targetRows.set(key, list);
  }

  const cells: Record<string, GridCell> = {};
  for (const kpi of kpis) {
    for (const persona of personas) {
      const ownRow = effectiveAt(targetRows.get(`${kpi.id}|${persona.id}`) ?? [], kpi.period);
      const chosen = ownRow ?? effectiveAt(targetRows.get(`${kpi.id}|`) ?? [], kpi.period);
      const t = chosen?.row;
      const thresholds: GridThresholds | null = t
        ? {
            direction: kpi.direction,
            target: Number(t.target),
            green: Number(t.green),
            red: Number(t.red),
            ...(t.greenHigh === null ? {} : { greenHigh: Number(t.greenHigh) }),
            ...(t.redHigh === null ? {} : { redHigh: Number(t.redHigh) }),
            own: ownRow !== undefined,
          }
        : null;
      const m = byCell.get(`${kpi.id}|${persona.id}|${kpi.period}`);
      const p = byCell.get(`${kpi.id}|${persona.id}|${kpi.previousPeriod}`);
      cells[`${kpi.id}|${persona.id}`] = {
        saved: m
          ? {
              value: decimalText(m.value),
              notAvailableReason: m.notAvailableReason,
              comment: m.comment,
              version: m.version,
              enteredBy: m.enteredBy?.name ?? null,
              enteredAt: m.enteredAt.toISOString(),
            }
          : null,
        thresholds,
        previous: p ? { value: decimalText(p.value), notAvailableReason: p.notAvailableReason } : null,
      };
    }
  }

  return {
    month,
    currentMonth: monthStart(now),
    owner,
    owners,
    kpis,
    personas,
    cells,
    truncated,
  };
}
