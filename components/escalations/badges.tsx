// Escalation level and status, each as a shape and a word (never colour alone).

const LEVEL: Record<number, { icon: string; className: string; meaning: string }> = {
  1: { icon: "▲", className: "bg-status-amber-bg text-status-amber ring-status-amber/30", meaning: "the KPI owner acts" },
  2: { icon: "▲▲", className: "bg-status-red-bg text-status-red ring-status-red/30", meaning: "the objective's owner is told" },
  3: { icon: "▲▲▲", className: "bg-status-red text-white ring-status-red", meaning: "the executives are told" },
};

export function levelMeaning(level: number): string {
  return LEVEL[level]?.meaning ?? "";
}

export function LevelBadge({ level }: { level: number }) {
  const look = LEVEL[level] ?? LEVEL[1]!;
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>
      <span aria-hidden="true" className="tracking-tighter">
        {look.icon}
      </span>
      Level {level}
    </span>
  );
}

const STATUS = {
  OPEN: { icon: "●", label: "Open", className: "bg-status-red-bg text-status-red ring-status-red/30" },
  ACKNOWLEDGED: { icon: "✓", label: "Acknowledged", className: "bg-brand-50 text-brand-900 ring-brand-600/30" },
  RESOLVED: { icon: "✔", label: "Resolved", className: "bg-status-green-bg text-status-green ring-status-green/30" },
} as const;

export type EscalationStatus = keyof typeof STATUS;

export function escalationStatusLabel(status: EscalationStatus): string {
  return STATUS[status].label;
}

export function EscalationStatusBadge({ status }: { status: EscalationStatus }) {
  const look = STATUS[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

/** "3 days", "1 day", "today". */
export function formatAge(days: number): string {
  if (days <= 0) return "today";
  return days === 1 ? "1 day" : `${days} days`;
}
