import type { Direction } from "@/lib/generated/prisma/enums";
import { makeScorer } from "@/lib/scoring/score";
import type { Status } from "@/lib/scoring/types";

// Deterministic, plausible demo values: a seeded, mean-reverting random walk in "threshold
// space" (how far a value sits between red, green and target), mapped back to the KPI's unit.
// Walking relative to the thresholds makes one model fit percentages, hours and euros alike,
// and lets a scenario say "breached here" without knowing the unit. Only integer arithmetic,
// + - * / and Math.sqrt are used (no Math.random, log or cos), so every platform draws the
// same numbers.

/** 32-bit FNV-1a hash of a string: the seed of a series. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast PRNG with a 32-bit state; uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

/** A PRNG keyed by its parts, e.g. randomFor("BSC-NPS", "smb-owner"). */
export function randomFor(...parts: string[]): Random {
  return mulberry32(hashString(parts.join("|")));
}

/** Roughly standard normal (Irwin–Hall of four uniforms): no transcendental functions. */
function gaussian(random: Random): number {
  return (random() + random() + random() + random() - 2) * Math.sqrt(3);
}

function between(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick() needs at least one item");
  return item;
}

export interface WalkThresholds {
  target: number;
  green: number;
  red: number;
  greenHigh?: number;
  redHigh?: number;
}

export interface SeriesSpec {
  /** Seeds the PRNG: the same key always gives the same series. */
  key: string;
  /** Ascending period keys, one per expected value. */
  periods: readonly string[];
  direction: Direction;
  /** The thresholds the walk is shaped by (the ones in force at the end of the series). */
  thresholds: WalkThresholds;
  range: readonly [number, number];
  decimals: number;
  /** Periods forced beyond the red threshold: the deliberate breach scenarios. */
  breached?: ReadonlySet<string>;
  /** Periods left without a value. */
  missing?: ReadonlySet<string>;
}

export interface SeriesPoint {
  period: string;
  value: number;
  status: Status;
}

/**
 * Positions: for HIGHER/LOWER_IS_BETTER 0 is red, 1 green, 2 target (below 0 is breached);
 * for TARGET_RANGE -2 red, -1 green, 0 target, 1 greenHigh, 2 redHigh. On both, lower
 * positions lead towards the breach the scenarios use.
 */
interface WalkModel {
  toValue(position: number): number;
  meanRange: readonly [number, number];
  sigma: number;
  bounds: readonly [number, number];
  breachPosition(random: Random): number;
  /** Caps two periods and one period before a breach run. */
  approach: readonly [number, number];
  /** Where an unplanned third RED in a row is pulled back to (AMBER). */
  recover: number;
}

function interpolate(anchors: ReadonlyArray<readonly [number, number]>, position: number, lowSlope: number, highSlope: number): number {
  const first = anchors[0]!;
  const last = anchors[anchors.length - 1]!;
  if (position <= first[0]) return first[1] + (position - first[0]) * lowSlope;
  if (position >= last[0]) return last[1] + (position - last[0]) * highSlope;
  for (let i = 1; i < anchors.length; i++) {
    const [p1, v1] = anchors[i]!;
    const [p0, v0] = anchors[i - 1]!;
    if (position <= p1) return v0 + ((position - p0) / (p1 - p0)) * (v1 - v0);
  }
  return last[1];
}

function sidedModel(t: WalkThresholds): WalkModel {
  const step = t.green - t.red; // signed: negative when lower is better
  const beyondTarget = t.target !== t.green ? t.target - t.green : step / 2;
  const anchors = [[0, t.red], [1, t.green], [2, t.target]] as const;
  return {
    toValue: (q) => interpolate(anchors, q, step, beyondTarget),
    meanRange: [0.65, 1.75],
    sigma: 0.3,
    bounds: [-1, 3],
    breachPosition: (random) => between(random, -0.75, -0.25),
    approach: [0.9, 0.45],
    recover: 0.5,
  };
}

function rangeModel(t: WalkThresholds): WalkModel {
  const greenHigh = t.greenHigh ?? t.target;
  const redHigh = t.redHigh ?? greenHigh;
  const anchors = [[-2, t.red], [-1, t.green], [0, t.target], [1, greenHigh], [2, redHigh]] as const;
  return {
    toValue: (x) => interpolate(anchors, x, t.green - t.red, redHigh - greenHigh),
    meanRange: [-0.4, 0.4],
    sigma: 0.45,
    bounds: [-2.8, 2.8],
    // Breaches of a range sit below it (too little): the low side is the one scenarios use.
    breachPosition: (random) => between(random, -2.7, -2.25),
    approach: [-1.2, -1.6],
    recover: -1.5,
  };
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/**
 * The series, without its missing periods. Noise is drawn for every period, missing or not,
 * so adding a gap never shifts the other values. Outside the breach scenarios at most two
 * REDs come in a row, so only the scenarios open escalations.
 */
export function walkSeries(spec: SeriesSpec): SeriesPoint[] {
  const random = randomFor(spec.key);
  const model = spec.direction === "TARGET_RANGE" ? rangeModel(spec.thresholds) : sidedModel(spec.thresholds);
  const scorer = makeScorer({ direction: spec.direction, ...spec.thresholds });
  const [rangeLow, rangeHigh] = spec.range;
  const breached = spec.breached ?? new Set<string>();
  const missing = spec.missing ?? new Set<string>();

  // The level the walk reverts to drifts from a start to an end: some series improve, some slip.
  const meanStart = between(random, ...model.meanRange);
  const meanEnd = between(random, ...model.meanRange);
  const pull = 0.35;
  let position = meanStart + gaussian(random) * model.sigma;
  let unplannedReds = 0;
  const points: SeriesPoint[] = [];

  const valueAt = (p: number) => {
    const raw = Math.min(rangeHigh, Math.max(rangeLow, model.toValue(p)));
    const value = roundTo(raw, spec.decimals);
    return { value, status: scorer.scoreValue(value).status };
  };

  spec.periods.forEach((period, index) => {
    const progress = spec.periods.length > 1 ? index / (spec.periods.length - 1) : 1;
    const mean = meanStart + (meanEnd - meanStart) * progress;
    const noise = gaussian(random);
    const breachPick = model.breachPosition(random);
    position += pull * (mean - position) + model.sigma * noise;
    position = Math.min(model.bounds[1], Math.max(model.bounds[0], position));

    if (breached.has(period)) {
      position = breachPick;
    } else {
      // Drift towards a coming breach run, so it reads as a deterioration, not a cliff.
      const next1 = spec.periods[index + 1];
      const next2 = spec.periods[index + 2];
      if (next1 !== undefined && breached.has(next1)) position = Math.min(position, model.approach[1]);
      else if (next2 !== undefined && breached.has(next2)) position = Math.min(position, model.approach[0]);
    }

    let point = valueAt(position);
    if (breached.has(period)) {
      if (point.status !== "RED") throw new Error(`Demo scenario ${spec.key} ${period}: forced value ${point.value} is not RED`);
    } else if (point.status === "RED") {
      unplannedReds++;
      if (unplannedReds > 2) {
        position = model.recover;
        point = valueAt(position);
        unplannedReds = 0;
      }
    } else {
      unplannedReds = 0;
    }
    if (!missing.has(period)) points.push({ period, ...point });
  });
  return points;
}

// ───────────────────────────── NPS comments ─────────────────────────────

export interface NpsBreakdown {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** Promoter, passive and detractor shares (whole percents summing to 100) that give `nps`. */
export function npsBreakdown(nps: number, random: Random, responses: readonly [number, number]): NpsBreakdown {
  const score = Math.round(nps);
  let passives = Math.min(15 + Math.floor(random() * 21), 100 - Math.abs(score));
  // promoters = (100 - passives + nps) / 2 must be whole.
  if ((100 - passives + score) % 2 !== 0) passives = passives > 0 ? passives - 1 : passives + 1;
  const promoters = (100 - passives + score) / 2;
  const count = responses[0] + Math.floor(random() * (responses[1] - responses[0] + 1));
  return { responses: count, promoters, passives, detractors: promoters - score };
}

/** The analyst's summary stored with an NPS value: the breakdown and the loudest themes. */
export function npsComment(
  nps: number,
  status: Status,
  random: Random,
  voice: { praise: readonly string[]; complaints: readonly string[]; responses: readonly [number, number] },
): string {
  const b = npsBreakdown(nps, random, voice.responses);
  const praise = pick(random, voice.praise);
  const complaint = pick(random, voice.complaints);
  const shares = `${b.responses} responses: ${b.promoters}% promoters, ${b.passives}% passives, ${b.detractors}% detractors.`;
  return status === "RED"
    ? `${shares} Detractors mostly cite ${complaint}; promoters still value ${praise}.`
    : `${shares} Promoters praise ${praise}; detractors mention ${complaint}.`;
}
