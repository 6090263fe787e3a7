"use client";

import Link from "next/link";

// The map's data or layout failed on the server. Retrying often helps (a database hiccup); the
// digest lets an administrator find the error in the logs.
export default function StrategyMapError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-status-red/30 bg-status-red-bg px-6 py-8 text-center">
      <h2 className="text-lg font-semibold text-slate-900">The strategy map could not be loaded</h2>
      <p className="mx-auto mt-2 max-w-prose text-sm text-slate-700">
        Try again in a moment. If it keeps failing, the overview still shows each persona&apos;s scores; send your administrator this reference
        {error.digest ? (
          <>
            : <code className="rounded bg-white px-1">{error.digest}</code>
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
