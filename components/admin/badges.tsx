import type { Role } from "@/lib/generated/prisma/enums";
import { ROLE_LABELS } from "@/lib/validation/users";

export function RoleBadge({ role }: { role: Role }) {
  return <span className="inline-flex whitespace-nowrap rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900 ring-1 ring-inset ring-brand-100">{ROLE_LABELS[role]}</span>;
}

/** Active or deactivated: a shape and a word, not colour alone. */
export function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-status-green-bg px-2 py-0.5 text-xs font-medium text-status-green">
      <span aria-hidden="true">●</span>Active
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-status-none-bg px-2 py-0.5 text-xs font-medium text-status-none">
      <span aria-hidden="true">○</span>Deactivated
    </span>
  );
}
