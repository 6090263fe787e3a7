import type { Timing } from "./timing";

// What measure.ts reports to screens.ts: one line on stdout, this prefix, then JSON.

export const RESULT_PREFIX = "SCREEN-RESULT ";

export interface ScreenResult {
  screen: "overview" | "persona";
  readModel: Timing;
  floor: Timing;
  floorRows: number;
}
