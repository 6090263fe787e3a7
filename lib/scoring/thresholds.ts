import type { Direction, Thresholds } from "./types";

export const DIRECTIONS: readonly Direction[] = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"];

export type ThresholdsCheck =
  | { ok: true }
  | { ok: false; field: keyof Thresholds; message: string };

/** Thrown by the scorer for thresholds that break the ordering rules; `field` names the culprit. */
export class InvalidThresholdsError extends Error {
  readonly field: keyof Thresholds;
  constructor(field: keyof Thresholds, message: string) {
    super(`Invalid thresholds (${field}): ${message}`);
    this.name = "InvalidThresholdsError";
    this.field = field;
  }
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

function fail(field: keyof Thresholds, message: string): ThresholdsCheck {
  return { ok: false, field, message };
}

/**
 * Checks the ordering rules of docs in index.ts. The zod schemas call this so that invalid
 * thresholds are rejected before they are stored; the scorer calls it so they never score.
 * greenHigh/redHigh are ignored (may be absent or null) unless the direction is TARGET_RANGE.
 */
export function validateThresholds(t: Thresholds): ThresholdsCheck {
  if (t === null || typeof t !== "object") return fail("direction", "thresholds are required");
  const { direction, target, green, red } = t;
  if (!DIRECTIONS.includes(direction)) {
    return fail("direction", `direction must be one of ${DIRECTIONS.join(", ")}, got ${String(direction)}`);
  }
  if (!isFiniteNumber(target)) return fail("target", "target must be a finite number");
  if (!isFiniteNumber(green)) return fail("green", "green must be a finite number");
  if (!isFiniteNumber(red)) return fail("red", "red must be a finite number");

  if (direction === "HIGHER_IS_BETTER") {
    if (!(red < green)) return fail("red", `red (${red}) must be below green (${green}) when higher is better`);
    if (!(green <= target)) {
      return fail("green", `green (${green}) must be at or below target (${target}) when higher is better`);
    }
    return spanCheck(target - red, "red");
  }
  if (direction === "LOWER_IS_BETTER") {
    if (!(red > green)) return fail("red", `red (${red}) must be above green (${green}) when lower is better`);
    if (!(green >= target)) {
      return fail("green", `green (${green}) must be at or above target (${target}) when lower is better`);
    }
    return spanCheck(red - target, "red");
  }
  const { greenHigh, redHigh } = t;
  if (!isFiniteNumber(greenHigh)) return fail("greenHigh", "greenHigh is required for a target range and must be a finite number");
  if (!isFiniteNumber(redHigh)) return fail("redHigh", "redHigh is required for a target range and must be a finite number");
  if (!(red < green)) return fail("red", `red (${red}) must be below green (${green})`);
  if (!(green <= target)) return fail("target", `target (${target}) must be at or above green (${green})`);
  if (!(target <= greenHigh)) return fail("target", `target (${target}) must be at or below greenHigh (${greenHigh})`);
  if (!(greenHigh < redHigh)) return fail("redHigh", `redHigh (${redHigh}) must be above greenHigh (${greenHigh})`);
  return spanCheck(redHigh - red, "redHigh");
}

// Spans are divided by; one that overflows to Infinity would turn scores into NaN.
function spanCheck(span: number, field: keyof Thresholds): ThresholdsCheck {
  return Number.isFinite(span) ? { ok: true } : fail(field, "thresholds are too far apart to score");
}

export function assertValidThresholds(t: Thresholds): void {
  const check = validateThresholds(t);
  if (!check.ok) throw new InvalidThresholdsError(check.field, check.message);
}
