import { StatusBadge } from "@/components/ui/status-badge";
import type { Status } from "@/lib/scoring";

const STATUSES: Status[] = ["GREEN", "AMBER", "RED", "NO_DATA"];

/** What the colours, shapes and arrows mean. */
export function MapLegend() {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700 print:hidden">
      <span className="font-medium text-slate-900">Key</span>
      <ul className="flex flex-wrap gap-2" aria-label="Statuses">
        {STATUSES.map((status) => (
          <li key={status}>
            <StatusBadge status={status} />
          </li>
        ))}
      </ul>
      <span className="flex items-center gap-1">
        <svg width="36" height="12" viewBox="0 0 36 12" aria-hidden="true">
          <line x1="0" y1="6" x2="28" y2="6" stroke="#475569" strokeWidth="1.5" />
          <path d="M28 1 L36 6 L28 11 Z" fill="#475569" />
        </svg>
        cause → effect
      </span>
      <span className="text-slate-600">Select an objective (or Tab to it and press Enter) to see its KPIs. Zoom with the buttons, a pinch or Ctrl + scroll.</span>
    </div>
  );
}
