import type { Action } from "@/lib/auth/policy";

// The app's navigation. Each entry names the policy action that makes it visible, so a role
// sees only what it may use (the pages authorize again: hiding a link is not protection).
// Entries sit in groups, shown as headed sections in the sidebar and in the small-screen menu.

export const NAV_GROUPS = [
  { id: "dashboards", label: "Dashboards" },
  { id: "strategy", label: "Strategy" },
  { id: "data", label: "Data" },
  { id: "follow-up", label: "Follow-up" },
  { id: "admin", label: "Admin" },
] as const;

export type NavGroupId = (typeof NAV_GROUPS)[number]["id"];

export interface NavEntry {
  href: string;
  label: string;
  action: Action;
  group: NavGroupId;
}

export const NAVIGATION: readonly NavEntry[] = [
  { href: "/", label: "Overview", action: "dashboard.read", group: "dashboards" },
  { href: "/scorecards", label: "Scorecards", action: "dashboard.read", group: "dashboards" },
  { href: "/departments", label: "By department", action: "dashboard.read", group: "dashboards" },
  { href: "/personas", label: "Personas", action: "dashboard.read", group: "strategy" },
  { href: "/kpis", label: "KPIs", action: "dashboard.read", group: "strategy" },
  { href: "/entry", label: "Enter values", action: "measurement.enter", group: "data" },
  { href: "/entry/import", label: "Import values", action: "measurement.enter", group: "data" },
  { href: "/escalations", label: "Escalations", action: "dashboard.read", group: "follow-up" },
  { href: "/admin/users", label: "Users", action: "user.manage", group: "admin" },
  { href: "/admin/departments", label: "Departments", action: "department.manage", group: "admin" },
  { href: "/admin/audit", label: "Audit log", action: "audit.read", group: "admin" },
];
