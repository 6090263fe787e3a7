import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listDepartments } from "@/lib/queries/department-view";

export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("dashboard.read");
  // A KPI owner's own department is where they start; "All departments" brings them back here.
  if (actor.role === "KPI_OWNER" && actor.departmentId && (await searchParams).all === undefined) redirect(`/departments/${actor.departmentId}`);
  const departments = await listDepartments(actor);
  return (
    <>
      <PageHeader title="Departments" description="The KPIs each department is responsible for (its own, or owned by its people), across personas." />
      {departments.length === 0 ? (
        <EmptyState title="No departments yet">An administrator creates departments and assigns people and KPIs to them.</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {departments.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <h2 className="font-semibold">
                <Link href={`/departments/${d.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {d.name}
                </Link>
                {d.id === actor.departmentId ? <span className="ml-2 text-xs font-normal text-slate-600">(your department)</span> : null}
              </h2>
              {d.description ? <p className="mt-1 text-sm text-slate-600">{d.description}</p> : null}
              <p className="mt-2 text-sm text-slate-700">
                {d.kpiCount} active {d.kpiCount === 1 ? "KPI" : "KPIs"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
