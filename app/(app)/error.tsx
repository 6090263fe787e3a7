"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

// A signed-in page failed on the server: shown inside the shell, so the navigation stays usable.
export default function SignedInErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="We could not show this page" hint="Try again in a moment; the other screens in the menu still work." digest={error.digest} reset={reset} />;
}
