// The SVG path of a small line chart, computed on the server: one `d` attribute instead of a
// client chart library. Shared by the persona scorecard's sparklines and the KPI screen's
// per-persona comparison lines.

export interface LineBox {
  width: number;
  height: number;
  /** Inset on every side, so round line caps are not clipped. */
  pad: number;
  /** The values at the bottom and top edges of the drawing area. */
  min: number;
  max: number;
  /** Decimals of the coordinates (default 1); whole pixels are enough for a small line. */
  decimals?: 0 | 1;
}

/**
 * A line through `values`, evenly spaced left to right; null is a gap (a period without a
 * value or score). A point with no neighbour is a zero-length segment, which round line caps
 * draw as a dot. Values outside min..max are clamped to the edges.
 */
export function linePath(values: ReadonlyArray<number | null>, box: LineBox): string {
  const { width, height, pad, min, max } = box;
  const round = box.decimals === 0 ? Math.round : (n: number) => Math.round(n * 10) / 10;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const span = height - 2 * pad;
  const range = max - min;
  let d = "";
  let run = 0; // points in the current segment
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      if (run === 1) d += "h0";
      run = 0;
      continue;
    }
    const fraction = range > 0 ? (Math.min(max, Math.max(min, value)) - min) / range : 0.5;
    d += `${run === 0 ? "M" : "L"}${round(pad + i * step)} ${round(pad + (1 - fraction) * span)}`;
    run++;
  }
  if (run === 1) d += "h0";
  return d;
}
