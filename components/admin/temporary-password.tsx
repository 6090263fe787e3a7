"use client";

import { useState } from "react";

/** A temporary password, shown once after it is issued. */
export function TemporaryPassword({ email, password }: { email: string; password: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <div className="mt-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">
      <p>
        Temporary password for <strong className="break-all">{email}</strong>:
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="temporary-password" className="rounded bg-white px-2 py-1 font-mono text-base tracking-wide ring-1 ring-slate-300">
          {password}
        </code>
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(password).then(
              () => setCopied("copied"),
              () => setCopied("failed"),
            )
          }
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100"
        >
          Copy
        </button>
        <span role="status" className="text-xs text-slate-600">
          {copied === "copied" ? "Copied." : copied === "failed" ? "Could not copy: select the text instead." : ""}
        </span>
      </div>
      <p className="mt-2 text-xs text-slate-600">
        It is shown only this once and is not stored. Give it to the user in person or through a secure channel; they will be asked to choose
        their own password after signing in.
      </p>
    </div>
  );
}
