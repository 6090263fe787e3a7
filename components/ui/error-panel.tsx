"use client";

import Link from "next/link";

/**
 * What a failed server render shows: what failed, what to do, a retry, and the digest that lets an
 * administrator find the error in the logs. Used by the error boundaries (app/error.tsx and below).
 */
export function ErrorPanel({ title, hint, digest, reset }: { title: string; hint: string; digest?: string; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-status-red/30 bg-status-red-bg px-6 py-8 text-center">
      <p className="text-sm font-semibold text-status-red">Something went wrong</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mx-auto mt-2 max-w-prose text-sm text-slate-700">
        {hint} If it keeps failing, send your administrator this reference
        {digest ? (
          <>
            : <code className="rounded bg-white px-1">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-4 flex justify-center gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Overview
        </Link>
      </div>
    </div>
  );
}
