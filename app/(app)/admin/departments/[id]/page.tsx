import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteDepartmentForm, DepartmentForm } from "@/components/admin/department-forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { deleteDepartmentAction, updateDepartmentAction } from "../actions";
import { getDepartment } from "@/lib/queries/admin-departments";

export const metadata: Metadata = { title: "Department" };

export default async function DepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("department.manage");
  const { id } = await params;
  const department = await getDepartment(actor, id);
  if (!department) notFound();
  const inUse = department.users + department.kpis > 0;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/departments" className="text-brand-700 underline-offset-2 hover:underline">
          ← All departments
        </Link>
      </p>
      <PageHeader
        title={department.name}
        description={`${department.users} ${department.users === 1 ? "user" : "users"} · ${department.kpis} ${department.kpis === 1 ? "KPI" : "KPIs"}`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Name and description">
          <DepartmentForm action={updateDepartmentAction} department={department} submitLabel="Save changes" pendingLabel="Saving…" />
        </Card>
        <Card title="Delete">
          {inUse ? (
            <p className="text-sm text-slate-600">
              A department with users or KPIs cannot be deleted. Move them to another department first.
            </p>
          ) : (
            <DeleteDepartmentForm action={deleteDepartmentAction} department={department} />
          )}
        </Card>
      </div>
    </>
  );
}
