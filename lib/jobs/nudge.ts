// "Pair re-evaluations are waiting": called after a transaction that enqueued some committed
// (see pair-requests.ts). On the embedded database the app's in-process runner listens and drains
// them at once; elsewhere (Postgres: the worker polls) nobody listens and this does nothing.
// No imports: commands call it without pulling the job runner into their module graph.

type Listener = () => void;

const holder = globalThis as unknown as { __personaScorecardPairNudge?: Listener };

export function onPairRequests(listener: Listener | undefined): void {
  holder.__personaScorecardPairNudge = listener;
}

export function nudgePairRequests(): void {
  holder.__personaScorecardPairNudge?.();
}
