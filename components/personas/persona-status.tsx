import type { PersonaStatusValue } from "@/lib/validation/personas";

// A persona's lifecycle status as a word with a shape (never colour alone).
const LOOK: Record<PersonaStatusValue, { label: string; icon: string; className: string }> = {
  DRAFT: { label: "Draft", icon: "◌", className: "bg-slate-100 text-slate-800 ring-slate-300" },
  ACTIVE: { label: "Active", icon: "●", className: "bg-status-green-bg text-status-green ring-status-green/30" },
  SUNSET: { label: "Sunset", icon: "◐", className: "bg-amber-50 text-amber-900 ring-amber-300" },
};

export function PersonaStatusBadge({ status }: { status: PersonaStatusValue }) {
  const look = LOOK[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

/** "Overdue for review" flag: an icon and words. */
export function OverdueFlag() {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-status-red-bg px-2 py-0.5 text-xs font-medium text-status-red ring-1 ring-inset ring-status-red/30">
      <span aria-hidden="true">⚠</span>
      Overdue for review
    </span>
  );
}
