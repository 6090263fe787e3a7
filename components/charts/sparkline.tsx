import { linePath, type LineBox } from "./line-path";

// A small line of a KPI's recent scores as one SVG path: no chart library, a few hundred bytes.
// The persona scorecard shows one per KPI (up to 150 on a page), where a client chart each cost
// its props again in the page payload and hydration work for a line that never changes. The path
// is computed on the server (sparklinePath) and travels as one string. Scores share one 0..100
// scale, so lines compare across rows. The caller says what the line shows in words (`label`).

// The drawn size (112 × 32 px) is set by the `sparkline` rule in app/globals.css rather than by
// width/height attributes: one rule instead of two attributes on each line, in the HTML and again
// in the page payload. Keep the two in step.
const BOX: LineBox = { width: 112, height: 32, pad: 2, min: 0, max: 100, decimals: 0 };
const VIEW_BOX = `0 0 ${BOX.width} ${BOX.height}`;

/** What a sparkline draws: its path and, in words, what it shows. */
export interface SparklineLine {
  d: string;
  label: string;
}

/** The line of `scores` (null where a period has no score), or null when no period has one. */
export function sparklineOf(scores: ReadonlyArray<number | null>, label: string): SparklineLine | null {
  return scores.some((s) => s !== null) ? { d: linePath(scores, BOX), label } : null;
}

export function Sparkline({ line }: { line: SparklineLine | null }) {
  if (!line) return <span className="text-xs text-slate-500">no history</span>;
  return (
    <svg className="sparkline" viewBox={VIEW_BOX} role="img" aria-label={line.label}>
      <path d={line.d} />
    </svg>
  );
}
