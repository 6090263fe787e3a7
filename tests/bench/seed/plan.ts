import { benchCalendar, type BenchCalendar } from "./calendar";
import type { BenchSeedOptions } from "./options";
import { planPersonas, type PersonaPlan } from "./plan-personas";
import { planStrategy, type StrategyPlan } from "./plan-strategy";
import { prng } from "../prng";

// Everything but the measurements, as plain rows. The measurements come from measurements.ts
// with their own PRNG stream, so the structure does not depend on how many months there are.

export interface BenchPlan extends StrategyPlan, PersonaPlan {
  calendar: BenchCalendar;
}

export function buildBenchPlan(options: BenchSeedOptions): BenchPlan {
  const calendar = benchCalendar(options.end, options.months);
  const rand = prng(options.seed);
  const strategy = planStrategy(rand, options.kpis, options.personas, calendar, options.seed);
  const personas = planPersonas(rand, options.personas, strategy, calendar);
  return { calendar, ...strategy, ...personas };
}

/** The measurements' own stream. */
export function measurementRandom(options: BenchSeedOptions): () => number {
  return prng((options.seed ^ 0x9e3779b9) >>> 0);
}
