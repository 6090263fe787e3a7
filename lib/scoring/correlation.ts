// How alike two personas' KPI histories are (the merge preview): Pearson's correlation of their
// values per KPI over the same periods, and one overall figure. Pure: no I/O, no clock.

/** Fewest common periods (both personas have a value) for a KPI's correlation to mean anything. */
export const MIN_CORRELATION_POINTS = 4;
/** How many periods of history the merge preview compares. */
export const CORRELATION_PERIODS = 12;

/**
 * Pearson's r of paired values; null when there are fewer than 2 pairs, the lists differ in
 * length, a value is not finite, or either side does not vary (r is undefined without spread).
 * Computed on centred values, so large magnitudes (revenue in millions) lose no precision.
 */
export function pearson(xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): number | null {
  const n = xs.length;
  if (n !== ys.length || n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Relative tolerance: a series that is constant up to rounding has no spread.
  const scale = Math.max(Math.abs(mx), Math.abs(my), 1);
  if (sxx <= 1e-24 * scale * scale * n || syy <= 1e-24 * scale * scale * n) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

export interface KpiSeriesPair {
  kpiId: string;
  /** Period key -> value of persona A (missing or not-available periods are absent). */
  a: ReadonlyMap<string, number>;
  /** Period key -> value of persona B. */
  b: ReadonlyMap<string, number>;
}

export interface KpiCorrelation {
  kpiId: string;
  /** Periods where both personas have a value. */
  n: number;
  /** Pearson's r over those periods; null with fewer than MIN_CORRELATION_POINTS or no spread. */
  r: number | null;
  /** Why r is null, in words for the screen. */
  reason: "TOO_FEW" | "NO_SPREAD" | null;
}

export interface HistoryCorrelation {
  perKpi: KpiCorrelation[];
  /**
   * The per-KPI correlations combined: Fisher's z = atanh(r) averaged with weights n - 3 (the
   * inverse of z's sampling variance), then tanh back. Null when no KPI has an r.
   */
  overall: number | null;
  /** KPIs that contributed to the overall figure. */
  kpisUsed: number;
}

/** |r| is clamped below 1 before atanh, so a perfect correlation stays finite. */
const R_CLAMP = 0.999999;

/**
 * Correlation of two personas' histories, KPI by KPI (in the given order), and overall. Only
 * the periods in `periods` count (e.g. each KPI's last 12); a KPI needs at least `minPoints`
 * periods where both have a value.
 */
export function historyCorrelation(pairs: ReadonlyArray<KpiSeriesPair & { periods: ReadonlyArray<string> }>, minPoints = MIN_CORRELATION_POINTS): HistoryCorrelation {
  const perKpi: KpiCorrelation[] = [];
  let zSum = 0;
  let wSum = 0;
  let used = 0;
  for (const pair of pairs) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const period of pair.periods) {
      const x = pair.a.get(period);
      const y = pair.b.get(period);
      if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      xs.push(x);
      ys.push(y);
    }
    const n = xs.length;
    if (n < Math.max(2, minPoints)) {
      perKpi.push({ kpiId: pair.kpiId, n, r: null, reason: "TOO_FEW" });
      continue;
    }
    const r = pearson(xs, ys);
    if (r === null) {
      perKpi.push({ kpiId: pair.kpiId, n, r: null, reason: "NO_SPREAD" });
      continue;
    }
    perKpi.push({ kpiId: pair.kpiId, n, r, reason: null });
    const weight = Math.max(n - 3, 1);
    zSum += weight * Math.atanh(Math.max(-R_CLAMP, Math.min(R_CLAMP, r)));
    wSum += weight;
    used++;
  }
  const overall = used === 0 ? null : Math.tanh(zSum / wSum);
  return { perKpi, overall, kpisUsed: used };
}

/** A correlation in words: strong (|r| >= 0.7), moderate (>= 0.4), weak otherwise; sign included. */
export function describeCorrelation(r: number | null): string {
  if (r === null) return "not enough history";
  const size = Math.abs(r) >= 0.7 ? "strong" : Math.abs(r) >= 0.4 ? "moderate" : "weak";
  if (size === "weak") return "weak or none";
  return `${size} ${r > 0 ? "positive" : "negative"}`;
}
