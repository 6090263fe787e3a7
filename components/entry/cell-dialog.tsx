"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { GridSaved } from "@/lib/queries/entry-grid";
import { COMMENT_MAX, REASON_MAX } from "@/lib/validation/measurements";
import { describeSaved, formatSavedAt } from "./format";

// The one dialog of the entry grid: what a save still needs (a comment for a RED or qualitative
// value, a reason for changing a saved one), "not available" with its reason, and a conflict with
// another person's save. A modal <dialog> (the rest of the page is inert), labelled by its
// heading, with Tab kept inside it; Escape or Cancel closes it and the cell keeps what was typed.

export type DialogRequest =
  | {
      kind: "details";
      cellLabel: string;
      value: string;
      needComment: boolean;
      commentWhy: string | null;
      needReason: boolean;
      previous: GridSaved | null;
      initialComment: string;
    }
  | { kind: "notAvailable"; cellLabel: string; needReason: boolean; previous: GridSaved | null; initialReason: string; initialComment: string }
  | {
      kind: "conflict";
      cellLabel: string;
      theirs: GridSaved | null;
      mine: { value: string | null; notAvailableReason: string | null };
      message: string;
      needComment: boolean;
      initialComment: string;
    };

export interface DialogAnswer {
  choice: "save" | "keepTheirs";
  comment?: string;
  reason?: string;
  notAvailableReason?: string;
}

const fieldClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-status-red";

export function CellDialog({ request, onAnswer, onCancel }: { request: DialogRequest; onAnswer: (answer: DialogAnswer) => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>("textarea, input, button[type=submit]")?.focus();
    return () => dialog.close();
  }, []);

  // Keep Tab inside the dialog (the browser's own modal handling lets it reach the address bar).
  function trapTab(event: React.KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const focusable = [...(ref.current?.querySelectorAll<HTMLElement>("textarea, input, button, select") ?? [])].filter((el) => !el.hasAttribute("disabled"));
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  const needComment = request.kind === "details" || request.kind === "conflict" ? request.needComment : false;
  const needReason = request.kind === "conflict" ? request.theirs !== null : request.needReason;
  const showComment = request.kind !== "notAvailable" || request.initialComment !== "";

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const found: Record<string, string> = {};
    if (needComment && text("comment") === "") found.comment = "Add a comment: what happened, and what is being done.";
    if (needReason && text("reason") === "") found.reason = "Say why the saved value changes.";
    if (request.kind === "notAvailable" && text("notAvailableReason") === "") found.notAvailableReason = "Say why the value is not available.";
    setErrors(found);
    if (Object.keys(found).length > 0) {
      ref.current?.querySelector<HTMLElement>(`[name="${Object.keys(found)[0]}"]`)?.focus();
      return;
    }
    onAnswer({
      choice: "save",
      comment: showComment ? text("comment") : undefined,
      reason: needReason ? text("reason") : undefined,
      notAvailableReason: request.kind === "notAvailable" ? text("notAvailableReason") : undefined,
    });
  }

  const title =
    request.kind === "details"
      ? needComment
        ? "Add a comment before saving"
        : "Why does this value change?"
      : request.kind === "notAvailable"
        ? "Mark the value not available"
        : "Someone else saved this value";

  const field = (name: string, label: string, multiline: boolean, max: number, initial: string, required: boolean, hint?: string) => (
    <div className="mt-4">
      <label htmlFor={`${id}-${name}`} className="text-sm font-medium text-slate-800">
        {label}
        {required ? <span className="font-normal text-slate-500"> (required)</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-${name}-hint`} className="mt-0.5 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea
          id={`${id}-${name}`}
          name={name}
          rows={3}
          maxLength={max}
          defaultValue={initial}
          required={required}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={[hint ? `${id}-${name}-hint` : null, errors[name] ? `${id}-${name}-error` : null].filter(Boolean).join(" ") || undefined}
          className={fieldClass}
        />
      ) : (
        <input
          id={`${id}-${name}`}
          name={name}
          type="text"
          maxLength={max}
          defaultValue={initial}
          required={required}
          autoComplete="off"
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={[hint ? `${id}-${name}-hint` : null, errors[name] ? `${id}-${name}-error` : null].filter(Boolean).join(" ") || undefined}
          className={fieldClass}
        />
      )}
      <div id={`${id}-${name}-error`} aria-live="polite" className="text-sm text-status-red">
        {errors[name] ? (
          <p className="mt-1 flex gap-1">
            <span aria-hidden="true">⚠</span>
            <span>{errors[name]}</span>
          </p>
        ) : null}
      </div>
    </div>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onKeyDown={trapTab}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} noValidate className="p-5">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={`${id}-description`} className="mt-1 text-sm text-slate-700">
          <p>{request.cellLabel}</p>
          {request.kind === "details" ? (
            <p className="mt-1">
              New value: <strong className="tabular-nums">{request.value}</strong>
              {request.previous ? <> (saved: {describeSaved(request.previous)})</> : null}
              {request.commentWhy ? <span className="mt-1 block">{request.commentWhy}</span> : null}
            </p>
          ) : null}
          {request.kind === "notAvailable" && request.previous ? <p className="mt-1">Saved now: {describeSaved(request.previous)}</p> : null}
        </div>

        {request.kind === "conflict" ? (
          <div className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
            <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Their value</p>
              <p className="mt-1 font-medium tabular-nums">{request.theirs ? describeSaved(request.theirs) : "Removed"}</p>
              {request.theirs ? (
                <p className="mt-1 text-xs text-slate-600">
                  Saved by {request.theirs.enteredBy ?? "someone"}, {formatSavedAt(request.theirs.enteredAt)}
                </p>
              ) : null}
              {request.theirs?.comment ? <p className="mt-1 text-xs text-slate-600">“{request.theirs.comment}”</p> : null}
            </div>
            <div className="rounded-md border border-slate-200 p-3">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Your value</p>
              <p className="mt-1 font-medium tabular-nums">{request.mine.value ?? `Not available (${request.mine.notAvailableReason})`}</p>
            </div>
          </div>
        ) : null}

        {request.kind === "notAvailable"
          ? field("notAvailableReason", "Why is it not available?", false, REASON_MAX, request.initialReason, true, "For example: the billing export failed.")
          : null}
        {showComment && request.kind !== "notAvailable"
          ? field("comment", "Comment", true, COMMENT_MAX, request.initialComment, needComment, needComment ? "What happened, and what is being done." : undefined)
          : null}
        {needReason ? field("reason", "Reason for the change", false, REASON_MAX, "", true, "For example: corrected source data.") : null}

        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
            Cancel
          </button>
          {request.kind === "conflict" ? (
            <button
              type="button"
              onClick={() => onAnswer({ choice: "keepTheirs" })}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              Keep theirs
            </button>
          ) : null}
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {request.kind === "conflict" ? "Overwrite with mine" : request.kind === "notAvailable" ? "Mark not available" : "Save"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
