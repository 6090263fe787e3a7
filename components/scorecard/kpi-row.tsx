"use client";

import { Sparkline, type SparklineLine } from "@/components/charts/sparkline";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Status } from "@/lib/scoring";

/**
 * One KPI row, every text already formatted on the server (kpiRowView in kpi-table.tsx). A client
 * component only so that the page payload carries each row as these few strings rather than as
 * its element tree (about half the persona page's bytes and of its server rendering); the markup
 * is the same as a server component's, and nothing here formats or computes.
 */
export interface KpiRowView {
  id: string;
  href: string;
  name: string;
  /** Code, weight, owner, and when and by whom it was updated: one small text, lines kept. */
  about: string;
  value: string;
  valueMissing: boolean;
  /** Small notes under the value: not-available reason, due state, quarterly value, comment. */
  notes: Array<{ text: string; overdue: boolean }>;
  target: { value: string; about: string } | null;
  score: string;
  status: Status;
  share: string | null;
  trend: SparklineLine | null;
  previous: string | null;
}

export function KpiRow({ row }: { row: KpiRowView }) {
  return (
    <tr>
      <th scope="row">
        <a href={row.href}>{row.name}</a>
        <small>{row.about}</small>
      </th>
      <td>
        <strong {...(row.valueMissing ? { className: "text-slate-500" } : {})}>{row.value}</strong>
        {row.notes.map((note, i) => (
          <small key={i} className={note.overdue ? "font-semibold text-status-red" : undefined}>
            {note.text}
          </small>
        ))}
      </td>
      <td>
        {row.target ? (
          <>
            <strong>{row.target.value}</strong>
            <small>{row.target.about}</small>
          </>
        ) : (
          <small>No target in force: an analyst sets one.</small>
        )}
      </td>
      <td>
        <strong>{row.score}</strong>
        <StatusBadge status={row.status} />
        {row.share !== null ? <small>{row.share}</small> : null}
      </td>
      <td>
        <Sparkline line={row.trend} />
      </td>
      <td>{row.previous !== null ? <small>{row.previous}</small> : null}</td>
    </tr>
  );
}
