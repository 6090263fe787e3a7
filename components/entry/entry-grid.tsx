"use client";

import { useCallback, useRef, useState } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SaveCellResponse } from "./save-cell";
import type { EntryGridData, GridKpi, GridSaved, GridThresholds } from "@/lib/queries/entry-grid";
import { formatPeriod } from "@/lib/format";
import { makeScorer, type Status } from "@/lib/scoring";
import { commentRequiredProblem, parseDecimal, valueBoundsProblem } from "@/lib/validation/measurements";
import { CellDialog, type DialogAnswer, type DialogRequest } from "./cell-dialog";
import { describeSaved, formatSavedAt, formatSavedOn, formatValue, thresholdText } from "./format";

// The entry grid: one row per KPI, one column per persona, one input per cell. Keyboard first:
// arrows and Tab move between cells (left/right once the caret is at the edge of what was typed),
// Enter saves and moves down, Escape reverts, Alt+N marks a cell not available, and pasting
// spreadsheet cells fills the cells down (and across) from the one pasted into. A cell saves when
// it loses focus with a changed value; it shows saving / saved / error without reloading, and a
// failed save keeps what was typed.

type Phase = "idle" | "saving" | "saved" | "error";

interface CellState {
  saved: GridSaved | null;
  draft: string;
  phase: Phase;
  message: string | null;
}

type SaveAction = (request: unknown) => Promise<SaveCellResponse>;

interface Pending {
  key: string;
  request: DialogRequest;
  /** What to send once the dialog answers. */
  body: { value?: string; notAvailableReason?: string; version?: number };
  returnFocus: HTMLElement | null;
}

const keyOf = (kpiId: string, personaId: string) => `${kpiId}|${personaId}`;
const inputId = (row: number, col: number) => `entry-cell-${row}-${col}`;

function statusOf(value: string | null, thresholds: GridThresholds | null): Status {
  if (value === null || thresholds === null) return "NO_DATA";
  return makeScorer(thresholds).status(Number(value));
}

/** The typed text as the exact decimal string it stands for, or null when it is blank or not a number. */
function canonical(text: string): string | null {
  const parsed = parseDecimal(text);
  return parsed.ok ? parsed.value : null;
}

function isDirty(cell: CellState): boolean {
  const text = cell.draft.trim();
  const saved = cell.saved?.value ?? null;
  if (text === "") return saved !== null;
  if (saved === null) return true;
  return canonical(text) !== saved;
}

export function EntryGrid({ data, save }: { data: EntryGridData; save: SaveAction }) {
  const { kpis, personas } = data;
  // Rendered from state; the ref mirrors it so saves that run one after another read the latest.
  const [cells, setCells] = useState<Record<string, CellState>>(() =>
    Object.fromEntries(
      Object.entries(data.cells).map(([key, cell]) => [key, { saved: cell.saved, draft: cell.saved?.value ?? "", phase: "idle" as Phase, message: null }]),
    ),
  );
  const cellsRef = useRef(cells);
  const [pending, setPending] = useState<Pending | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // While a dialog opens from a cell, that cell's blur must not save it.
  const suppressBlur = useRef(false);

  const setCell = useCallback((key: string, patch: Partial<CellState>) => {
    const next = { ...cellsRef.current, [key]: { ...cellsRef.current[key]!, ...patch } };
    cellsRef.current = next;
    setCells(next);
  }, []);

  const place = (key: string) => {
    const [kpiId, personaId] = key.split("|") as [string, string];
    const row = kpis.findIndex((k) => k.id === kpiId);
    const col = personas.findIndex((p) => p.id === personaId);
    return { kpi: kpis[row]!, persona: personas[col]!, row, col, cell: data.cells[key]! };
  };
  const labelOf = (kpi: GridKpi, personaName: string) => `${kpi.name}, ${personaName}, ${formatPeriod(kpi.period, kpi.rules.frequency)}`;

  function focusCell(row: number, col: number): boolean {
    const el = document.getElementById(inputId(row, col)) as HTMLInputElement | null;
    if (!el) return false;
    el.focus();
    return true;
  }

  async function send(key: string, body: Record<string, unknown>, sentDraft: string, options: { fromPaste?: boolean } = {}) {
    const { kpi, persona } = place(key);
    setCell(key, { phase: "saving", message: null });
    let response: SaveCellResponse;
    try {
      response = await save({ kpiId: kpi.id, personaId: persona.id, period: kpi.period, ...body });
    } catch {
      setCell(key, { phase: "error", message: "Not saved: the server could not be reached. What you typed is kept; press Enter to try again." });
      return;
    }
    const now = cellsRef.current[key]!;
    if (response.ok) {
      // Keep anything typed into the cell while it was saving.
      const draft = now.draft === sentDraft ? (response.saved.value ?? "") : now.draft;
      setCell(key, { saved: response.saved, draft, phase: "saved", message: null });
      setAnnouncement(`Saved ${describeSaved(response.saved)}: ${labelOf(kpi, persona.name)}.`);
      return;
    }
    if (response.code === "CONFLICT") {
      setCell(key, { phase: "error", message: "Not saved: someone else saved this cell meanwhile." });
      if (options.fromPaste) return;
      openDialog(key, {
        request: {
          kind: "conflict",
          cellLabel: labelOf(kpi, persona.name),
          theirs: response.conflict,
          mine: { value: (body.value as string | undefined) ?? null, notAvailableReason: (body.notAvailableReason as string | undefined) ?? null },
          message: response.message,
          needComment: body.value !== undefined && commentRequiredProblem(kpi.rules, statusOf(body.value as string, data.cells[key]!.thresholds), true, null) !== null,
          initialComment: (body.comment as string | undefined) ?? "",
        },
        body: { value: body.value as string | undefined, notAvailableReason: body.notAvailableReason as string | undefined, version: response.conflict?.version },
      });
      return;
    }
    const first = Object.values(response.fieldErrors).flat()[0] ?? response.message;
    setCell(key, { phase: "error", message: `Not saved: ${first}` });
  }

  function openDialog(key: string, dialog: Omit<Pending, "key" | "returnFocus">) {
    suppressBlur.current = true;
    setPending({ key, ...dialog, returnFocus: document.activeElement as HTMLElement | null });
  }

  /** Saves the typed value of a cell, asking first for what the save still needs. */
  function commit(key: string, options: { fromPaste?: boolean } = {}) {
    const cell = cellsRef.current[key]!;
    if (cell.phase === "saving" || !isDirty(cell)) return;
    const { kpi, persona, cell: meta } = place(key);
    const text = cell.draft.trim();
    if (text === "") {
      setCell(key, { phase: "error", message: "A saved value cannot be emptied: type the right value, or mark it not available (Alt+N). Escape restores it." });
      return;
    }
    const parsed = parseDecimal(text);
    if (!parsed.ok) return setCell(key, { phase: "error", message: parsed.message });
    const bounds = valueBoundsProblem(kpi.rules, parsed.value);
    if (bounds) return setCell(key, { phase: "error", message: bounds });

    const status = statusOf(parsed.value, meta.thresholds);
    const commentWhy = commentRequiredProblem(kpi.rules, status, true, null);
    const needReason = cell.saved !== null;
    const version = cell.saved?.version;
    if (commentWhy || needReason) {
      if (options.fromPaste) {
        const needs = [commentWhy ? "a comment" : null, needReason ? "a reason for the change" : null].filter(Boolean);
        setCell(key, { phase: "error", message: `Needs ${needs.join(" and ")}: press Enter in this cell to add ${needs.length > 1 ? "them" : "it"}.` });
        return;
      }
      openDialog(key, {
        request: {
          kind: "details",
          cellLabel: labelOf(kpi, persona.name),
          value: formatValue(parsed.value, kpi.unitLabel),
          needComment: commentWhy !== null,
          commentWhy,
          needReason,
          previous: cell.saved,
          initialComment: cell.saved?.comment ?? "",
        },
        body: { value: parsed.value, version },
      });
      return;
    }
    // Nothing to ask: keep the saved comment as it is.
    const body: Record<string, unknown> = { value: parsed.value };
    if (cell.saved?.comment) body.comment = cell.saved.comment;
    return send(key, body, cell.draft, options);
  }

  function markNotAvailable(key: string) {
    const cell = cellsRef.current[key]!;
    const { kpi, persona } = place(key);
    openDialog(key, {
      request: {
        kind: "notAvailable",
        cellLabel: labelOf(kpi, persona.name),
        needReason: cell.saved !== null && cell.saved.value !== null,
        previous: cell.saved,
        initialReason: cell.saved?.notAvailableReason ?? "",
        initialComment: "",
      },
      body: { version: cell.saved?.version },
    });
  }

  function answer(result: DialogAnswer) {
    const current = pending;
    if (!current) return;
    closeDialog();
    const cell = cellsRef.current[current.key]!;
    if (result.choice === "keepTheirs") {
      const theirs = current.request.kind === "conflict" ? current.request.theirs : null;
      if (theirs) setCell(current.key, { saved: theirs, draft: theirs.value ?? "", phase: "idle", message: null });
      return;
    }
    const body: Record<string, unknown> = {};
    if (result.notAvailableReason !== undefined) body.notAvailableReason = result.notAvailableReason;
    else if (current.body.value !== undefined) body.value = current.body.value;
    else body.notAvailableReason = current.request.kind === "conflict" ? current.request.mine.notAvailableReason : undefined;
    if (current.body.version !== undefined) body.version = current.body.version;
    if (result.comment !== undefined && result.comment !== "") body.comment = result.comment;
    else if (result.comment === undefined && cell.saved?.comment && body.value !== undefined) body.comment = cell.saved.comment;
    if (result.reason) body.reason = result.reason;
    void send(current.key, body, cell.draft);
  }

  function closeDialog() {
    const back = pending?.returnFocus;
    setPending(null);
    // Focus goes back where it was (the cell, or the one Enter moved to) once the dialog is gone.
    requestAnimationFrame(() => {
      back?.focus();
      suppressBlur.current = false;
    });
  }

  function cancelDialog() {
    if (pending) {
      const cell = cellsRef.current[pending.key]!;
      if (isDirty(cell)) setCell(pending.key, { phase: "error", message: "Not saved yet: press Enter in this cell to save it." });
    }
    closeDialog();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>, row: number, col: number, key: string) {
    const input = event.currentTarget;
    const cell = cellsRef.current[key]!;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    if (event.altKey && (event.key === "n" || event.key === "N" || event.code === "KeyN")) {
      event.preventDefault();
      markNotAvailable(key);
      return;
    }
    switch (event.key) {
      case "Enter":
        event.preventDefault();
        // Moving away saves the cell (on blur); on the last row there is nowhere to go, so save here.
        if (!focusCell(row + 1, col)) void commit(key);
        break;
      case "Escape":
        event.preventDefault();
        setCell(key, { draft: cell.saved?.value ?? "", phase: "idle", message: null });
        // Selected, so typing replaces the restored value as it does when a cell is entered.
        requestAnimationFrame(() => input.select());
        break;
      case "ArrowDown":
        event.preventDefault();
        focusCell(row + 1, col);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusCell(row - 1, col);
        break;
      case "ArrowLeft":
        if (!isDirty(cell) || atStart) {
          if (focusCell(row, col - 1)) event.preventDefault();
        }
        break;
      case "ArrowRight":
        if (!isDirty(cell) || atEnd) {
          if (focusCell(row, col + 1)) event.preventDefault();
        }
        break;
    }
  }

  function onPaste(event: React.ClipboardEvent<HTMLInputElement>, row: number, col: number) {
    const text = event.clipboardData.getData("text/plain");
    if (!/[\t\n\r]/.test(text.trim())) return; // one value: an ordinary paste
    event.preventDefault();
    const lines = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
    const touched: string[] = [];
    lines.forEach((line, i) => {
      line.split("\t").forEach((value, j) => {
        const kpi = kpis[row + i];
        const persona = personas[col + j];
        if (!kpi || !persona) return;
        const key = keyOf(kpi.id, persona.id);
        setCell(key, { draft: value.trim(), phase: "idle", message: null });
        touched.push(key);
      });
    });
    setAnnouncement(`Pasted ${touched.length} values; saving them.`);
    // One save at a time, in order: the embedded database serves one session anyway.
    void (async () => {
      for (const key of touched) await commit(key, { fromPaste: true });
    })();
  }

  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" role="region" aria-labelledby="entry-grid-caption" tabIndex={-1}>
        <table className="min-w-full border-separate border-spacing-0 text-sm">
          <caption id="entry-grid-caption" className="sr-only">
            Values for {formatPeriod(data.month)}: one row per KPI, one column per persona
          </caption>
          <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="sticky left-0 z-20 w-28 min-w-28 border-b border-r border-slate-200 bg-slate-50 px-3 py-2 sm:w-64 sm:min-w-64">
                KPI
              </th>
              {personas.map((persona) => (
                <th key={persona.id} scope="col" className="min-w-52 border-b border-slate-200 bg-slate-50 px-3 py-2">
                  {persona.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kpis.map((kpi, row) => (
              <tr key={kpi.id} className="align-top">
                <th scope="row" className="sticky left-0 z-10 w-28 min-w-28 border-b border-r border-slate-200 bg-white px-3 py-2 text-left font-normal sm:w-64 sm:min-w-64">
                  <span className="block font-medium text-slate-900">{kpi.name}</span>
                  <span className="block text-xs text-slate-600">
                    {kpi.code}
                    <span className="hidden sm:inline"> · {kpi.scorecard}</span>
                  </span>
                  {kpi.rules.frequency === "QUARTERLY" ? (
                    <span className="mt-1 block text-xs font-medium text-brand-700">Quarterly: value for {formatPeriod(kpi.period, "QUARTERLY")}</span>
                  ) : null}
                  <span className="mt-1 hidden text-xs text-slate-600 sm:block">Takes {kpi.allowed}</span>
                </th>
                {personas.map((persona, col) => {
                  const key = keyOf(kpi.id, persona.id);
                  return (
                    <GridCellView
                      key={persona.id}
                      id={inputId(row, col)}
                      kpi={kpi}
                      label={labelOf(kpi, persona.name)}
                      state={cells[key]!}
                      meta={data.cells[key]!}
                      onChange={(draft) => setCell(key, { draft, phase: cells[key]!.phase === "saving" ? "saving" : "idle", message: null })}
                      onKeyDown={(event) => onKeyDown(event, row, col, key)}
                      onBlur={() => {
                        if (!suppressBlur.current) void commit(key);
                      }}
                      onPaste={(event) => onPaste(event, row, col)}
                      onNotAvailable={() => markNotAvailable(key)}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pending ? <CellDialog key={pending.key + pending.request.kind} request={pending.request} onAnswer={answer} onCancel={cancelDialog} /> : null}
    </>
  );
}

const TIMELINESS = {
  open: { icon: "○", label: "Missing", className: "text-slate-600" },
  due: { icon: "◔", label: "Due", className: "text-status-amber" },
  overdue: { icon: "▲", label: "Overdue", className: "text-status-red" },
} as const;

function GridCellView({
  id,
  kpi,
  label,
  state,
  meta,
  onChange,
  onKeyDown,
  onBlur,
  onPaste,
  onNotAvailable,
}: {
  id: string;
  kpi: GridKpi;
  label: string;
  state: CellState;
  meta: EntryGridData["cells"][string];
  onChange: (draft: string) => void;
  onKeyDown: (event: React.KeyboardEvent<HTMLInputElement>) => void;
  onBlur: () => void;
  onPaste: (event: React.ClipboardEvent<HTMLInputElement>) => void;
  onNotAvailable: () => void;
}) {
  const saved = state.saved;
  const dirty = isDirty(state);
  const shownValue = dirty ? canonical(state.draft) : (saved?.value ?? null);
  const status = statusOf(shownValue, meta.thresholds);
  const timeliness = TIMELINESS[kpi.timeliness];
  const previousLabel = formatPeriod(kpi.previousPeriod, kpi.rules.frequency);

  return (
    <td className="border-b border-slate-200 px-3 py-2">
      <div className="flex items-center gap-1">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          aria-label={label}
          aria-describedby={`${id}-state ${id}-meta`}
          aria-invalid={state.phase === "error" ? true : undefined}
          aria-keyshortcuts="Alt+N"
          placeholder={saved?.notAvailableReason ? "N/A" : "–"}
          value={state.draft}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
          onPaste={onPaste}
          onFocus={(event) => event.currentTarget.select()}
          className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-right tabular-nums text-slate-900 focus:border-brand-600 aria-[invalid=true]:border-status-red"
        />
        {kpi.unitLabel ? (
          <span aria-hidden="true" className="text-xs text-slate-600">
            {kpi.unitLabel}
          </span>
        ) : null}
        <button
          type="button"
          tabIndex={-1}
          onClick={onNotAvailable}
          title="Mark not available (Alt+N)"
          aria-label={`Mark not available: ${label}`}
          className="rounded-md border border-slate-300 px-1.5 py-1 text-xs text-slate-700 hover:bg-slate-100"
        >
          N/A
        </button>
      </div>
      <div id={`${id}-state`} className="mt-1 flex min-h-5 flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        {state.phase === "saving" ? (
          <span className="text-slate-700">
            <span aria-hidden="true">◌ </span>Saving…
          </span>
        ) : state.phase === "saved" && !dirty ? (
          <span className="font-medium text-status-green">
            <span aria-hidden="true">✓ </span>Saved
          </span>
        ) : state.phase === "error" ? (
          <span className="font-medium text-status-red">
            <span aria-hidden="true">⚠ </span>
            {state.message}
          </span>
        ) : dirty ? (
          <span className="text-slate-700">
            <span aria-hidden="true">● </span>Not saved yet
          </span>
        ) : null}
        {shownValue !== null && meta.thresholds ? (
          <StatusBadge status={status} />
        ) : !dirty && saved?.notAvailableReason ? (
          <span className="text-slate-700">
            <span aria-hidden="true">⊘ </span>Not available: {saved.notAvailableReason}
          </span>
        ) : !dirty && !saved ? (
          <span className={`font-medium ${timeliness.className}`}>
            <span aria-hidden="true">{timeliness.icon} </span>
            {timeliness.label}
          </span>
        ) : null}
      </div>
      <div id={`${id}-meta`} className="mt-1 space-y-0.5 text-xs text-slate-600">
        <p>{meta.thresholds ? `${thresholdText(meta.thresholds, kpi.unitLabel)}${meta.thresholds.own ? " (this persona's)" : ""}` : "No target set"}</p>
        <p>
          {previousLabel}: {meta.previous ? describeSaved(meta.previous, kpi.unitLabel) : "no value"}
        </p>
        {saved?.comment && !dirty ? <p className="line-clamp-2 italic text-slate-700">“{saved.comment}”</p> : null}
        {saved && !dirty ? (
          <p title={formatSavedAt(saved.enteredAt)}>
            {saved.enteredBy ? `${saved.enteredBy} · ` : "Saved "}
            {formatSavedOn(saved.enteredAt)}
          </p>
        ) : null}
      </div>
    </td>
  );
}
