import type { KpiStatusValue } from "@/lib/validation/kpis";

// A KPI's lifecycle status as a word with a shape (never colour alone).
const LOOK: Record<KpiStatusValue, { label: string; icon: string; className: string }> = {
  PROPOSED: { label: "Proposed", icon: "◌", className: "bg-brand-50 text-brand-900 ring-brand-100" },
  ACTIVE: { label: "Active", icon: "●", className: "bg-status-green-bg text-status-green ring-status-green/30" },
  RETIRED: { label: "Retired", icon: "◐", className: "bg-slate-100 text-slate-800 ring-slate-300" },
  REJECTED: { label: "Rejected", icon: "✕", className: "bg-status-red-bg text-status-red ring-status-red/30" },
};

export const KPI_STATUS_WORDS: Record<KpiStatusValue, string> = { PROPOSED: "proposed", ACTIVE: "active", RETIRED: "retired", REJECTED: "rejected" };

export function KpiStatusBadge({ status }: { status: KpiStatusValue }) {
  const look = LOOK[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}
