import type { Metadata } from "next";
import Link from "next/link";
import { ExportForm } from "@/components/entry/export-form";
import { ImportScreen } from "@/components/entry/import-screen";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/import/columns";
import { getExportChoices } from "@/lib/queries/export-choices";

export const metadata: Metadata = { title: "Import values" };

export default async function ImportPage() {
  const actor = await requirePermission("measurement.enter");
  const number = new Intl.NumberFormat("en");
  const choices = await getExportChoices(actor);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/entry" className="text-brand-700 underline">
          Enter values
        </Link>
        <span aria-hidden="true"> / </span>
        <span>Import</span>
      </nav>
      <PageHeader
        title="Import values"
        description={
          actor.role === "ADMIN"
            ? "Upload a CSV or Excel file of values for any KPI. Every row is checked before anything is saved."
            : "Upload a CSV or Excel file of values for the KPIs you own. Every row is checked before anything is saved."
        }
      >
        <a href="#export" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Export saved values
        </a>
      </PageHeader>

      <details className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
        <summary className="cursor-pointer font-medium text-slate-900">What the file must look like</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            A first row naming the columns <code>kpi_code</code>, <code>persona_slug</code>, <code>period</code>, <code>value</code>, and optionally{" "}
            <code>comment</code> and <code>not_available_reason</code> (any letter case; other columns are ignored and listed).
          </li>
          <li>
            Period as <code>YYYY-MM</code> or <code>YYYY-MM-DD</code> (the first day of the month, or of the quarter for a quarterly KPI), not after the current
            one. Values with a dot for decimals, without units or thousands separators.
          </li>
          <li>A value that is off track (red), and any value of a qualitative KPI, needs a comment. Without a comment column, saved comments are kept.</li>
          <li>
            At most {number.format(MAX_IMPORT_ROWS)} rows and {MAX_IMPORT_BYTES / 1024 / 1024} MB per file. A file exported from here re-imports unchanged.
          </li>
        </ul>
      </details>

      <ImportScreen />

      <section id="export" aria-labelledby="export-heading" className="mt-8 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="export-heading" className="text-base font-semibold text-slate-900">
          Export saved values
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-700">In the columns above: edit the file and import it again, or keep it as a record.</p>
        <ExportForm choices={choices} />
      </section>
    </>
  );
}
