import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { KpiHistoryChart } from "@/components/charts/kpi-history-chart";
import { EscalationStatusBadge, formatAge, LevelBadge, levelMeaning } from "@/components/escalations/badges";
import { AcknowledgeForm, ActionPlanForm, CommentForm, ReassignForm } from "@/components/escalations/thread-forms";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime, formatPeriod, formatValue } from "@/lib/format";
import { chartPoints } from "@/lib/queries/band-history";
import { getEscalationDetail, type EscalationDetail, type ThreadEntry } from "@/lib/queries/escalation-detail";
import { escalationExists } from "@/lib/queries/exists";
import { acknowledgeAction, actionPlanAction, commentAction, reassignAction } from "./actions";

export const metadata: Metadata = { title: "Escalation" };

export default async function EscalationPage({ params }: { params: Promise<{ escalationId: string }> }) {
  const actor = await requirePermission("dashboard.read");
  const { escalationId } = await params;
  if (!(await escalationExists(actor, escalationId))) notFound();
  return (
    <Suspense fallback={<Skeleton label="Loading the escalation…" blocks={["h-24", "h-72", "h-64"]} />}>
      <EscalationView actor={actor} id={escalationId} />
    </Suspense>
  );
}

const DAY = 86_400_000;
const unitOf = (d: EscalationDetail, n: number) => (d.kpi.frequency === "QUARTERLY" ? (n === 1 ? "quarter" : "quarters") : n === 1 ? "month" : "months");

async function EscalationView({ actor, id }: { actor: Actor; id: string }) {
  const d = await getEscalationDetail(actor, id);
  if (!d) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/escalations" className="text-brand-700 underline-offset-2 hover:underline">
          ← Escalations
        </Link>
      </nav>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {d.kpi.name} for {d.persona.name}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>
            {d.kpi.code} · {d.scorecard.name}
          </span>
          <LevelBadge level={d.level} />
          <EscalationStatusBadge status={d.status} />
        </p>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link href={`/kpis/${encodeURIComponent(d.kpi.code)}?persona=${d.persona.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
            KPI detail
          </Link>
          <Link href={`/scorecards/${d.scorecard.slug}/personas/${d.persona.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
            {d.persona.name}&apos;s scorecard
          </Link>
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <History d={d} />
          <Thread d={d} />
        </div>
        <div className="min-w-0 space-y-4">
          <Summary d={d} />
          <Owed d={d} />
          <Forms d={d} actor={actor} />
        </div>
      </div>
    </>
  );
}

function Summary({ d }: { d: EscalationDetail }) {
  const age = Math.max(0, Math.floor(((d.resolution?.at ? new Date(d.resolution.at) : new Date()).getTime() - new Date(d.openedAt).getTime()) / DAY));
  return (
    <Card title="Summary">
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="text-slate-600">Streak</dt>
          <dd>
            Red for {d.streakLength} reported {unitOf(d, d.streakLength)} in a row, from {formatPeriod(d.firstBreachedPeriod, d.kpi.frequency)} to{" "}
            {formatPeriod(d.lastBreachedPeriod, d.kpi.frequency)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Level</dt>
          <dd>
            Level {d.level}: {levelMeaning(d.level)} (levels rise at {d.streakSetting}, {d.streakSetting * 2} and {d.streakSetting * 3} {unitOf(d, 2)})
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Assignee</dt>
          <dd>{d.assignee?.name ?? "Nobody: an administrator assigns it."}</dd>
        </div>
        <div>
          <dt className="text-slate-600">KPI owner</dt>
          <dd>{d.kpi.owner?.name ?? "None"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Opened</dt>
          <dd>
            {formatDateTime(d.openedAt)} ({d.resolution ? `resolved after ${formatAge(age)}` : `${formatAge(age)} ago`.replace("today ago", "today")})
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Acknowledged</dt>
          <dd>{d.acknowledged ? `by ${d.acknowledged.by ?? "someone"}, ${formatDateTime(d.acknowledged.at)}` : "Not yet"}</dd>
        </div>
        {d.resolution ? (
          <div>
            <dt className="text-slate-600">Resolution</dt>
            <dd>
              <span aria-hidden="true">✔ </span>
              {d.resolution.period ? `${formatPeriod(d.resolution.period, d.kpi.frequency)} was back out of red` : "Back out of red"}
              {d.resolution.at ? `; resolved ${formatDateTime(d.resolution.at)}` : ""}
            </dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}

function History({ d }: { d: EscalationDetail }) {
  const points = d.history.filter((p) => p.value !== null || p.target !== null);
  if (points.length === 0 || !d.scale) {
    return (
      <EmptyState title="No values in this window">
        The values of {d.kpi.code} for {d.persona.name} around the breach are gone (deleted or corrected away). The KPI detail screen shows what is left.
      </EmptyState>
    );
  }
  const inStreak = (period: string) => period >= d.firstBreachedPeriod && period <= d.lastBreachedPeriod;
  return (
    <Card title="Breach history" description="Values per period with the target (dashed) and the red, amber and green bands in force in each period.">
      {/* Only what the chart draws crosses to the client: comments, names and times stay here. */}
      <KpiHistoryChart points={chartPoints(d.history)} direction={d.kpi.direction} scale={d.scale} />
      <div className="relative mt-4 max-h-96 overflow-auto" tabIndex={0} role="region" aria-label="Breach history table (scrolls)">
        <table className="min-w-[32rem] text-sm sm:min-w-full">
          <caption className="sr-only">Values and thresholds in force per period for {d.persona.name}</caption>
          <thead className="sticky top-0 bg-white text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1">Period</th>
              <th scope="col" className="px-2 py-1">Value</th>
              <th scope="col" className="px-2 py-1">Red at</th>
              <th scope="col" className="px-2 py-1">Target</th>
              <th scope="col" className="px-2 py-1">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {[...d.history].reverse().map((p) => (
              <tr key={p.period} className={inStreak(p.period) ? "bg-status-red-bg/40" : undefined}>
                <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                  {formatPeriod(p.period, d.kpi.frequency)}
                  {inStreak(p.period) ? <span className="block text-xs text-slate-600">in the streak</span> : null}
                </th>
                <td className="px-2 py-1 tabular-nums whitespace-nowrap">{p.notAvailableReason !== null ? "not available" : formatValue(p.value, d.kpi)}</td>
                <td className="px-2 py-1 tabular-nums whitespace-nowrap">
                  {p.red === null ? "none" : formatValue(p.red, d.kpi)}
                  {p.redHigh !== null ? ` / ${formatValue(p.redHigh, d.kpi)}` : ""}
                </td>
                <td className="px-2 py-1 tabular-nums whitespace-nowrap">{p.target === null ? "none" : formatValue(p.target, d.kpi)}</td>
                <td className="px-2 py-1 whitespace-nowrap">
                  <StatusBadge status={p.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function Owed({ d }: { d: EscalationDetail }) {
  return (
    <Card title="Missing values" description="Periods inside the streak without a value: they neither count nor break it, but someone owes them.">
      {d.owed.length === 0 ? (
        <p className="text-sm text-slate-700">None: every period of the streak that has ended has a value.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {d.owed.map((o) => (
            <li key={o.period}>
              <span aria-hidden="true">{o.state === "OVERDUE" ? "⚠ " : "○ "}</span>
              {formatPeriod(o.period, d.kpi.frequency)}: {o.state === "OVERDUE" ? "overdue" : "due"}
            </li>
          ))}
        </ul>
      )}
      {d.notAvailable.length > 0 ? (
        <>
          <h3 className="mt-3 text-sm font-medium text-slate-800">Marked not available (not owed)</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {d.notAvailable.map((n) => (
              <li key={n.period}>
                {formatPeriod(n.period, d.kpi.frequency)}: {n.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function entryText(d: EscalationDetail, t: ThreadEntry): { icon: string; who: string; text: React.ReactNode } {
  const period = (p: string | null) => (p ? formatPeriod(p, d.kpi.frequency) : "");
  switch (t.kind) {
    case "OPENED":
      return { icon: "●", who: "Escalation job", text: `Opened${t.level ? ` at level ${t.level}` : ""}${t.streakLength ? `: red for ${t.streakLength} ${unitOf(d, t.streakLength)}` : ""}${t.period ? ` since ${period(t.period)}` : ""}.` };
    case "RAISED":
      return { icon: "▲", who: "Escalation job", text: `Raised to level ${t.level ?? "?"}: red for ${t.streakLength ?? "?"} ${unitOf(d, t.streakLength ?? 2)}, up to ${period(t.period)}.` };
    case "UPDATED":
      return { icon: "■", who: "Escalation job", text: `Still red: ${t.streakLength ?? "?"} ${unitOf(d, t.streakLength ?? 2)}, up to ${period(t.period)}.` };
    case "RESOLVED":
      return { icon: "✔", who: "Escalation job", text: `Resolved: ${t.period ? `${period(t.period)} was back out of red` : "back out of red"}.` };
    case "ACKNOWLEDGED":
      return { icon: "✓", who: t.actor ?? "Someone", text: <><span className="font-medium">Acknowledged.</span> {t.note}</> };
    case "COMMENT":
      return { icon: "✎", who: t.actor ?? "Someone", text: t.note };
    case "REASSIGNED":
      return { icon: "→", who: t.actor ?? "Someone", text: <><span className="font-medium">Reassigned to {t.assignee ?? "someone"}.</span> {t.note}</> };
    case "ACTION_PLAN":
      return {
        icon: "☐",
        who: t.actor ?? "Someone",
        text: (
          <>
            <span className="font-medium">Action plan:</span> {t.what}
            <span className="block text-slate-700">
              Who: {t.owner ?? "someone"} · By: {t.due ? formatDate(`${t.due}T00:00:00Z`) : "no date"}
            </span>
            {t.note ? <span className="block">{t.note}</span> : null}
          </>
        ),
      };
  }
}

function Thread({ d }: { d: EscalationDetail }) {
  return (
    <Card title="Thread" description="What the escalation job did and what people wrote, oldest first.">
      <ol className="space-y-3">
        {d.thread.map((t, i) => {
          const { icon, who, text } = entryText(d, t);
          const system = ["OPENED", "RAISED", "UPDATED", "RESOLVED"].includes(t.kind);
          return (
            <li key={i} className={`flex gap-3 rounded-md border p-3 text-sm ${system ? "border-slate-100 bg-slate-50" : "border-slate-200 bg-white"}`}>
              <span aria-hidden="true" className="w-5 shrink-0 text-center">
                {icon}
              </span>
              <div className="min-w-0 flex-1">
                <p className="text-xs text-slate-600">
                  <span className="font-medium text-slate-800">{who}</span> · <time dateTime={t.at}>{formatDateTime(t.at)}</time>
                </p>
                <div className="mt-0.5 whitespace-pre-line break-words text-slate-900">{text}</div>
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

function Forms({ d, actor }: { d: EscalationDetail; actor: Actor }) {
  const users = d.users.map((u) => ({ id: u.id, name: u.name }));
  const defaultOwnerId = d.assignee?.id ?? actor.id;
  return (
    <>
      {d.may.acknowledge ? (
        <Card title="Acknowledge" description="Say you have seen it and what you know; optionally record the first action plan.">
          <AcknowledgeForm action={acknowledgeAction} escalationId={d.id} users={users} defaultOwnerId={defaultOwnerId} />
        </Card>
      ) : d.acknowledged && d.status === "ACKNOWLEDGED" ? (
        <Card title="Acknowledged">
          <p role="status" className="text-sm text-slate-800">
            <span aria-hidden="true">✓ </span>
            Acknowledged by {d.acknowledged.by ?? "someone"}, {formatDateTime(d.acknowledged.at)}.
          </p>
        </Card>
      ) : d.status === "OPEN" ? (
        <p className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">
          The assignee, the KPI&apos;s owner, executives and administrators acknowledge escalations.
        </p>
      ) : null}
      {d.may.plan && !d.may.acknowledge ? (
        <Card title="Add an action plan">
          <ActionPlanForm action={actionPlanAction} escalationId={d.id} users={users} defaultOwnerId={defaultOwnerId} />
        </Card>
      ) : null}
      {d.may.reassign ? (
        <Card title="Reassign">
          <ReassignForm action={reassignAction} escalationId={d.id} users={users} currentId={d.assignee?.id ?? null} />
        </Card>
      ) : null}
      {d.may.comment ? (
        <Card title="Comment">
          <CommentForm action={commentAction} escalationId={d.id} />
        </Card>
      ) : null}
    </>
  );
}
