import { sparklineOf } from "@/components/charts/sparkline";
import { KpiRow, type KpiRowView } from "./kpi-row";
import { formatDate, formatDateTime, formatDelta, formatPeriod, formatScore, formatShare, formatValue } from "@/lib/format";
import type { KpiLine, TargetView } from "@/lib/queries/persona-scorecard";

// One markup for every screen width: a table on wide screens, one card per KPI row on narrow
// ones (the `kpi-table` rules in app/globals.css, which also label the cards' cells). Rows are
// styled by structure (th, td, strong, small) rather than by utility classes on every cell: a
// persona has up to 500 KPI rows, and each element travels twice, in the HTML and in the React
// payload that hydrates it. So the cells hold few elements and no per-cell attributes, and each row
// is drawn by KpiRow (a client component) from the texts formatted here: the payload carries a row
// as a dozen strings instead of its element tree (at benchmark size 425 -> 338 kB per page and a
// fifth less server CPU per view; the same DOM and accessibility tree).

/** Lines of one small text block (the table's small text keeps line breaks): one element, not one per line. */
function lines(...parts: Array<string | null>): string {
  return parts.filter((p) => p !== null).join("\n");
}

const DUE_TEXT = { OPEN: "not due yet", DUE: "due now", OVERDUE: "overdue" } as const;

function thresholdsText(line: KpiLine, t: TargetView): string {
  const v = (x: number | null) => formatValue(x, line);
  if (line.direction === "TARGET_RANGE") return `green ${v(t.green)}–${v(t.greenHigh)}, red ≤ ${v(t.red)} or ≥ ${v(t.redHigh)}`;
  if (line.direction === "LOWER_IS_BETTER") return `green ≤ ${v(t.green)}, red ≥ ${v(t.red)}`;
  return `green ≥ ${v(t.green)}, red ≤ ${v(t.red)}`;
}

/** The sparkline in words: the span of periods, then every period's score in order. */
export function historyText(line: Pick<KpiLine, "frequency" | "history" | "period">): string {
  const { history, frequency } = line;
  if (!history.scores.some((score) => score !== null)) return "No scored history.";
  const unit = frequency === "QUARTERLY" ? "quarters" : "months";
  const first = formatPeriod(history.from, frequency);
  const last = formatPeriod(line.period, frequency);
  return `Scores over the last ${history.scores.length} ${unit}, ${first} to ${last}: ${history.scores.map((score) => (score === null ? "no score" : formatScore(score))).join(", ")}.`;
}

/** The KPIs of one objective (or of none) for one persona and period. */
export function KpiTable({ caption, lines, month, personaSlug }: { caption: string; lines: KpiLine[]; month: string; personaSlug: string }) {
  return (
    <div className="kpi-table-scroll">
      <table className="kpi-table">
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          <col className="w-[27%]" />
          <col className="w-[17%]" />
          <col className="w-[22%]" />
          <col className="w-[12%]" />
          <col className="w-[10rem]" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Value</th>
            <th scope="col">Target and thresholds</th>
            <th scope="col">Score</th>
            <th scope="col">Trend</th>
            <th scope="col">Previous</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <KpiRow key={line.id} row={kpiRowView(line, month, personaSlug)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every text of one row, formatted here on the server; KpiRow only lays them out. */
function kpiRowView(line: KpiLine, month: string, personaSlug: string): KpiRowView {
  const notAvailable = line.notAvailableReason !== null;
  const notes: KpiRowView["notes"] = [];
  if (notAvailable) notes.push({ text: line.notAvailableReason!, overdue: false });
  if (line.value === null && line.due) notes.push({ text: `${formatPeriod(line.period, line.frequency)}: ${DUE_TEXT[line.due]}`, overdue: line.due === "OVERDUE" });
  if (line.frequency === "QUARTERLY" && line.period !== month) notes.push({ text: `quarterly: ${formatPeriod(line.period, "QUARTERLY")} value`, overdue: false });
  if (line.comment) notes.push({ text: `“${line.comment}”`, overdue: false });
  return {
    id: line.id,
    href: `/kpis/${encodeURIComponent(line.code)}?persona=${personaSlug}`,
    name: line.name,
    about: lines(
      `${line.code} · weight ${line.weight} · ${line.owner ? `owner ${line.owner}` : "no owner"}`,
      line.enteredAt ? `Updated ${formatDateTime(line.enteredAt)}${line.enteredBy ? ` by ${line.enteredBy}` : ""}` : null,
    ),
    value: notAvailable ? "not available" : formatValue(line.value, line),
    valueMissing: line.value === null,
    notes,
    target: line.target
      ? {
          value: formatValue(line.target.target, line),
          about: lines(thresholdsText(line, line.target), `${line.target.source === "PERSONA" ? "Persona's own target" : "KPI default target"} since ${formatDate(line.target.effectiveFrom)}`),
        }
      : null,
    score: formatScore(line.score),
    status: line.status,
    share: line.share > 0 ? `${formatShare(line.share)} of overall` : null,
    trend: sparklineOf(line.history.scores, historyText(line)),
    previous: line.previous ? lines(`${formatPeriod(line.previous.period, line.frequency)}: ${formatValue(line.previous.value, line)}`, `Δ ${formatDelta(line.valueDelta)}`) : null,
  };
}
