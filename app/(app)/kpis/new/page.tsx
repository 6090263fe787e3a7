import type { Metadata } from "next";
import Link from "next/link";
import { ProposeKpiForm } from "@/components/kpis/kpi-forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getKpiFormOptions } from "@/lib/queries/kpi-catalogue";
import { proposeKpiAction } from "../actions";

export const metadata: Metadata = { title: "Propose a KPI" };

export default async function NewKpiPage() {
  const actor = await requirePermission("kpi.propose");
  const options = await getKpiFormOptions(actor);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/kpis" className="text-brand-700 underline-offset-2 hover:underline">
          ← All KPIs
        </Link>
      </p>
      <PageHeader
        title="Propose a KPI"
        description="A new KPI starts as a proposal: it is not scored and takes no values until another analyst or an administrator approves it. Targets and thresholds are set once it exists."
      />
      <div className="max-w-3xl">
        <Card>
          <ProposeKpiForm action={proposeKpiAction} options={options} />
        </Card>
      </div>
    </>
  );
}
