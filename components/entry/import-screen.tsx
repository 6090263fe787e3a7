"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ImportResult, RowVerdict, VerdictKind } from "@/lib/validation/imports";

// The import screen: choose a CSV or XLSX file, the server checks every row (nothing written)
// and the table shows each row's verdict; "Import N rows" then writes them all in one
// transaction, or none. Upload progress is measured; the check that follows shows an
// indeterminate bar. The same file is sent again to commit (the browser keeps it), so the
// server judges the rows again at that moment.

type Phase = "idle" | "uploading" | "checking" | "checked" | "committing" | "done";

interface Answer {
  status: number;
  body: (ImportResult & { ignoredColumns?: string[] }) | { detail?: string; details?: { result?: ImportResult & { ignoredColumns?: string[] } } } | null;
}

const PAGE_SIZE = 50;
const number = new Intl.NumberFormat("en");

const LOOK: Record<VerdictKind, { label: string; icon: string; className: string }> = {
  insert: { label: "New", icon: "+", className: "bg-brand-50 text-brand-800 ring-brand-200" },
  update: { label: "Update", icon: "↻", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  unchanged: { label: "Unchanged", icon: "=", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  error: { label: "Error", icon: "✕", className: "bg-red-50 text-red-800 ring-red-300" },
};

const FILTERS: { value: "all" | VerdictKind; label: string }[] = [
  { value: "all", label: "All rows" },
  { value: "error", label: "Errors" },
  { value: "insert", label: "New" },
  { value: "update", label: "Updates" },
  { value: "unchanged", label: "Unchanged" },
];

function upload(file: File, dryRun: boolean, onProgress: (fraction: number) => void, onUploaded: () => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/entry/import/upload?dryRun=${dryRun}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onUploaded();
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error("network"));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

function describeValue(value: string | null, reason: string | null): string {
  if (value !== null) return value;
  if (reason !== null) return `not available (${reason})`;
  return "";
}

function Details({ row }: { row: RowVerdict }) {
  if (row.verdict === "error") {
    return (
      <ul className="space-y-1">
        {(row.errors ?? []).map((e, i) => (
          <li key={i}>
            <span className="font-mono text-xs font-semibold">{e.column}</span>: {e.message}
          </li>
        ))}
      </ul>
    );
  }
  if (row.verdict === "update" && row.previous) {
    const before = describeValue(row.previous.value, row.previous.notAvailableReason);
    const after = describeValue(row.value, row.not_available_reason);
    return (
      <span>
        {before === after ? "Same value" : `${before} → ${after}`}
        {row.previous.comment !== row.comment ? "; comment changes" : ""}
      </span>
    );
  }
  if (row.verdict === "unchanged") return <span className="text-slate-600">Same as saved</span>;
  return <span className="text-slate-600">New value</span>;
}

export function ImportScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<(ImportResult & { ignoredColumns?: string[] }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [filter, setFilter] = useState<"all" | VerdictKind>("all");
  const [page, setPage] = useState(0);
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // What to focus once the next render is on screen (the new summary, message or problem).
  const [focus, setFocus] = useState<{ target: "summary" | "done" | "problem"; n: number } | null>(null);
  useEffect(() => {
    if (!focus) return;
    const ref = focus.target === "summary" ? summaryRef : focus.target === "done" ? doneRef : problemRef;
    ref.current?.focus();
  }, [focus]);
  const focusNext = (target: "summary" | "done" | "problem") => setFocus((f) => ({ target, n: (f?.n ?? 0) + 1 }));

  const shown = useMemo(() => (result ? (filter === "all" ? result.rows : result.rows.filter((r) => r.verdict === filter)) : []), [result, filter]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const pageRows = shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const busy = phase === "uploading" || phase === "checking" || phase === "committing";
  const toWrite = result ? result.counts.insert + result.counts.update : 0;

  function showProblem(message: string) {
    setProblem(message);
    focusNext("problem");
  }

  async function send(dryRun: boolean) {
    if (!file) {
      showProblem("Choose a .csv or .xlsx file first.");
      return;
    }
    setProblem(null);
    setDone(null);
    setProgress(0);
    setPhase(dryRun ? "uploading" : "committing");
    let answer: Answer;
    try {
      answer = await upload(file, dryRun, setProgress, () => setPhase(dryRun ? "checking" : "committing"));
    } catch {
      setPhase(result ? "checked" : "idle");
      showProblem("The file could not be sent: check your connection and try again.");
      return;
    }
    const body = answer.body;
    if (answer.status === 200 && body && "counts" in body) {
      if (dryRun) {
        setResult(body);
        setFilter(body.counts.error > 0 ? "error" : "all");
        setPage(0);
        setPhase("checked");
        focusNext("summary");
      } else {
        const c = body.counts;
        setResult(null);
        setFile(null);
        if (inputRef.current) inputRef.current.value = "";
        setPhase("done");
        setDone(
          c.insert + c.update === 0
            ? `Nothing to import from ${body.fileName}: all ${number.format(c.unchanged)} rows match the saved values.`
            : `Imported ${body.fileName}: ${number.format(c.insert)} new, ${number.format(c.update)} updated, ${number.format(c.unchanged)} unchanged.`,
        );
        focusNext("done");
      }
      return;
    }
    const fallback = answer.status === 401 ? "Your session has ended: sign in again." : "The file could not be imported.";
    const detail = body && "detail" in body && typeof body.detail === "string" ? body.detail : fallback;
    const again = body && "details" in body ? body.details?.result : undefined;
    if (again) {
      setResult(again);
      setFilter("error");
      setPage(0);
      setPhase("checked");
    } else {
      setPhase(result ? "checked" : "idle");
    }
    showProblem(detail);
  }

  return (
    <div className="space-y-6">
      <form
        className="rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          File (.csv or .xlsx)
        </label>
        <p id="import-file-hint" className="mt-1 text-sm text-slate-600">
          Nothing is saved yet: the file is checked first and every row gets a verdict.
        </p>
        <div className="mt-2 flex flex-col gap-3 sm:flex-row sm:items-center">
          <input
            ref={inputRef}
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
            disabled={busy}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setResult(null);
              setProblem(null);
              setDone(null);
              setPhase("idle");
            }}
            className="block w-full max-w-md text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100"
          />
          <button
            type="submit"
            disabled={busy || !file}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
          >
            Check file
          </button>
        </div>
      </form>

      <div aria-live="polite" className="space-y-2">
        {phase === "uploading" || phase === "checking" || phase === "committing" ? (
          <div role="status" className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-800">
            <p className="mb-2 font-medium">
              {phase === "uploading"
                ? `Sending ${file?.name ?? "the file"}… ${Math.round(progress * 100)}%`
                : phase === "checking"
                  ? `Checking every row of ${file?.name ?? "the file"}… large files take a few seconds.`
                  : `Importing ${number.format(toWrite)} rows…`}
            </p>
            {phase === "uploading" ? (
              <progress className="h-2 w-full" max={1} value={progress} aria-label="Sending the file" />
            ) : (
              <progress className="h-2 w-full" aria-label={phase === "checking" ? "Checking the rows" : "Importing"} />
            )}
          </div>
        ) : null}
        {done ? (
          <p ref={doneRef} tabIndex={-1} role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            <span aria-hidden="true">✓ </span>
            {done}{" "}
            <Link href="/entry" className="font-medium underline">
              Back to Enter values
            </Link>
          </p>
        ) : null}
      </div>
      {problem ? (
        <p ref={problemRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {problem}
        </p>
      ) : null}

      {result ? (
        <section aria-labelledby="import-summary" className="space-y-4">
          <h2 id="import-summary" ref={summaryRef} tabIndex={-1} className="text-lg font-semibold text-slate-900">
            {result.fileName}: {number.format(result.counts.total)} rows checked
          </h2>
          <ul className="flex flex-wrap gap-2 text-sm" aria-label="Rows per verdict">
            {(["insert", "update", "unchanged", "error"] as const).map((v) => (
              <li key={v} className={`rounded-full px-3 py-1 ring-1 ring-inset ${LOOK[v].className}`}>
                <span aria-hidden="true">{LOOK[v].icon} </span>
                {LOOK[v].label}: <strong>{number.format(result.counts[v])}</strong>
              </li>
            ))}
          </ul>
          {result.ignoredColumns && result.ignoredColumns.length > 0 ? (
            <p className="text-sm text-slate-700">Ignored columns (not part of an import): {result.ignoredColumns.join(", ")}.</p>
          ) : null}

          {result.counts.error > 0 ? (
            <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
              <span aria-hidden="true">✕ </span>
              {number.format(result.counts.error)} {result.counts.error === 1 ? "row needs" : "rows need"} attention. Nothing has been imported: fix the
              file and check it again. A file is imported whole or not at all.
            </p>
          ) : toWrite === 0 ? (
            <p className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800">Every row matches the saved values: there is nothing to import.</p>
          ) : (
            <div className="flex flex-col gap-2 rounded-md border border-brand-100 bg-brand-50 p-3 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-brand-900">
                All rows are valid. Importing writes {number.format(result.counts.insert)} new and {number.format(result.counts.update)} changed values in one go;
                changed values keep their earlier value in their history, with the file name as reason.
              </p>
              <button
                type="button"
                disabled={busy}
                onClick={() => void send(false)}
                className="shrink-0 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
              >
                Import {number.format(toWrite)} {toWrite === 1 ? "row" : "rows"}
              </button>
            </div>
          )}

          <fieldset className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
            <legend className="mb-1 font-medium text-slate-800">Show</legend>
            {FILTERS.map((f) => (
              <label key={f.value} className="inline-flex items-center gap-1.5">
                <input
                  type="radio"
                  name="verdict-filter"
                  value={f.value}
                  checked={filter === f.value}
                  onChange={() => {
                    setFilter(f.value);
                    setPage(0);
                  }}
                />
                {f.label} ({number.format(f.value === "all" ? result.counts.total : result.counts[f.value])})
              </label>
            ))}
          </fieldset>

          {shown.length === 0 ? (
            <p className="text-sm text-slate-600">No rows with this verdict.</p>
          ) : (
            <>
              <ScrollRegion label="Verdict of each row" boxClassName="rounded-lg border border-slate-200 bg-white">
                <table className="min-w-full text-left text-sm">
                  <caption className="sr-only">Verdict of each row of {result.fileName}</caption>
                  <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2">Row</th>
                      <th scope="col" className="px-3 py-2">Verdict</th>
                      <th scope="col" className="px-3 py-2">Details</th>
                      <th scope="col" className="px-3 py-2">KPI</th>
                      <th scope="col" className="px-3 py-2">Persona</th>
                      <th scope="col" className="px-3 py-2">Period</th>
                      <th scope="col" className="px-3 py-2">Value</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {pageRows.map((row) => (
                      <tr key={row.rowNumber} className="align-top">
                        <th scope="row" className="px-3 py-2 font-mono text-xs font-normal text-slate-700">
                          {row.rowNumber}
                        </th>
                        <td className="px-3 py-2">
                          <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${LOOK[row.verdict].className}`}>
                            <span aria-hidden="true">{LOOK[row.verdict].icon}</span>
                            {LOOK[row.verdict].label}
                          </span>
                        </td>
                        <td className="min-w-[13rem] px-3 py-2 text-slate-800">
                          <Details row={row} />
                        </td>
                        <td className="px-3 py-2 font-mono text-xs">{row.kpi_code}</td>
                        <td className="px-3 py-2 font-mono text-xs">{row.persona_slug}</td>
                        <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{row.period}</td>
                        <td className="px-3 py-2 font-mono text-xs">{describeValue(row.value, row.not_available_reason)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              {pages > 1 ? (
                <nav aria-label="Pages of rows" className="flex items-center gap-3 text-sm">
                  <button
                    type="button"
                    disabled={page === 0}
                    onClick={() => setPage(page - 1)}
                    className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium disabled:opacity-50"
                  >
                    Previous
                  </button>
                  <span>
                    Rows {number.format(page * PAGE_SIZE + 1)}–{number.format(Math.min(shown.length, (page + 1) * PAGE_SIZE))} of {number.format(shown.length)}
                  </span>
                  <button
                    type="button"
                    disabled={page >= pages - 1}
                    onClick={() => setPage(page + 1)}
                    className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium disabled:opacity-50"
                  >
                    Next
                  </button>
                </nav>
              ) : null}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
