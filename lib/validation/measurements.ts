import Decimal from "decimal.js";
import { z } from "zod";
import type { FieldErrors } from "@/lib/errors";
import { isPeriodKey, parsePeriodKey, periodStart, type Frequency } from "@/lib/scoring/periods";
import { idSchema, optionalText } from "./common";

// Saving one value of a KPI for a persona and a period: the one schema the entry grid uses now
// and imports and the API will use later. Two parts:
//   1. saveMeasurementSchema: the shape, on its own (a finite decimal kept as an exact decimal
//      string, a period key, exactly one KPI reference, one persona reference, and a value or
//      the reason it is not available);
//   2. measurementRuleProblems(input, kpi, persona, today): what depends on the loaded KPI and
//      persona (unit bounds, the KPI's frequency, ACTIVE status, not after the current period).
//      Pure, no clock: `today` is passed in.
// Messages name the field and say what is allowed. Client components may import this module.

/** Digits after the decimal point the database keeps (numeric(20, 6)). */
export const VALUE_DECIMALS = 6;
/** Digits before the decimal point the database keeps (numeric(20, 6)). */
export const VALUE_INTEGER_DIGITS = 14;

const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?$/;
const INTEGER_LIMIT = new Decimal(10).pow(VALUE_INTEGER_DIGITS);
/** A decimal that fits numeric(20, 6) as written: sign, at most 14 digits, at most 6 decimals. */
const PLAIN_DECIMAL = new RegExp(`^(-?)(\\d{1,${VALUE_INTEGER_DIGITS}})(?:\\.(\\d{0,${VALUE_DECIMALS}}))?$`);

/** What Decimal's toFixed() writes for a plain decimal: no leading or trailing zeros, never "-0". */
function canonicalPlain(sign: string, integer: string, fraction: string): string {
  let i = 0;
  while (i < integer.length - 1 && integer.charCodeAt(i) === 48) i++;
  let f = fraction.length;
  while (f > 0 && fraction.charCodeAt(f - 1) === 48) f--;
  const whole = i === 0 ? integer : integer.slice(i);
  const text = f === 0 ? whole : `${whole}.${fraction.slice(0, f)}`;
  return sign === "" || text === "0" ? text : `-${text}`;
}

export type DecimalParse = { ok: true; value: string } | { ok: false; message: string };

/**
 * A number typed, pasted or sent as text or as a JSON number -> its exact decimal string
 * ("87.4", "-12", "0.000001"), never in exponent notation and never "-0". Refuses anything
 * that is not a finite decimal the database can store exactly.
 */
export function parseDecimal(input: unknown, label = "Value"): DecimalParse {
  if (typeof input === "string") {
    // Most cells are plain decimals ("87.40", "-3", "0012.5"): written canonically without
    // building a Decimal (an import judges 100,000 of them). Anything else takes the full path.
    const plain = PLAIN_DECIMAL.exec(input.trim());
    if (plain) return { ok: true, value: canonicalPlain(plain[1]!, plain[2]!, plain[3] ?? "") };
  }
  let decimal: Decimal;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { ok: false, message: `${label} must be a finite number.` };
    decimal = new Decimal(input);
  } else if (typeof input === "string") {
    const text = input.trim();
    if (!DECIMAL_PATTERN.test(text)) {
      return { ok: false, message: `${label} must be a number such as 12.5 or -3 (a dot for decimals, no thousands separators or units).` };
    }
    decimal = new Decimal(text);
  } else {
    return { ok: false, message: `${label} must be a number such as 12.5.` };
  }
  if (!decimal.isFinite()) return { ok: false, message: `${label} must be a finite number.` };
  if (decimal.decimalPlaces() > VALUE_DECIMALS) {
    return { ok: false, message: `${label} can have at most ${VALUE_DECIMALS} digits after the decimal point.` };
  }
  if (decimal.abs().gte(INTEGER_LIMIT)) {
    return { ok: false, message: `${label} can have at most ${VALUE_INTEGER_DIGITS} digits before the decimal point.` };
  }
  return { ok: true, value: decimal.isZero() ? "0" : decimal.toFixed() };
}

const blankToUndefined = (value: unknown) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value);

const decimalValueSchema = z.unknown().transform((input, ctx) => {
  const parsed = parseDecimal(input);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

/**
 * A period key: the first day of a month as 'YYYY-MM-DD' ('YYYY-MM' is accepted and means the
 * same month). Whether a quarterly KPI accepts it is decided with the KPI loaded.
 */
export const periodKeySchema = z
  .string({ error: "Period is required, as the first day of a month: YYYY-MM-DD (e.g. 2026-10-01)." })
  .trim()
  .transform((value) => (/^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value))
  .refine((value) => isPeriodKey(value), "Period must be the first day of a month, as YYYY-MM-DD (e.g. 2026-10-01).");

const codeSchema = (label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(64, `${label} can be at most 64 characters.`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, `${label} can hold only letters, digits, dots, dashes and underscores.`);

/** Sources a caller may name; SEED is the demo seed's own. */
export const MEASUREMENT_INPUT_SOURCES = ["MANUAL", "IMPORT", "API"] as const;

export const COMMENT_MAX = 2000;
export const REASON_MAX = 500;

export const saveMeasurementSchema = z
  .object({
    kpiId: z.preprocess(blankToUndefined, idSchema("KPI").optional()),
    kpiCode: z.preprocess(blankToUndefined, codeSchema("KPI code").optional()),
    personaId: z.preprocess(blankToUndefined, idSchema("Persona").optional()),
    personaSlug: z.preprocess(blankToUndefined, codeSchema("Persona").optional()),
    period: periodKeySchema,
    /** The value (text or number); absent when the value is not available. */
    value: z.preprocess(blankToUndefined, decimalValueSchema.optional()),
    /** Why there is no value; absent when there is one. */
    notAvailableReason: optionalText("The reason the value is not available", REASON_MAX),
    comment: optionalText("Comment", COMMENT_MAX),
    /** The version the caller edited; absent means the caller expects no value saved yet. */
    version: z.preprocess(
      (v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : blankToUndefined(v)),
      z
        .number({ error: "Version must be a whole number (the version you edited)." })
        .int("Version must be a whole number (the version you edited).")
        .min(1, "Version must be 1 or more.")
        .max(2_147_483_647, "Version is not valid.")
        .optional(),
    ),
    /** Why a saved value is changed (required then). */
    reason: optionalText("Reason for the change", REASON_MAX),
    source: z.preprocess(blankToUndefined, z.enum(MEASUREMENT_INPUT_SOURCES, { error: "Source must be MANUAL, IMPORT or API." }).default("MANUAL")),
  })
  .superRefine((input, ctx) => {
    if (input.kpiId === undefined && input.kpiCode === undefined) {
      ctx.addIssue({ code: "custom", path: ["kpiCode"], message: "Name the KPI: its code (e.g. CP-RETENTION) or its id." });
    } else if (input.kpiId !== undefined && input.kpiCode !== undefined) {
      ctx.addIssue({ code: "custom", path: ["kpiCode"], message: "Name the KPI by its code or by its id, not both." });
    }
    if (input.personaId === undefined && input.personaSlug === undefined) {
      ctx.addIssue({ code: "custom", path: ["personaSlug"], message: "Name the persona: its slug (e.g. smb-owner) or its id." });
    } else if (input.personaId !== undefined && input.personaSlug !== undefined) {
      ctx.addIssue({ code: "custom", path: ["personaSlug"], message: "Name the persona by its slug or by its id, not both." });
    }
    if (input.value === undefined && input.notAvailableReason === null) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a value, or mark it not available and say why." });
    } else if (input.value !== undefined && input.notAvailableReason !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["notAvailableReason"],
        message: "A value that is not available has no value: send a value or a reason it is not available, not both.",
      });
    }
  });

export type SaveMeasurementInput = z.input<typeof saveMeasurementSchema>;
export type SaveMeasurementData = z.output<typeof saveMeasurementSchema>;

// ───────────────────────────── Rules that need the KPI ─────────────────────────────

/** What the rules need of a KPI (Decimal columns as strings or numbers). */
export interface MeasurementKpiRules {
  code: string;
  name: string;
  status: "PROPOSED" | "ACTIVE" | "RETIRED" | "REJECTED";
  /** RETIRED only: the month it was retired in ('YYYY-MM-01'); it takes values up to that period. */
  retiredIn?: string | null;
  unit: "PERCENT" | "RATIO" | "COUNT" | "CURRENCY" | "DURATION" | "SCORE";
  measureType: "QUANTITATIVE" | "QUALITATIVE";
  scaleMin: string | number | null;
  scaleMax: string | number | null;
  frequency: Frequency;
  currencyCode?: string | null;
  durationUnit?: string | null;
}

export interface MeasurementPersonaRules {
  name: string;
  status: "DRAFT" | "ACTIVE" | "SUNSET";
}

interface Bounds {
  min: Decimal | null;
  max: Decimal | null;
  integer: boolean;
}

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);
/**
 * Bounds per KPI rules object (an import asks for the same KPI's bounds on thousands of rows),
 * kept with the fields they come from, so an object changed since is worked out again.
 */
const boundsCache = new WeakMap<MeasurementKpiRules, { from: [string, string, unknown, unknown]; bounds: Bounds }>();

function boundsOf(kpi: MeasurementKpiRules): Bounds {
  const cached = boundsCache.get(kpi);
  if (cached && cached.from[0] === kpi.measureType && cached.from[1] === kpi.unit && cached.from[2] === kpi.scaleMin && cached.from[3] === kpi.scaleMax) {
    return cached.bounds;
  }
  const bounds = computeBounds(kpi);
  boundsCache.set(kpi, { from: [kpi.measureType, kpi.unit, kpi.scaleMin, kpi.scaleMax], bounds });
  return bounds;
}

function computeBounds(kpi: MeasurementKpiRules): Bounds {
  if (kpi.measureType === "QUALITATIVE") {
    return {
      min: kpi.scaleMin === null ? null : new Decimal(kpi.scaleMin),
      max: kpi.scaleMax === null ? null : new Decimal(kpi.scaleMax),
      integer: false,
    };
  }
  switch (kpi.unit) {
    case "PERCENT":
      return { min: ZERO, max: HUNDRED, integer: false };
    case "COUNT":
      return { min: ZERO, max: null, integer: true };
    case "RATIO":
    case "DURATION":
      return { min: ZERO, max: null, integer: false };
    default:
      // CURRENCY and SCORE may be negative (a loss, a net score).
      return { min: null, max: null, integer: false };
  }
}

/** What a KPI accepts, in words: "a percentage from 0 to 100", "a whole number of 0 or more". */
export function allowedValuesText(kpi: MeasurementKpiRules): string {
  const { min, max } = boundsOf(kpi);
  if (kpi.measureType === "QUALITATIVE") {
    if (min && max) return `a score from ${min.toFixed()} to ${max.toFixed()}`;
    return "a score on the KPI's scale";
  }
  switch (kpi.unit) {
    case "PERCENT":
      return "a percentage from 0 to 100";
    case "COUNT":
      return "a whole number of 0 or more";
    case "RATIO":
      return "a ratio of 0 or more";
    case "DURATION":
      return `a duration of 0 or more${kpi.durationUnit ? ` (${kpi.durationUnit})` : ""}`;
    case "CURRENCY":
      return `an amount${kpi.currencyCode ? ` in ${kpi.currencyCode}` : ""}`;
    default:
      return "a number";
  }
}

/** Null when the value (an exact decimal string from the schema) fits the KPI, else why not. */
export function valueBoundsProblem(kpi: MeasurementKpiRules, value: string): string | null {
  const { min, max, integer } = boundsOf(kpi);
  if (min === null && max === null && !integer) return null;
  const decimal = new Decimal(value);
  const outside = (min !== null && decimal.lt(min)) || (max !== null && decimal.gt(max)) || (integer && !decimal.isInteger());
  return outside ? `${kpi.name} takes ${allowedValuesText(kpi)}; ${value} is not allowed.` : null;
}

/** The latest period a value may be entered for: the month (or quarter) that contains today. */
export function currentPeriodOf(today: Date | string, frequency: Frequency): string {
  const at = typeof today === "string" ? today : today.getTime();
  const last = lastCurrentPeriod[frequency];
  if (last?.at === at) return last.period;
  const period = periodStart(today, frequency);
  lastCurrentPeriod[frequency] = { at, period };
  return period;
}
/** The last answer of currentPeriodOf per frequency: an import asks with the same `today` for every row. */
const lastCurrentPeriod: Partial<Record<Frequency, { at: number | string; period: string }>> = {};

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function periodWords(key: string, frequency: Frequency): string {
  const { year, month } = parsePeriodKey(key);
  return frequency === "QUARTERLY" ? `Q${(month + 2) / 3} ${year}` : `${MONTH_NAMES[month - 1]} ${year}`;
}

export interface MeasurementRuleFields {
  /** The field that named the KPI (kpiCode or kpiId) and the persona (personaSlug or personaId). */
  kpi: string;
  persona: string;
}

/**
 * Field errors of a parsed input against the loaded KPI and persona, `today` being the date the
 * save happens. Empty when everything is allowed. Pure: unit-tested without a database.
 */
export function measurementRuleProblems(
  input: Pick<SaveMeasurementData, "period" | "value">,
  kpi: MeasurementKpiRules,
  persona: MeasurementPersonaRules,
  today: Date | string,
  fields: MeasurementRuleFields = { kpi: "kpiCode", persona: "personaSlug" },
): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  if (kpi.status === "RETIRED" && kpi.retiredIn) {
    // A retired KPI still counts in the period it was retired in (and before): late values are welcome there.
    const last = periodStart(kpi.retiredIn, kpi.frequency);
    if (isPeriodKey(input.period, kpi.frequency) && input.period > last) {
      add(fields.kpi, `${kpi.code} is retired: it takes values up to ${periodWords(last, kpi.frequency)}, when it was retired.`);
    }
  } else if (kpi.status !== "ACTIVE") {
    add(fields.kpi, `${kpi.code} is ${kpi.status === "PROPOSED" ? "a proposal" : kpi.status === "REJECTED" ? "a rejected proposal" : "retired"}: values can be entered only for ACTIVE KPIs.`);
  }
  if (persona.status !== "ACTIVE") {
    add(fields.persona, `${persona.name} is ${persona.status === "DRAFT" ? "a draft" : "sunset"}: values can be entered only for ACTIVE personas.`);
  }

  if (!isPeriodKey(input.period, kpi.frequency)) {
    add("period", `${kpi.code} is quarterly: the period must be the first day of a quarter (YYYY-01-01, -04-01, -07-01 or -10-01).`);
  } else {
    const current = currentPeriodOf(today, kpi.frequency);
    if (input.period > current) {
      add("period", `${periodWords(input.period, kpi.frequency)} has not started yet: values can be entered up to ${periodWords(current, kpi.frequency)}.`);
    }
  }

  if (input.value !== undefined) {
    const problem = valueBoundsProblem(kpi, input.value);
    if (problem) add("value", problem);
  }
  return errors;
}

/**
 * Why a comment is needed, or null: a qualitative KPI's score always needs one, and so does a
 * value that scores RED (what happened, what is being done). A value marked not available needs
 * none: its reason says why.
 */
export function commentRequiredProblem(
  kpi: Pick<MeasurementKpiRules, "name" | "measureType">,
  scoredStatus: "GREEN" | "AMBER" | "RED" | "NO_DATA",
  hasValue: boolean,
  comment: string | null,
): string | null {
  if (!hasValue || (comment !== null && comment.trim() !== "")) return null;
  if (kpi.measureType === "QUALITATIVE") return `${kpi.name} is qualitative: add a comment that explains the score.`;
  if (scoredStatus === "RED") return "This value is off track (red): add a comment saying what happened and what is being done.";
  return null;
}
