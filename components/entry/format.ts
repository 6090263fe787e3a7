import type { Thresholds } from "@/lib/scoring";
import type { GridSaved } from "@/lib/queries/entry-grid";

// Text for the entry grid: thresholds, saved values and save times. Pure; shared by its client components.

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 6 });
const savedAtFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** A stored decimal string for display (thousands separators, at most 6 decimals). */
export function formatValue(value: string, unit = ""): string {
  const n = Number(value);
  const text = Number.isFinite(n) ? numberFormat.format(n) : value;
  return unit === "%" ? `${text}%` : unit ? `${text} ${unit}` : text;
}

/** "Target 90% · green ≥ 85% · red ≤ 75%", in the KPI's direction. */
export function thresholdText(t: Thresholds, unit: string): string {
  const f = (n: number) => formatValue(String(n), unit);
  if (t.direction === "HIGHER_IS_BETTER") return `Target ${f(t.target)} · green ≥ ${f(t.green)} · red ≤ ${f(t.red)}`;
  if (t.direction === "LOWER_IS_BETTER") return `Target ${f(t.target)} · green ≤ ${f(t.green)} · red ≥ ${f(t.red)}`;
  return `Target ${f(t.target)} · green ${f(t.green)}–${f(t.greenHigh ?? t.target)} · red ≤ ${f(t.red)} or ≥ ${f(t.redHigh ?? t.target)}`;
}

export function describeSaved(saved: Pick<GridSaved, "value" | "notAvailableReason">, unit = ""): string {
  return saved.value !== null ? formatValue(saved.value, unit) : `not available (${saved.notAvailableReason ?? "no reason given"})`;
}

const savedOnFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "30 Nov 2026". */
export function formatSavedOn(iso: string): string {
  return savedOnFormat.format(new Date(iso));
}

/** "30 Nov 2026, 22:10 UTC". */
export function formatSavedAt(iso: string): string {
  return `${savedAtFormat.format(new Date(iso))} UTC`;
}
