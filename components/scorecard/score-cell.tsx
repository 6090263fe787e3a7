import { StatusBadge } from "@/components/ui/status-badge";
import { formatScore, formatShare } from "@/lib/format";
import type { RollupResult } from "@/lib/scoring";

/** A rolled-up score with its status and how much of the weight had data behind it. */
export function ScoreCell({ result, label, size = "md" }: { result: RollupResult; label: string; size?: "md" | "lg" }) {
  return (
    <div className="flex flex-col items-start gap-1" aria-label={`${label}: score ${formatScore(result.score)}`}>
      <div className="flex items-center gap-2">
        <span className={`${size === "lg" ? "text-3xl" : "text-lg"} font-semibold tabular-nums text-slate-900`}>{formatScore(result.score)}</span>
        <StatusBadge status={result.status} />
      </div>
      <span className="text-xs text-slate-600">{formatShare(result.coverage)} of KPI weight reported</span>
    </div>
  );
}
