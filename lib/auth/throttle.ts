// Sign-in throttling rule, kept pure so it is tested without a database. The attempts
// themselves live in the SignInAttempt table, so the rule holds across several app servers.

export const THROTTLE = {
  /** Failed sign-ins for one email within `windowMs` that lock it. */
  maxFailures: 5,
  windowMs: 15 * 60_000,
  /** How long the email is refused after the failure that locked it. */
  lockMs: 15 * 60_000,
} as const;

/** How far back the attempts that can still matter go. */
export const THROTTLE_LOOKBACK_MS = THROTTLE.windowMs + THROTTLE.lockMs;

/**
 * When the email is locked until, or null when it is not locked at `now`.
 * `failures` are the failed attempts (not refused ones: those are not recorded as attempts)
 * since the last successful sign-in, in any order. A lock starts at a failure that is the
 * `maxFailures`-th within `windowMs` and lasts `lockMs` from it.
 */
export function lockedUntil(failures: readonly Date[], now: Date): Date | null {
  const times = failures.map((d) => d.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = THROTTLE.maxFailures - 1; i < times.length; i++) {
    const last = times[i]!;
    const first = times[i - (THROTTLE.maxFailures - 1)]!;
    if (last - first <= THROTTLE.windowMs) until = Math.max(until ?? 0, last + THROTTLE.lockMs);
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

/** "15 minutes", "1 minute": the wait, rounded up to whole minutes. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
