import { describe, expect, it } from "vitest";
import {
  candidatePeriods,
  decideEscalation,
  lastCompletePeriod,
  pairSeries,
  type Decision,
  type OpenEscalation,
} from "@/lib/jobs/escalation/evaluate";
import { addPeriods, nextPeriod, periodStart, type Frequency, type ThresholdsInput } from "@/lib/scoring";

// The escalation rule on hand-written series: a simulated nightly run applies each decision to
// an in-memory escalation, the way run.ts applies it to the database.

const HIGHER: ThresholdsInput = { direction: "HIGHER_IS_BETTER", red: 50, green: 70, target: 80 };
const RED = 40;
const AMBER = 60;
const GREEN = 75;

interface World {
  frequency: Frequency;
  n: number;
  values: Map<string, number | null>;
  thresholds: (period: string) => ThresholdsInput | null;
}

function world(frequency: Frequency, from: string, values: Array<number | null | undefined>, n = 3): World {
  const map = new Map<string, number | null>();
  values.forEach((v, i) => {
    if (v !== undefined) map.set(addPeriods(from, frequency, i), v);
  });
  return { frequency, n, values: map, thresholds: () => HIGHER };
}

function decide(w: World, today: string, open: OpenEscalation | null, reportedBy?: string): Decision {
  const series = pairSeries({
    frequency: w.frequency,
    today,
    n: w.n,
    reachBackTo: open?.firstBreachedPeriod,
    // reportedBy: values appear only once their period has closed (as the owners enter them).
    valueOf: (p) => (reportedBy === undefined || p < reportedBy ? w.values.get(p) : undefined),
    thresholdsOf: w.thresholds,
  });
  return decideEscalation(series, w.n, open);
}

interface Escalation extends OpenEscalation {
  status: "OPEN" | "RESOLVED";
  resolvedPeriod?: string;
}

/** Runs the job on each day in turn, keeping every escalation it opened; returns them and the decisions. */
function simulate(w: World, todays: string[]) {
  const escalations: Escalation[] = [];
  const kinds: string[] = [];
  for (const today of todays) {
    const open = escalations.find((e) => e.status === "OPEN") ?? null;
    const decision = decide(w, today, open, periodStart(today, w.frequency));
    kinds.push(decision.kind === "unchanged" ? "-" : `${decision.kind}${"level" in decision ? decision.level : ""}`);
    if (decision.kind === "open") {
      const { level, streakLength, firstBreachedPeriod, lastBreachedPeriod } = decision;
      escalations.push({ id: `e${escalations.length + 1}`, assigneeId: null, status: "OPEN", level, streakLength, firstBreachedPeriod, lastBreachedPeriod });
    } else if (decision.kind === "raise" || decision.kind === "update") {
      Object.assign(open!, { level: decision.level, streakLength: decision.streakLength, lastBreachedPeriod: decision.lastBreachedPeriod });
    } else if (decision.kind === "resolve") {
      Object.assign(open!, { status: "RESOLVED", resolvedPeriod: decision.resolvedPeriod });
    }
  }
  return { escalations, kinds };
}

/** The day after each month from `first` for `count` months: the job's nightly view as months close. */
function monthEnds(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => nextPeriod(addPeriods(first, "MONTHLY", i), "MONTHLY").replace(/-01$/, "-02"));
}

describe("periods judged", () => {
  it("ends with the last complete period of the frequency", () => {
    expect(lastCompletePeriod("MONTHLY", "2026-11-05")).toBe("2026-10-01");
    expect(lastCompletePeriod("QUARTERLY", "2026-11-05")).toBe("2026-07-01");
    expect(lastCompletePeriod("QUARTERLY", "2026-10-01")).toBe("2026-07-01");
  });

  it("covers 4N periods plus the one in progress, and reaches back to an open escalation's first period", () => {
    const periods = candidatePeriods("MONTHLY", "2026-11-05", 3);
    expect(periods).toHaveLength(13);
    expect([periods[0], periods.at(-1)]).toEqual(["2025-11-01", "2026-11-01"]);
    expect(candidatePeriods("MONTHLY", "2026-11-05", 3, "2024-01-01")[0]).toBe("2024-01-01");
    expect(candidatePeriods("QUARTERLY", "2026-11-05", 2).at(-1)).toBe("2026-10-01");
  });

  it("judges the period in progress only when a value was already reported for it", () => {
    const w = world("MONTHLY", "2026-08-01", [RED, RED]);
    const withoutCurrent = pairSeries({ ...w, today: "2026-10-15", valueOf: (p) => w.values.get(p), thresholdsOf: w.thresholds });
    expect(withoutCurrent.at(-1)?.period).toBe("2026-09-01");
    w.values.set("2026-10-01", RED);
    const withCurrent = pairSeries({ ...w, today: "2026-10-15", valueOf: (p) => w.values.get(p), thresholdsOf: w.thresholds });
    expect(withCurrent.at(-1)).toMatchObject({ period: "2026-10-01", status: "RED" });
  });
});

describe("decideEscalation", () => {
  it("opens at N consecutive RED periods, at level 1, with the first and last breached periods", () => {
    const w = world("MONTHLY", "2026-01-01", [GREEN, RED, RED]);
    expect(decide(w, "2026-04-02", null).kind).toBe("unchanged");
    w.values.set("2026-04-01", RED);
    expect(decide(w, "2026-05-02", null)).toEqual({
      kind: "open",
      level: 1,
      streakLength: 3,
      firstBreachedPeriod: "2026-02-01",
      lastBreachedPeriod: "2026-04-01",
      overdue: [],
    });
  });

  it("raises at 2N and 3N, updates the streak silently in between, and resolves when back out of RED", () => {
    const values = [AMBER, ...Array<number>(10).fill(RED), GREEN];
    const w = world("MONTHLY", "2025-01-01", values);
    const { escalations, kinds } = simulate(w, monthEnds("2025-01-01", values.length + 1));
    // Months close one by one: RED x3 opens, x6 raises to 2, x9 to 3, x10 updates, GREEN resolves.
    expect(kinds).toEqual(["-", "-", "-", "open1", "update1", "update1", "raise2", "update2", "update2", "raise3", "update3", "resolve", "-"]);
    expect(escalations).toEqual([
      {
        id: "e1",
        assigneeId: null,
        status: "RESOLVED",
        level: 3,
        streakLength: 10,
        firstBreachedPeriod: "2025-02-01",
        lastBreachedPeriod: "2025-11-01",
        resolvedPeriod: "2025-12-01",
      },
    ]);
  });

  it("opens directly at the level the streak has reached on a first run", () => {
    const w = world("MONTHLY", "2025-01-01", Array<number>(7).fill(RED));
    expect(decide(w, "2025-08-02", null)).toMatchObject({ kind: "open", level: 2, streakLength: 7, firstBreachedPeriod: "2025-01-01" });
  });

  it("is idempotent: a second run on the state the first left changes nothing", () => {
    const w = world("MONTHLY", "2025-01-01", [RED, RED, RED, RED]);
    const { kinds } = simulate(w, ["2025-05-02", "2025-05-02", "2025-05-20"]);
    expect(kinds).toEqual(["open1", "-", "-"]);
  });

  it("opens a new escalation for a new streak after a resolution", () => {
    const values = [RED, RED, RED, AMBER, RED, RED, RED];
    const w = world("MONTHLY", "2025-01-01", values);
    const { escalations, kinds } = simulate(w, monthEnds("2025-01-01", values.length));
    expect(kinds).toEqual(["-", "-", "open1", "resolve", "-", "-", "open1"]);
    expect(escalations.map((e) => [e.status, e.firstBreachedPeriod, e.resolvedPeriod])).toEqual([
      ["RESOLVED", "2025-01-01", "2025-04-01"],
      ["OPEN", "2025-05-01", undefined],
    ]);
  });

  it("lets missing periods neither count nor break the streak, and lists them as overdue", () => {
    const w = world("MONTHLY", "2025-01-01", [GREEN, RED, undefined, RED, null, RED]);
    expect(decide(w, "2025-07-02", null)).toEqual({
      kind: "open",
      level: 1,
      streakLength: 3,
      firstBreachedPeriod: "2025-02-01",
      lastBreachedPeriod: "2025-06-01",
      overdue: ["2025-03-01", "2025-05-01"],
    });
    // A value marked not available (null) is not owed: it is not listed as overdue.
    const series = pairSeries({ ...w, today: "2025-07-02", valueOf: (p) => w.values.get(p), thresholdsOf: w.thresholds });
    expect(decideEscalation(series, 3, null, (p) => w.values.get(p) === null)).toMatchObject({ streakLength: 3, overdue: ["2025-03-01"] });
    // Months without a value after the streak neither resolve nor raise it.
    const open: OpenEscalation = { id: "e1", assigneeId: null, level: 1, streakLength: 3, firstBreachedPeriod: "2025-02-01", lastBreachedPeriod: "2025-06-01" };
    expect(decide(w, "2025-10-02", open)).toMatchObject({ kind: "unchanged" });
  });

  it("counts quarters for a quarterly KPI, judging a reported quarter-to-date value", () => {
    const w = world("QUARTERLY", "2025-10-01", [AMBER, RED, RED]);
    // On 2026-07-10 the quarters up to Q2 2026 are complete: only two RED quarters.
    expect(decide(w, "2026-07-10", null).kind).toBe("unchanged");
    w.values.set("2026-07-01", RED);
    expect(decide(w, "2026-08-10", null)).toMatchObject({
      kind: "open",
      level: 1,
      streakLength: 3,
      firstBreachedPeriod: "2026-01-01",
      lastBreachedPeriod: "2026-07-01",
    });
  });

  it("judges each period with the thresholds in force in it: a threshold change mid-streak", () => {
    // The same value, 60, is AMBER under the old thresholds and RED once red is raised to 65 in April.
    const w = world("MONTHLY", "2025-01-01", [AMBER, AMBER, AMBER, AMBER, AMBER, AMBER]);
    const raised: ThresholdsInput = { direction: "HIGHER_IS_BETTER", red: 65, green: 75, target: 85 };
    w.thresholds = (p) => (p >= "2025-04-01" ? raised : HIGHER);
    expect(decide(w, "2025-07-02", null)).toMatchObject({ kind: "open", streakLength: 3, firstBreachedPeriod: "2025-04-01" });
    // A period without thresholds cannot be judged: it neither counts nor breaks (lib/scoring lists it with the missing ones).
    w.thresholds = (p) => (p >= "2025-04-01" ? raised : p === "2025-03-01" ? null : HIGHER);
    expect(decide(w, "2025-07-02", null)).toMatchObject({ kind: "open", streakLength: 3, overdue: ["2025-03-01"] });
  });

  it("keeps the level of an open escalation when a correction shortens its streak", () => {
    const w = world("MONTHLY", "2025-01-01", [AMBER, GREEN, RED, RED]);
    const open: OpenEscalation = { id: "e1", assigneeId: null, level: 2, streakLength: 6, firstBreachedPeriod: "2024-11-01", lastBreachedPeriod: "2025-04-01" };
    expect(decide(w, "2025-05-02", open)).toMatchObject({ kind: "update", level: 2, streakLength: 2, lastBreachedPeriod: "2025-04-01" });
  });

  it("uses the scorecard's N", () => {
    const w = world("MONTHLY", "2025-01-01", [RED, RED, RED, RED], 2);
    expect(decide(w, "2025-05-02", null)).toMatchObject({ kind: "open", level: 2, streakLength: 4 });
  });
});
