"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

// The map's data or layout failed on the server. Retrying often helps (a database hiccup).
export default function StrategyMapError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPanel
      title="The strategy map could not be loaded"
      hint="Try again in a moment. The overview still shows each persona's scores."
      digest={error.digest}
      reset={reset}
    />
  );
}
