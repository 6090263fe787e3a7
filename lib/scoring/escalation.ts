export const DEFAULT_ESCALATION_STEP = 3;

/** 0 below n consecutive breaches, 1 from n, 2 from 2n, 3 from 3n on. */
export function escalationLevel(streakLength: number, n: number = DEFAULT_ESCALATION_STEP): 0 | 1 | 2 | 3 {
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`Invalid escalation step ${String(n)}: must be a positive integer`);
  if (!(streakLength >= n)) return 0; // also catches NaN
  if (streakLength < 2 * n) return 1;
  if (streakLength < 3 * n) return 2;
  return 3;
}
