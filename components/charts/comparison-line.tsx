import { linePath, type LineBox } from "./line-path";

// One persona's values of a KPI as a small line on a value scale shared by every persona, drawn
// on the server (no client chart: the KPI screen shows one per persona, 50 at benchmark size).
// It stretches to its cell's width; the stroke keeps its thickness (non-scaling-stroke). The
// caller says what the line shows in words (`label`).

const WIDTH = 240;
const HEIGHT = 48;

export function ComparisonLine({ values, scale, label }: { values: ReadonlyArray<number | null>; scale: { min: number; max: number }; label: string }) {
  // The same headroom as the KPI history chart above it, so both read alike.
  const pad = (scale.max - scale.min) * 0.08 || Math.abs(scale.max) * 0.1 || 1;
  const box: LineBox = { width: WIDTH, height: HEIGHT, pad: 3, min: scale.min - pad, max: scale.max + pad, decimals: 0 };
  return (
    <svg className="comparison-line" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path d={linePath(values, box)} />
    </svg>
  );
}
