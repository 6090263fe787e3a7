import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EditKpiForm, KpiStatusForm } from "@/components/kpis/kpi-forms";
import { KpiStatusBadge } from "@/components/kpis/kpi-status";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, formatPeriod } from "@/lib/format";
import { getKpiForEdit, getKpiFormOptions } from "@/lib/queries/kpi-catalogue";
import { monthStart } from "@/lib/scoring/periods";
import { changeKpiStatusAction, updateKpiAction } from "../../actions";

export const metadata: Metadata = { title: "Edit KPI" };

export default async function EditKpiPage({ params }: { params: Promise<{ kpiCode: string }> }) {
  const actor = await requirePermission("kpi.write");
  const code = decodeURIComponent((await params).kpiCode);
  const [kpi, options] = await Promise.all([getKpiForEdit(actor, code), getKpiFormOptions(actor)]);
  if (!kpi) notFound();
  const href = `/kpis/${encodeURIComponent(kpi.code)}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/kpis" className="text-brand-700 underline-offset-2 hover:underline">
          ← All KPIs
        </Link>
      </p>
      <PageHeader title={`Edit ${kpi.name}`} description={`${kpi.code} · version ${kpi.version}, last saved ${formatDateTime(kpi.updatedAt)}`}>
        <div className="flex flex-wrap items-center gap-2">
          <KpiStatusBadge status={kpi.status} />
          <Link href={href} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
            View KPI
          </Link>
        </div>
      </PageHeader>
      {kpi.status === "REJECTED" ? <Notice tone="warning">This proposal was rejected: it is kept as a record and cannot be edited. Propose a new KPI instead.</Notice> : null}
      {kpi.status === "PROPOSED" ? (
        <Notice tone="info">
          This KPI is a proposal: it is not scored until it is approved.{" "}
          <Link href={`${href}/review`} className="underline underline-offset-2">
            Open its review
          </Link>
          .
        </Notice>
      ) : null}
      {kpi.status === "RETIRED" && kpi.retiredIn ? (
        <Notice tone="info">
          Retired: it counts up to {formatPeriod(kpi.retiredIn, kpi.frequency === "QUARTERLY" ? "QUARTERLY" : "MONTHLY")} and not after.
          {kpi.statusRationale ? ` Why: ${kpi.statusRationale}` : ""}
        </Notice>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card
            title="Definition"
            description={kpi.editRefusal ? undefined : "Every field of the KPI. If someone saves it while you edit, your save is refused with who and when, so nobody overwrites anyone silently."}
          >
            {kpi.status === "REJECTED" ? (
              <p className="text-sm text-slate-600">Not editable.</p>
            ) : kpi.editRefusal ? (
              <p className="text-sm text-slate-700">{kpi.editRefusal}</p>
            ) : (
              <EditKpiForm action={updateKpiAction} options={options} values={kpi} />
            )}
          </Card>
        </div>
        <div className="min-w-0 space-y-4">
          {kpi.status === "ACTIVE" || kpi.status === "RETIRED" ? (
            <Card title={kpi.status === "ACTIVE" ? "Retire" : "Re-activate"}>
              <KpiStatusForm action={changeKpiStatusAction} kpiId={kpi.id} version={kpi.version} status={kpi.status} currentMonth={monthStart(new Date()).slice(0, 7)} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
