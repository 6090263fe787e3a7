"use client";

import Link from "next/link";

// Shown when a page fails on the server. The digest lets an administrator find the error in the logs.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-status-red">Something went wrong</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">We could not show this page</h1>
      <p className="mt-2 text-slate-600">
        Try again in a moment. If it keeps failing, send your administrator this reference
        {error.digest ? (
          <>
            : <code className="rounded bg-slate-100 px-1">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Overview
        </Link>
      </div>
    </main>
  );
}
