import type { Frequency } from "@/lib/generated/prisma/enums";
import { nextPeriod, periodToDate } from "@/lib/scoring/periods";
import { periodMonthsBeforeEnd, periodsInWindow, type DemoCalendar } from "./calendar";
import { BREACH_SCENARIOS, GAPS, PERSONAS, type DemoUserEmail, type KpiSpec, type PersonaSlug, type PersonaSpec } from "./catalogue";
import { npsComment, randomFor, walkSeries } from "./random-walk";
import { targetInForce, thresholdsOf, type PlannedTarget } from "./plan-targets";

// Every value the demo holds: one seeded random walk per ACTIVE KPI x measured persona, bent
// into the catalogue's breach scenarios and holed by its gaps.

export interface PlannedMeasurement {
  kpi: string;
  persona: PersonaSlug;
  period: string;
  /** Null when the value is not available: then notAvailableReason says why. */
  value: string | null;
  notAvailableReason: string | null;
  comment: string | null;
  enteredBy: DemoUserEmail;
  enteredAt: Date;
}

/** Personas that have history: DRAFT ones are not measured yet. */
function measuredPersonas(): PersonaSpec[] {
  return PERSONAS.filter((p) => p.status !== "DRAFT");
}

/** A SUNSET persona's history stops at its sunset; everyone else runs to the end period. */
function seriesPeriods(calendar: DemoCalendar, frequency: Frequency, persona: PersonaSpec): string[] {
  const stop = persona.status === "SUNSET" ? calendar.monthsBeforeEnd(persona.statusSinceMonthsBeforeEnd) : null;
  return periodsInWindow(calendar, frequency).filter((p) => stop === null || p < stop);
}

function decimalsFor(spec: KpiSpec): number {
  switch (spec.unit) {
    case "COUNT":
    case "CURRENCY":
      return 0;
    case "RATIO":
      return 3;
    case "SCORE":
      return spec.scale && spec.scale[1] - spec.scale[0] > 20 ? 0 : 2;
    default:
      return 1;
  }
}

/**
 * A value is entered a few days after its period closes, at 09:00 UTC, but never after the
 * demo's "today" (just after the end month closes): the current quarter holds a quarter-to-date figure.
 */
function enteredAtFor(period: string, frequency: Frequency, calendar: DemoCalendar): Date {
  const afterClose = (key: string, f: Frequency, days: number) => periodToDate(nextPeriod(key, f)).getTime() + (days * 24 + 9) * 3_600_000;
  const entered = afterClose(period, frequency, frequency === "QUARTERLY" ? 9 : 4);
  return new Date(Math.min(entered, afterClose(calendar.end, "MONTHLY", 4)));
}

/** Scenario and gap months mapped onto one series' periods; a reference that misses fails loudly. */
function seriesMarks(calendar: DemoCalendar, spec: KpiSpec, persona: PersonaSpec, periods: string[]) {
  const breached = new Map<string, string>(); // period -> note (first period of a run only)
  const breachedPeriods = new Set<string>();
  for (const scenario of BREACH_SCENARIOS.filter((s) => s.kpi === spec.code && s.persona === persona.slug)) {
    const last = periods.indexOf(periodMonthsBeforeEnd(calendar, scenario.endsMonthsBeforeEnd, spec.frequency));
    const first = last - scenario.periods + 1;
    if (last < 0 || first < 0) throw new Error(`Breach scenario ${spec.code}/${persona.slug} does not fit the history`);
    periods.slice(first, last + 1).forEach((p) => breachedPeriods.add(p));
    breached.set(periods[first]!, scenario.note);
  }
  const missing = new Set<string>();
  const notAvailable = new Map<string, string>(); // period -> reason
  for (const gap of GAPS.filter((g) => g.kpi === spec.code && g.persona === persona.slug)) {
    const period = periodMonthsBeforeEnd(calendar, gap.monthsBeforeEnd, spec.frequency);
    if (!periods.includes(period)) throw new Error(`Gap ${spec.code}/${persona.slug}/${period} is outside the history`);
    missing.add(period);
    if (gap.kind === "not-available") notAvailable.set(period, gap.reason);
  }
  return { notes: breached, breached: breachedPeriods, missing, notAvailable };
}

export function planMeasurements(calendar: DemoCalendar, kpis: KpiSpec[], targets: PlannedTarget[]): PlannedMeasurement[] {
  const rows: PlannedMeasurement[] = [];
  for (const spec of kpis) {
    if (spec.status !== "ACTIVE" && spec.status !== "RETIRED") continue; // proposals have no history
    // A retired KPI has values up to the period it was retired in, none after.
    const retiredIn = spec.status === "RETIRED" ? periodMonthsBeforeEnd(calendar, spec.retiredMonthsBeforeEnd ?? 0, spec.frequency) : null;
    const decimals = decimalsFor(spec);
    for (const persona of measuredPersonas()) {
      const periods = seriesPeriods(calendar, spec.frequency, persona).filter((p) => retiredIn === null || p <= retiredIn);
      const last = periods.at(-1);
      if (last === undefined) continue;
      const t = targetInForce(targets, spec.code, persona.slug, last);
      const marks = seriesMarks(calendar, spec, persona, periods);
      const key = `${spec.code}|${persona.slug}`;
      const points = walkSeries({
        key,
        periods,
        direction: spec.direction,
        thresholds: thresholdsOf(t),
        range: spec.plausibleRange,
        decimals,
        breached: marks.breached,
        missing: marks.missing,
      });
      const commentRandom = randomFor(key, "comment");
      const series: PlannedMeasurement[] = [];
      for (const point of points) {
        const comments = [
          spec.code === "BSC-NPS" ? npsComment(point.value, point.status, commentRandom, persona.voice) : null,
          marks.notes.get(point.period) ?? null,
        ].filter((c): c is string => c !== null);
        series.push({
          kpi: spec.code,
          persona: persona.slug,
          period: point.period,
          value: point.value.toFixed(decimals),
          notAvailableReason: null,
          comment: comments.length > 0 ? comments.join(" ") : null,
          enteredBy: spec.owner,
          enteredAt: enteredAtFor(point.period, spec.frequency, calendar),
        });
      }
      // A not-available value is a row without a value: it scores as no data, and is not overdue.
      for (const [period, reason] of marks.notAvailable) {
        series.push({
          kpi: spec.code,
          persona: persona.slug,
          period,
          value: null,
          notAvailableReason: reason,
          comment: null,
          enteredBy: spec.owner,
          enteredAt: enteredAtFor(period, spec.frequency, calendar),
        });
      }
      rows.push(...series.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)));
    }
  }
  return rows;
}
