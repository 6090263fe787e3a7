import { describe, expect, it } from "vitest";
import { lockedUntil, minutesUntil, THROTTLE } from "@/lib/auth/throttle";

const t0 = Date.parse("2026-11-23T10:00:00Z");
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

describe("sign-in throttling rule", () => {
  it("is 5 failures in 15 minutes, then 15 minutes refused", () => {
    expect(THROTTLE).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
  });

  it("four failures do not lock", () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3)], at(3))).toBeNull();
  });

  it("the fifth failure within 15 minutes locks for 15 minutes from it", () => {
    const failures = [at(0), at(1), at(2), at(3), at(10)];
    expect(lockedUntil(failures, at(10))).toEqual(at(25));
    expect(lockedUntil(failures, at(24.99))).toEqual(at(25));
    expect(lockedUntil(failures, at(25))).toBeNull();
  });

  it("failures spread over more than 15 minutes do not lock", () => {
    expect(lockedUntil([at(0), at(4), at(8), at(12), at(16)], at(16))).toBeNull();
  });

  it("order of the input does not matter", () => {
    expect(lockedUntil([at(3), at(0), at(2), at(1), at(4)], at(5))).toEqual(at(19));
  });

  it("after a lock ends, a new failure alone does not lock again", () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3), at(4), at(20)], at(20))).toBeNull();
  });

  it("rounds the wait up to whole minutes, at least one", () => {
    expect(minutesUntil(at(15), at(0))).toBe(15);
    expect(minutesUntil(at(14.2), at(0))).toBe(15);
    expect(minutesUntil(at(0.01), at(0))).toBe(1);
  });
});
