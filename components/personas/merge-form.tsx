"use client";

import { useState } from "react";
import { CommitButton, PreviewButton, PreviewMessages } from "@/components/forms/preview-controls";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ActionState } from "@/lib/commands/action-state";
import { formatPeriod, formatValue } from "@/lib/format";
import type { MergePreview } from "@/lib/queries/persona-merge";
import type { ConflictRow } from "@/lib/commands/personas/move-values";
import { describeCorrelation } from "@/lib/scoring/correlation";
import { KIND_LABELS } from "./labels";
import { ConflictRuleFields, PersonaPicker, ReasonField, usePreviewForm } from "./preview-form";

// Merging persona A into persona B: choose B and the rule for conflicting values, "Preview merge"
// plans it on the server (how alike the two are, and exactly what moves), then a rationale and
// "Merge" commit it. The commit sends the preview's counts and versions: if anything changed
// since, it is refused and asks for a new preview.

export type MergeState = ActionState<{ preview: MergePreview }>;

const RULES = [
  { value: "KEEP_TARGET", label: "Keep the value of the persona merged into", hint: "The merged persona's value is discarded (its last state stays in the audit log)." },
  { value: "KEEP_SOURCE", label: "Keep the merged persona's value", hint: "It replaces the other value, which is kept as a revision with your rationale." },
  { value: "AVERAGE", label: "Weighted average", hint: "Share × merged value + (1 − share) × the other; whole numbers for counts. A value marked not available leaves the other." },
] as const;

const rFormat = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });

export function MergeForm({
  action,
  persona,
  candidates,
}: {
  action: (state: MergeState, formData: FormData) => Promise<MergeState>;
  persona: { id: string; name: string };
  candidates: { id: string; name: string }[];
}) {
  const [target, setTarget] = useState("");
  const [rule, setRule] = useState<string>("KEEP_TARGET");
  const [share, setShare] = useState("50");
  const [rationale, setRationale] = useState("");
  const choiceKey = JSON.stringify({ target, rule, share: rule === "AVERAGE" ? share : "" });
  const form = usePreviewForm(action, { prefix: "merge", choiceKey, previewOf: (data) => data.preview });
  const { pending, submit, preview, fresh } = form;
  const targetName = candidates.find((c) => c.id === target)?.name ?? "the other persona";

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={`Merge ${persona.name} into another persona`}>
      <input type="hidden" name="personaId" value={persona.id} />
      <PersonaPicker
        form={form}
        label={`Merge ${persona.name} into`}
        hint={`An active persona. It keeps its name and everything it has; ${persona.name} becomes sunset, “merged into” it.`}
        personas={candidates}
        value={target}
        onChange={setTarget}
      />
      <ConflictRuleFields
        form={form}
        legend="When both have a value for the same KPI and period"
        rules={RULES}
        rule={rule}
        onRule={setRule}
        share={share}
        onShare={setShare}
        shareLabel={`Share of ${persona.name}'s value (%)`}
        shareHint={`0–100, such as its share of the merged customers. ${targetName}'s value gets the rest.`}
      />

      <PreviewMessages form={form} showOk={fresh} stale="The choice changed since the preview: preview again before merging." />

      <PreviewButton pending={pending} label="Preview merge" />

      {preview && fresh ? (
        <>
          <PreviewPanel preview={preview} />
          <input type="hidden" name="version" value={preview.a.version} />
          <input type="hidden" name="targetVersion" value={preview.b.version} />
          <input type="hidden" name="expected" value={preview.plan.expected} />
          <ReasonField
            form={form}
            name="rationale"
            label="Rationale"
            hint={`Required: why these personas are one, such as “the 2026 segmentation study found no difference”. Kept in ${preview.a.name}'s timeline and with every moved value.`}
            rows={3}
            value={rationale}
            onChange={setRationale}
          />
          <CommitButton intent="merge" pending={pending} destructive>
            Merge {preview.a.name} into {preview.b.name}
          </CommitButton>
        </>
      ) : null}
    </form>
  );
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

function PreviewPanel({ preview }: { preview: MergePreview }) {
  const { a, b, plan, attributes, correlation } = preview;
  const m = plan.measurements;
  const moved = plan.targets.filter((t) => !t.conflict);
  const dropped = plan.targets.filter((t) => t.conflict);
  return (
    <div className="space-y-5">
      <section aria-labelledby="alike-heading" className="rounded-md border border-slate-200 p-3">
        <h3 id="alike-heading" className="text-sm font-semibold text-slate-900">
          How alike are they?
        </h3>
        <p className="mt-1 text-sm text-slate-800">
          Attributes: <strong>{attributes.shared}</strong> shared, {attributes.differing} with different values, {attributes.onlyA} only {a.name}, {attributes.onlyB} only {b.name}.
        </p>
        <p className="mt-1 text-sm text-slate-800">
          KPI histories over the last {correlation.periods} periods:{" "}
          {correlation.overall === null ? (
            <strong>not enough common history to compare</strong>
          ) : (
            <>
              <strong>r = {rFormat.format(correlation.overall)}</strong> ({describeCorrelation(correlation.overall)}), over {plural(correlation.kpisUsed, "KPI")}
            </>
          )}
          .
        </p>
        <p className="mt-1 text-xs text-slate-600">
          r is Pearson&apos;s correlation of the two personas&apos; values per KPI (periods where both have a number; at least 4); the overall figure averages the KPIs&apos; r
          by Fisher&apos;s z, weighted by their number of periods. 1 moves together, 0 unrelated, −1 opposite.
        </p>
        {attributes.rows.length > 0 ? (
          <ScrollRegion label="Attributes of both personas" className="mt-2">
            <table className="w-full min-w-[30rem] text-left text-sm">
              <caption className="sr-only">Attributes of both personas, by kind and label</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-700">
                  <th scope="col" className="py-1 pr-3 font-medium">Attribute</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{a.name}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{b.name}</th>
                  <th scope="col" className="py-1 font-medium">Same?</th>
                </tr>
              </thead>
              <tbody>
                {attributes.rows.map((r) => (
                  <tr key={`${r.kind}-${r.label}`} className="border-b border-slate-100">
                    <th scope="row" className="py-1 pr-3 font-normal text-slate-900">
                      <span className="text-xs text-slate-600">{KIND_LABELS[r.kind]}</span> {r.label}
                    </th>
                    <td className="py-1 pr-3">{r.a ?? "–"}</td>
                    <td className="py-1 pr-3">{r.b ?? "–"}</td>
                    <td className="py-1">{r.same ? "✓ same" : r.a && r.b ? "differs" : "one only"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
        {correlation.perKpi.length > 0 ? (
          <ScrollRegion label="Correlation per KPI" className="mt-2">
            <table className="w-full min-w-[26rem] text-left text-sm">
              <caption className="sr-only">Correlation of the two personas&apos; KPI histories, per KPI</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-700">
                  <th scope="col" className="py-1 pr-3 font-medium">KPI</th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">Common periods</th>
                  <th scope="col" className="py-1 font-medium">Correlation</th>
                </tr>
              </thead>
              <tbody>
                {correlation.perKpi.map((k) => (
                  <tr key={k.kpiId} className="border-b border-slate-100">
                    <th scope="row" className="py-1 pr-3 font-normal text-slate-900">
                      {k.name} <span className="text-xs text-slate-600">{k.code}</span>
                    </th>
                    <td className="py-1 pr-3 text-right tabular-nums">{k.n}</td>
                    <td className="py-1">
                      {k.r === null ? (k.reason === "NO_SPREAD" ? "no spread (a flat series)" : "too few common periods") : `${rFormat.format(k.r)} (${describeCorrelation(k.r)})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
      </section>

      <section aria-labelledby="moves-heading" className="rounded-md border border-slate-200 p-3">
        <h3 id="moves-heading" className="text-sm font-semibold text-slate-900">
          What moves into {b.name}
        </h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>
            <strong>{plural(m.total, "value")}</strong> of {a.name}: {plural(m.moving, "value")} move as they are (with {plural(m.revisionsMoving, "earlier revision")});{" "}
            {plural(m.conflicts, "conflict")} with values {b.name} already has
            {m.conflicts > 0 ? `, of which ${m.overwritten} change ${b.name}'s value (each keeps a revision)` : ""}.
          </li>
          <li>
            Targets: {plural(moved.length, "target row")} of {a.name} move to {b.name} (KPIs where {b.name} has no target of its own: it then follows {a.name}&apos;s instead of the
            KPI default); {plural(dropped.length, "row")} dropped where {b.name} has its own (B&apos;s targets stay in force).
          </li>
          <li>
            Weights:{" "}
            {plan.weights.length === 0
              ? `${a.name} has no weight in force, so no weight changes.`
              : plan.weights.map((w) => `${w.scorecardName}: ${b.name} ${w.bWeight ?? 0} + ${a.name} ${w.aWeight} = ${w.newWeight} from ${formatPeriod(plan.mergeMonth)}`).join("; ") +
                ". Earlier months keep their weights."}
          </li>
          <li>
            Open escalations of {a.name}: {plan.escalations.length === 0 ? "none." : `${plan.escalations.map((e) => e.kpiCode).join(", ")}: resolved with a note; ${b.name}'s escalations of the moved KPIs are judged again.`}
          </li>
          <li>
            {a.name} becomes <strong>sunset, merged into {b.name}</strong>: it counts in months before {formatPeriod(plan.mergeMonth)} only, and its history now belongs to {b.name}.
          </li>
        </ul>
        {m.conflictRows.length > 0 ? <ConflictTable rows={m.conflictRows} total={m.conflicts} sourceName={a.name} destinationName={b.name} /> : null}
        {dropped.length > 0 ? (
          <p className="mt-2 text-sm text-slate-800">
            Target rows dropped: {dropped.map((t) => `${t.kpiCode} from ${formatPeriod(t.effectiveFrom)}${t.samePeriod ? " (same month as one of B's)" : ""}`).join(", ")}.
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function ConflictTable({ rows, total, sourceName, destinationName }: { rows: ConflictRow[]; total: number; sourceName: string; destinationName: string }) {
  const show = (value: number | null, na: string | null, row: ConflictRow) => (value === null ? `not available${na ? ` (${na})` : ""}` : formatValue(value, row));
  return (
    <div className="mt-3">
      <h4 className="text-sm font-semibold text-slate-900">
        Conflicts{total > rows.length ? ` (first ${rows.length} of ${total})` : ""}
      </h4>
      <ScrollRegion label="Conflicting values">
        <table className="w-full min-w-[34rem] text-left text-sm">
          <caption className="sr-only">Values both personas have for the same KPI and period, and the value kept under the chosen rule</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-1 pr-3 font-medium">KPI and period</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">{sourceName}</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">{destinationName}</th>
              <th scope="col" className="py-1 text-right font-medium">Kept</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kpiId}-${r.period}`} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal text-slate-900">
                  {r.kpiCode} <span className="text-slate-600">{formatPeriod(r.period, r.frequency)}</span>
                </th>
                <td className="py-1 pr-3 text-right tabular-nums">{show(r.source, r.sourceNotAvailable, r)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{show(r.destination, r.destinationNotAvailable, r)}</td>
                <td className="py-1 text-right tabular-nums">
                  {show(r.result, r.resultNotAvailable, r)} <span className="text-xs text-slate-600">{r.changes ? "(changed)" : "(unchanged)"}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
