import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { KpiTable } from "@/components/scorecard/kpi-table";
import type { KpiLine } from "@/lib/queries/persona-scorecard";

// The rows are drawn by a client component from texts the table formats on the server: what a
// reader sees must come through that hand-over whole.

const scored: KpiLine = {
  id: "k1",
  code: "CX 1",
  name: "Net revenue retention",
  unit: "CURRENCY",
  currencyCode: "EUR",
  durationUnit: null,
  direction: "HIGHER_IS_BETTER",
  frequency: "MONTHLY",
  weight: 2.5,
  owner: "Olivia Owner",
  department: null,
  period: "2026-10-01",
  value: 1250.5,
  valueText: "1250.5",
  notAvailableReason: null,
  comment: "Restated",
  enteredAt: "2026-11-04T09:00:00.000Z",
  enteredBy: "Olivia Owner",
  target: { source: "PERSONA", effectiveFrom: "2026-01-01", baseline: null, target: 1300, green: 1200, red: 1000, greenHigh: null, redHigh: null, text: { target: "1300", green: "1200", red: "1000", greenHigh: null, redHigh: null } },
  score: 87.5,
  status: "GREEN",
  share: 0.125,
  due: null,
  previous: { period: "2026-09-01", value: 1200 },
  valueDelta: 50.5,
  history: { from: "2026-09-01", scores: [80, 87.5] },
};

const overdue: KpiLine = {
  ...scored,
  id: "k2",
  code: "CX 2",
  name: "Onboarding time",
  frequency: "QUARTERLY",
  period: "2026-07-01",
  value: null,
  valueText: null,
  comment: null,
  enteredAt: null,
  enteredBy: null,
  target: null,
  score: null,
  status: "NO_DATA",
  share: 0,
  due: "OVERDUE",
  previous: null,
  valueDelta: null,
  history: { from: "2025-10-01", scores: [null, null] },
};

const render = () => renderToStaticMarkup(createElement(KpiTable, { caption: "KPIs of the objective Grow", lines: [scored, overdue], month: "2026-10-01", personaSlug: "smb-owner" }));

describe("the persona scorecard's KPI table", () => {
  it("shows each row's link, value, notes, target, score, status in words, trend and previous value", () => {
    const html = render();
    const rows = html.split("<tr>").slice(2); // after the header row
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [string, string];
    expect(first).toContain('<a href="/kpis/CX%201?persona=smb-owner">Net revenue retention</a>');
    expect(first).toContain("CX 1 · weight 2.5 · owner Olivia Owner\nUpdated 4 Nov 2026, 09:00 UTC by Olivia Owner");
    expect(first).toContain("<strong>€1,250.50</strong><small>“Restated”</small>");
    expect(first).toContain("<strong>€1,300.00</strong><small>green ≥ €1,200.00, red ≤ €1,000.00\nPersona&#x27;s own target since 1 Jan 2026</small>");
    expect(first).toMatch(/<strong>88<\/strong><span class="status-badge status-green"><span aria-hidden="true">●<\/span>On track<\/span><small>13% of overall<\/small>/);
    expect(first).toContain('aria-label="Scores over the last 2 months, September 2026 to October 2026: 80, 88."');
    expect(first).toContain("<small>September 2026: €1,200.00\nΔ +50.5</small>");

    expect(second).toContain('<strong class="text-slate-500">no data</strong>');
    expect(second).toContain('<small class="font-semibold text-status-red">Q3 2026: overdue</small><small>quarterly: Q3 2026 value</small>');
    expect(second).toContain("<small>No target in force: an analyst sets one.</small>");
    expect(second).toContain("No data</span>");
    expect(second).toContain('<span class="text-xs text-slate-500">no history</span>');
    expect(second).not.toContain("<svg");
  });
});
