import { performance } from "node:perf_hooks";

// Median wall time of async contenders. They take turns within each round, in alternating
// order, so background load and caches hit them alike.

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

export async function medianTimes<K extends string>(
  contenders: Record<K, () => Promise<unknown>>,
  runs: number,
  warmUpRuns: number,
): Promise<Record<K, Timing>> {
  const names = Object.keys(contenders) as K[];
  for (let r = 0; r < warmUpRuns; r++) for (const name of names) await contenders[name]();
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const started = performance.now();
      await contenders[name]();
      samples[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(samples[n])])) as Record<K, Timing>;
}
