"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

// Shown when a page outside the signed-in shell fails on the server (signed-in pages have
// app/(app)/error.tsx, which keeps the navigation).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-24">
      <ErrorPanel title="We could not show this page" hint="Try again in a moment." digest={error.digest} reset={reset} />
    </main>
  );
}
