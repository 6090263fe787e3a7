import { linePath, type LineBox } from "./line-path";

// A small line of a KPI's recent scores, drawn on the server as one SVG path: no client
// JavaScript, no chart library, a few hundred bytes. The persona scorecard shows one per KPI
// (500 at benchmark size), where a client chart each cost its props again in the page payload
// and hydration work for a line that never changes. Scores share one 0..100 scale, so lines
// compare across rows. The caller says what the line shows in words (`label`).

// The drawn size (112 × 32 px) is set by the `sparkline` rule in app/globals.css rather than by
// width/height attributes: one rule instead of two attributes on each of up to 150 lines, in
// the HTML and again in the page payload. Keep the two in step.
const BOX: LineBox = { width: 112, height: 32, pad: 2, min: 0, max: 100, decimals: 0 };
const VIEW_BOX = `0 0 ${BOX.width} ${BOX.height}`;

export function Sparkline({ scores, label }: { scores: ReadonlyArray<number | null>; label: string }) {
  if (!scores.some((s) => s !== null)) return <span className="text-xs text-slate-500">no history</span>;
  return (
    <svg className="sparkline" viewBox={VIEW_BOX} role="img" aria-label={label}>
      <path d={linePath(scores, BOX)} />
    </svg>
  );
}
