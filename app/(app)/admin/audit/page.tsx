import type { Metadata } from "next";
import { AuditEventList, AuditFilters, AuditPagination } from "@/components/admin/audit";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { auditFilterSchema } from "@/lib/validation/audit";
import { auditLogRefusal, getAuditPage } from "@/lib/queries/admin-audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit.read");
  const refused = auditLogRefusal(actor);
  if (refused !== null) {
    return (
      <>
        <PageHeader title="Audit log" description="Every change made through the app, who made it and when, with the values before and after." />
        <Notice>{refused}</Notice>
      </>
    );
  }
  const filter = auditFilterSchema.parse(await searchParams);
  const data = await getAuditPage(actor, filter);
  const filtered = Boolean(filter.actor || filter.entity || filter.from || filter.to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the app, who made it and when, with the values before and after. Dates are in UTC."
      />
      <AuditFilters filter={filter} actors={data.actors} entityTypes={data.entityTypes} />
      <p className="mb-3 text-sm text-slate-600" role="status">
        {data.total === 0 ? "No events" : `${data.total} ${data.total === 1 ? "event" : "events"}`}
        {filtered ? " match these filters" : ""}
        {data.pageCount > 1 ? ` · page ${data.page} of ${data.pageCount}` : ""}.
      </p>
      {data.rows.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches these filters" : "No audit events yet"}>
          {filtered ? "Widen the date range or clear a filter." : "Events appear here as soon as someone changes something."}
        </EmptyState>
      ) : (
        <>
          <AuditEventList rows={data.rows} />
          <AuditPagination filter={filter} page={data.page} pageCount={data.pageCount} />
        </>
      )}
    </>
  );
}
