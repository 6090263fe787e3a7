"use client";

import { useFormStatus } from "react-dom";

const tones = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "border border-status-red/50 bg-white text-status-red hover:bg-status-red-bg disabled:opacity-60",
};

/** A submit button that says it is working while its form is pending (aria-disabled keeps it focusable). */
export function SubmitButton({
  children,
  pendingLabel,
  tone = "primary",
  pending: pendingProp,
}: {
  children: React.ReactNode;
  pendingLabel: string;
  tone?: keyof typeof tones;
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium ${tones[tone]}`}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
