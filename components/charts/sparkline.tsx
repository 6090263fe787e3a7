"use client";

import { Line, LineChart, YAxis } from "recharts";
import type { HistoryPoint } from "@/lib/queries/persona-scorecard";

/**
 * A small line of a KPI's recent scores (0..100, so every sparkline shares one scale). Decorative
 * for screen readers: the caller gives the values in words beside it.
 */
export function Sparkline({ points }: { points: HistoryPoint[] }) {
  const data = points.map((p) => ({ period: p.period, score: p.score }));
  if (!data.some((d) => d.score !== null)) return <span className="text-xs text-slate-500">no history</span>;
  return (
    <div aria-hidden="true" className="h-8 w-28">
      <LineChart width={112} height={32} data={data} accessibilityLayer={false} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis domain={[0, 100]} hide />
        <Line type="monotone" dataKey="score" stroke="#2f5bd3" strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
