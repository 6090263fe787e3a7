import type { Action } from "@/lib/auth/policy";

// The app's navigation. Each entry names the policy action that makes it visible, so a role
// sees only what it may use (the pages authorize again: hiding a link is not protection).
export interface NavEntry {
  href: string;
  label: string;
  action: Action;
  group: "main" | "admin";
}

export const NAVIGATION: readonly NavEntry[] = [
  { href: "/", label: "Overview", action: "dashboard.read", group: "main" },
  { href: "/scorecards", label: "Scorecards", action: "dashboard.read", group: "main" },
  { href: "/personas", label: "Personas", action: "dashboard.read", group: "main" },
  { href: "/kpis", label: "KPIs", action: "dashboard.read", group: "main" },
  { href: "/departments", label: "By department", action: "dashboard.read", group: "main" },
  { href: "/escalations", label: "Escalations", action: "dashboard.read", group: "main" },
  { href: "/entry", label: "Enter values", action: "measurement.enter", group: "main" },
  { href: "/entry/import", label: "Import values", action: "measurement.enter", group: "main" },
  { href: "/admin/users", label: "Users", action: "user.manage", group: "admin" },
  { href: "/admin/departments", label: "Departments", action: "department.manage", group: "admin" },
  { href: "/admin/audit", label: "Audit log", action: "audit.read", group: "admin" },
];
