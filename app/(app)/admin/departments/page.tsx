import type { Metadata } from "next";
import Link from "next/link";
import { DepartmentForm } from "@/components/admin/department-forms";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { createDepartmentAction } from "./actions";
import { listDepartments } from "@/lib/queries/admin-departments";

export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage() {
  const actor = await requirePermission("department.manage");
  const departments = await listDepartments(actor);
  return (
    <>
      <PageHeader title="Departments" description="Users and KPIs belong to a department. Department views and privacy rules build on them." />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="departments-heading">
          <h2 id="departments-heading" className="mb-3 text-lg font-semibold text-slate-900">
            All departments
          </h2>
          {departments.length === 0 ? (
            <EmptyState title="No departments yet">Create the first one with the form beside this list.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {departments.map((d) => (
                <li key={d.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <Link href={`/admin/departments/${d.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {d.name}
                    </Link>
                    {d.description ? <p className="text-sm text-slate-600">{d.description}</p> : null}
                  </div>
                  <p className="shrink-0 text-sm text-slate-600">
                    {d.users} {d.users === 1 ? "user" : "users"} · {d.kpis} {d.kpis === 1 ? "KPI" : "KPIs"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Card title="Create a department">
          <DepartmentForm action={createDepartmentAction} submitLabel="Create department" pendingLabel="Creating…" />
        </Card>
      </div>
    </>
  );
}
