// `npm run bench`: scores 1.5 million values (50 personas x 500 KPIs x 60 periods) with
// lib/scoring, rolls them up to 25,000 persona x KPI series and 50 persona totals, and times
// it beside a bare inline loop that computes the same numbers (the floor).
//
// Roll-up used: a series' score is the rollup of its 60 period scores with equal weights
// (the mean of the scored periods; missing values are skipped), a persona's total is the
// rollup of its 500 series scores with the KPI weights. Each series has its own thresholds
// (a third each HIGHER_IS_BETTER, LOWER_IS_BETTER, TARGET_RANGE); ~3% of values are missing.
// Data come from a seeded PRNG, so every run scores the same numbers. The library path builds
// and validates one scorer per series (makeScorer) inside the timed loop; the floor reads
// pre-flattened thresholds and checks nothing. Both must produce bit-identical results.
// With a database configured, the screen benchmark follows (see tests/bench/screens.ts).
import { performance } from "node:perf_hooks";
import { makeScorer, RollupAccumulator, type Direction, type Thresholds } from "../../lib/scoring";
import { prng } from "./prng";
import { runEscalationBench } from "./escalation";
import { runImportBench } from "./import";
import { runScreenBench } from "./screens";

const PERSONAS = 50;
const KPIS = 500;
const PERIODS = 60;
const SERIES = PERSONAS * KPIS;
const VALUES = SERIES * PERIODS;
const RUNS = 15;
const WARM_UP_RUNS = 5;
const GOAL_MS = 300;
const GOAL_RATIO = 2;

// Series kinds, in the order of DIRECTION_OF_KIND (2 is TARGET_RANGE).
const KIND_HIGHER = 0;
const KIND_LOWER = 1;
const DIRECTION_OF_KIND: Direction[] = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"];

interface BenchData {
  values: Float64Array;
  thresholds: Thresholds[];
  kpiWeights: Float64Array;
  // The floor's view of the thresholds: flat arrays, the falling side pre-resolved.
  kind: Uint8Array;
  red: Float64Array;
  green: Float64Array;
  target: Float64Array;
  redHigh: Float64Array;
  greenHigh: Float64Array;
}

function generate(seed: number): BenchData {
  const rand = prng(seed);
  const d: BenchData = {
    values: new Float64Array(VALUES),
    thresholds: new Array<Thresholds>(SERIES),
    kpiWeights: new Float64Array(KPIS),
    kind: new Uint8Array(SERIES),
    red: new Float64Array(SERIES),
    green: new Float64Array(SERIES),
    target: new Float64Array(SERIES),
    redHigh: new Float64Array(SERIES),
    greenHigh: new Float64Array(SERIES),
  };
  for (let k = 0; k < KPIS; k++) d.kpiWeights[k] = k % 50 === 0 ? 0 : 0.5 + Math.floor(rand() * 6) / 2;
  for (let s = 0; s < SERIES; s++) {
    const kind = (s % KPIS) % 3;
    const center = 10 + rand() * 1000;
    const step = 1 + rand() * center * 0.2;
    let t: Thresholds;
    if (kind === KIND_HIGHER) {
      t = { direction: "HIGHER_IS_BETTER", red: center - 2 * step, green: center, target: center + step };
      d.redHigh[s] = 0;
      d.greenHigh[s] = 0;
    } else if (kind === KIND_LOWER) {
      t = { direction: "LOWER_IS_BETTER", red: center + 2 * step, green: center, target: center - step };
      d.redHigh[s] = t.red; // the floor reads the falling side from redHigh/greenHigh
      d.greenHigh[s] = t.green;
    } else {
      t = {
        direction: "TARGET_RANGE",
        red: center - 3 * step,
        green: center - step,
        target: center,
        greenHigh: center + step,
        redHigh: center + 3 * step,
      };
      d.redHigh[s] = t.redHigh as number;
      d.greenHigh[s] = t.greenHigh as number;
    }
    if (t.direction !== DIRECTION_OF_KIND[kind]) throw new Error("bench data: direction mismatch");
    d.thresholds[s] = t;
    d.kind[s] = kind;
    d.red[s] = t.red;
    d.green[s] = t.green;
    d.target[s] = t.target;
    const base = s * PERIODS;
    for (let i = 0; i < PERIODS; i++) {
      // Spread over every band, and a few values missing.
      d.values[base + i] = rand() < 0.03 ? Number.NaN : center + (rand() - 0.5) * 8 * step;
    }
  }
  return d;
}

interface BenchOutput {
  seriesScores: Float64Array;
  personaTotals: Float64Array;
}

function newOutput(): BenchOutput {
  return { seriesScores: new Float64Array(SERIES), personaTotals: new Float64Array(PERSONAS) };
}

/** The product path: one validated scorer per series, roll-ups through lib/scoring. */
function runLibrary(d: BenchData, out: BenchOutput): void {
  const series = new RollupAccumulator();
  const persona = new RollupAccumulator();
  const values = d.values;
  for (let p = 0; p < PERSONAS; p++) {
    persona.reset();
    for (let k = 0; k < KPIS; k++) {
      const s = p * KPIS + k;
      const scorer = makeScorer(d.thresholds[s] as Thresholds);
      series.reset();
      const base = s * PERIODS;
      for (let i = 0; i < PERIODS; i++) series.add(scorer.score(values[base + i]), 1);
      const score = series.score;
      out.seriesScores[s] = score ?? Number.NaN;
      persona.add(score, d.kpiWeights[k] as number);
    }
    out.personaTotals[p] = persona.score ?? Number.NaN;
  }
}

const THIRD = 100 / 3;
const TWO_THIRDS = 200 / 3;

/** The floor: the same formulas and the same roll-up, inlined, with no checks. */
function runFloor(d: BenchData, out: BenchOutput): void {
  const { values, kind, red, green, target, redHigh, greenHigh, kpiWeights } = d;
  for (let p = 0; p < PERSONAS; p++) {
    let pScored = 0;
    let pDev = 0;
    let pRef = 0;
    let pHasRef = false;
    for (let k = 0; k < KPIS; k++) {
      const s = p * KPIS + k;
      const kd = kind[s] as number;
      const tg = target[s] as number;
      const base = s * PERIODS;
      let scored = 0;
      let dev = 0;
      let ref = 0;
      let hasRef = false;
      for (let i = 0; i < PERIODS; i++) {
        const v = values[base + i] as number;
        if (v !== v) continue;
        let score: number;
        let x: number, r: number, g: number, t: number;
        if (v <= tg) {
          x = v;
          r = red[s] as number;
          g = green[s] as number;
          t = tg;
          if (kd === KIND_LOWER) x = t; // at or below the target: 100
        } else {
          x = -v;
          r = -(redHigh[s] as number);
          g = -(greenHigh[s] as number);
          t = -tg;
          if (kd === KIND_HIGHER) x = t; // at or above the target: 100
        }
        if (x >= t) score = 100;
        else if (x >= g) score = TWO_THIRDS + (THIRD * (x - g)) / (t - g);
        else if (x > r) score = THIRD + (THIRD * (x - r)) / (g - r);
        else {
          score = THIRD - (THIRD * (r - x)) / (g - r);
          if (!(score > 0)) score = 0;
        }
        if (!hasRef) {
          ref = score;
          hasRef = true;
        }
        scored += 1;
        dev += score - ref;
      }
      const seriesScore = scored > 0 ? ref + dev / scored : Number.NaN;
      out.seriesScores[s] = seriesScore;
      const w = kpiWeights[k] as number;
      if (seriesScore === seriesScore) {
        if (!pHasRef) {
          pRef = seriesScore;
          pHasRef = true;
        }
        pScored += w;
        pDev += w * (seriesScore - pRef);
      }
    }
    out.personaTotals[p] = pScored > 0 ? pRef + pDev / pScored : Number.NaN;
  }
}

/**
 * Best time of each contender over RUNS rounds after WARM_UP_RUNS untimed rounds (so the JIT
 * has compiled the hot paths with full type feedback, not just on-stack-replaced the first call). The two alternate within each round, so background load hits both alike.
 */
function bestTimes(contenders: ReadonlyArray<() => void>): number[] {
  for (let r = 0; r < WARM_UP_RUNS; r++) for (const run of contenders) run();
  const best = contenders.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < RUNS; r++) {
    contenders.forEach((run, i) => {
      const start = performance.now();
      run();
      best[i] = Math.min(best[i] as number, performance.now() - start);
    });
  }
  return best;
}

function maxDifference(a: Float64Array, b: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== x || y !== y) {
      if (x === x || y === y) return Number.POSITIVE_INFINITY; // one missing, the other not
      continue;
    }
    max = Math.max(max, Math.abs(x - y));
  }
  return max;
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function runScoringBench(): boolean {
  const generationStart = performance.now();
  const data = generate(20240601);
  const generationMs = performance.now() - generationStart;
  const libraryOut = newOutput();
  const floorOut = newOutput();

  const [libraryMs = Number.NaN, floorMs = Number.NaN] = bestTimes([
    () => runLibrary(data, libraryOut),
    () => runFloor(data, floorOut),
  ]);
  const ratio = libraryMs / floorMs;
  const diff = Math.max(
    maxDifference(libraryOut.seriesScores, floorOut.seriesScores),
    maxDifference(libraryOut.personaTotals, floorOut.personaTotals),
  );
  let checksum = 0;
  for (const total of libraryOut.personaTotals) checksum += total;

  console.log(`lib/scoring bench: ${PERSONAS} personas x ${KPIS} KPIs x ${PERIODS} periods = ${VALUES.toLocaleString("en-US")} values`);
  console.log(`  -> ${SERIES.toLocaleString("en-US")} persona x KPI series -> ${PERSONAS} persona totals (data generated in ${fmt(generationMs)} ms)`);
  console.log(`  best of ${RUNS} alternating runs after ${WARM_UP_RUNS} warm-up runs:`);
  console.log(`  lib/scoring  ${fmt(libraryMs)} ms  ${fmt(VALUES / (libraryMs / 1000) / 1e6)} M values/s`);
  console.log(`  bare loop    ${fmt(floorMs)} ms  ${fmt(VALUES / (floorMs / 1000) / 1e6)} M values/s  (floor)`);
  console.log(`  ratio        ${fmt(ratio, 2)}x the floor`);
  console.log(`  results      max |lib - floor| = ${diff}, sum of persona totals = ${fmt(checksum, 6)}`);
  const met = libraryMs < GOAL_MS && ratio <= GOAL_RATIO && diff === 0;
  console.log(`  goal (< ${GOAL_MS} ms, <= ${GOAL_RATIO}x floor, identical results): ${met ? "met" : "NOT met"}`);
  return met;
}

// `npm run bench [-- --quick] [-- --screens-only | --import-only | --escalation-only]`: the scoring
// benchmark, then, when DATABASE_URL or BENCH_DATABASE_URL is set, the screen benchmark
// (tests/bench/screens.ts), the import's (tests/bench/import.ts) and the escalation job's
// (tests/bench/escalation.ts). An --x-only flag runs that part alone.
const argv = process.argv.slice(2);
const only = ["--screens-only", "--import-only", "--escalation-only"].find((flag) => argv.includes(flag)) ?? null;
const runs = (flag: string) => only === null || only === flag;
const databases = { DATABASE_URL: process.env.DATABASE_URL, BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL };
const failed = (name: string) => (error: unknown) => {
  console.error(`${name} benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  return false;
};
const scoringMet = only === null ? runScoringBench() : true;
const screensMet = runs("--screens-only") ? await runScreenBench(argv, databases).catch(failed("Screen")) : null;
const importMet = runs("--import-only") ? await runImportBench(databases).catch(failed("Import")) : null;
const escalationMet = runs("--escalation-only") ? await runEscalationBench(databases).catch(failed("Escalation")) : null;
if (!scoringMet || screensMet === false || importMet === false || escalationMet === false) process.exitCode = 1;
