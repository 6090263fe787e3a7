import type { Status } from "@/lib/scoring";

// Status is never shown by colour alone: every badge carries a shape and a word.
// `badge` names the badge's look in app/globals.css: a short class, because a persona
// scorecard shows up to 500 badges and each one's classes travel in the HTML and the payload.
const LOOK: Record<Status, { label: string; icon: string; className: string; badge: string }> = {
  GREEN: { label: "On track", icon: "●", className: "bg-status-green-bg text-status-green ring-status-green/30", badge: "status-badge status-green" },
  AMBER: { label: "At risk", icon: "▲", className: "bg-status-amber-bg text-status-amber ring-status-amber/30", badge: "status-badge status-amber" },
  RED: { label: "Off track", icon: "■", className: "bg-status-red-bg text-status-red ring-status-red/30", badge: "status-badge status-red" },
  NO_DATA: { label: "No data", icon: "○", className: "bg-status-none-bg text-status-none ring-status-none/30", badge: "status-badge status-none" },
};

export function statusLabel(status: Status): string {
  return LOOK[status].label;
}

/** The status's shape (never shown alone: pair it with the word). */
export function statusIcon(status: Status): string {
  return LOOK[status].icon;
}

/** Background and text colours of a status, for cells that carry the icon and word themselves. */
export function statusTone(status: Status): string {
  return LOOK[status].className;
}

export function StatusBadge({ status, className = "" }: { status: Status; className?: string }) {
  const look = LOOK[status];
  return (
    <span className={className ? `${look.badge} ${className}` : look.badge}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}
