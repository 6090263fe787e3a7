"use client";

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BandPoint } from "@/lib/queries/kpi-detail";

const RED = "#fde4e1";
const AMBER = "#fff1c2";
const GREEN = "#dcf5e3";

type Direction = "HIGHER_IS_BETTER" | "LOWER_IS_BETTER" | "TARGET_RANGE";

/** What the chart draws of a history point (the page passes no more across to the client). */
export type ChartPoint = Pick<BandPoint, "period" | "value" | "target" | "green" | "red" | "greenHigh" | "redHigh">;

/** Band edges per period, from the thresholds in force then: the chart's bands follow target changes. */
function bandsOf(p: ChartPoint, direction: Direction, lo: number, hi: number) {
  if (p.red === null || p.green === null) return {};
  const clamp = (x: number) => Math.min(hi, Math.max(lo, x));
  if (direction === "TARGET_RANGE" && p.greenHigh !== null && p.redHigh !== null) {
    return {
      redLow: [lo, clamp(p.red)],
      amberLow: [clamp(p.red), clamp(p.green)],
      green: [clamp(p.green), clamp(p.greenHigh)],
      amberHigh: [clamp(p.greenHigh), clamp(p.redHigh)],
      redHigh: [clamp(p.redHigh), hi],
    };
  }
  if (direction === "LOWER_IS_BETTER") {
    return { green: [lo, clamp(p.green)], amberLow: [clamp(p.green), clamp(p.red)], redHigh: [clamp(p.red), hi] };
  }
  return { redLow: [lo, clamp(p.red)], amberLow: [clamp(p.red), clamp(p.green)], green: [clamp(p.green), hi] };
}

/**
 * A KPI's values over time with its target line and the red / amber / green bands in force in
 * each period. Decorative for screen readers: the page shows the same numbers in a table.
 */
export function KpiHistoryChart({ points, direction, scale, height = 260 }: { points: ChartPoint[]; direction: Direction; scale: { min: number; max: number }; height?: number }) {
  const pad = (scale.max - scale.min) * 0.08 || Math.abs(scale.max) * 0.1 || 1;
  const lo = scale.min - pad;
  const hi = scale.max + pad;
  const data = points.map((p) => ({
    label: p.period.slice(0, 7),
    value: p.value,
    target: p.target,
    ...bandsOf(p, direction, lo, hi),
  }));
  const band = (key: string, fill: string) => (
    <Area key={key} dataKey={key} type="stepAfter" stroke="none" fill={fill} fillOpacity={1} isAnimationActive={false} connectNulls legendType="none" activeDot={false} />
  );
  return (
    <div aria-hidden="true" style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 4, left: 8 }}>
          {band("redLow", RED)}
          {band("amberLow", AMBER)}
          {band("green", GREEN)}
          {band("amberHigh", AMBER)}
          {band("redHigh", RED)}
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis domain={[lo, hi]} tick={{ fontSize: 11 }} width={56} allowDataOverflow tickFormatter={(v: number) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(v)} />
          <Tooltip />
          <Line dataKey="target" type="stepAfter" stroke="#172a5c" strokeDasharray="5 4" strokeWidth={1.5} dot={false} isAnimationActive={false} name="Target" />
          <Line dataKey="value" stroke="#2f5bd3" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} name="Value" connectNulls={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
