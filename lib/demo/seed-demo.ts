import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { DbClient, PrismaClient } from "@/lib/db";
import { env as currentEnv, isProductionDatabase, type Env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Frequency } from "@/lib/generated/prisma/enums";
import {
  addPeriods,
  effectiveAt,
  nextPeriod,
  parsePeriodKey,
  periodStart,
  periodToDate,
  periodsBetween,
} from "@/lib/scoring/periods";
import { validateThresholds } from "@/lib/scoring/thresholds";
import {
  BREACH_SCENARIOS,
  DEFAULT_DEMO_END_PERIOD,
  DEMO_HISTORY_MONTHS,
  DEMO_PASSWORD,
  DEPARTMENTS,
  GAPS,
  PERSONAS,
  SCORECARDS,
  USERS,
  type DemoUserEmail,
  type KpiSpec,
  type PersonaSlug,
  type PersonaSpec,
  type ScorecardSpec,
  type TargetSpec,
} from "./catalogue";
import { npsComment, randomFor, walkSeries } from "./random-walk";

// Writes the demo catalogue into the database. First a pure plan (every row by natural key,
// values from the seeded random walk), then one transaction that brings the database in line
// with it: upserts by natural key, bulk inserts for what is missing, updates only for rows
// that differ. Seeding twice therefore writes nothing the second time and keeps every id.

export interface SeedSummary {
  departments: number;
  users: number;
  personas: number;
  personaAttributes: number;
  personaWeights: number;
  scorecards: number;
  perspectives: number;
  objectives: number;
  objectiveLinks: number;
  kpis: number;
  targets: number;
  measurements: number;
}

export interface SeedDemoOptions {
  /** Last period with data ('YYYY-MM-01'); the history covers the 24 months ending with it. */
  endPeriod?: string;
}

export class DemoSeedRefusedError extends Error {
  constructor() {
    super(
      "Refusing to seed demo data: NODE_ENV is production and DATABASE_URL is set, so this looks like a production database. " +
        `The demo data adds accounts with the well-known password "${DEMO_PASSWORD}". ` +
        "Set ALLOW_DEMO_SEED=true if you really want demo data in this database.",
    );
    this.name = "DemoSeedRefusedError";
  }
}

/** Throws unless demo data may be written: never into a production database unless asked. */
export function assertDemoSeedAllowed(env: Env = currentEnv()): void {
  if (isProductionDatabase(env) && !env.ALLOW_DEMO_SEED) throw new DemoSeedRefusedError();
}

// ───────────────────────────── The plan (pure) ─────────────────────────────

interface DemoCalendar {
  start: string;
  end: string;
  /** The month `n` months before the end period. */
  monthsBeforeEnd(n: number): string;
}

function demoCalendar(endPeriod: string): DemoCalendar {
  parsePeriodKey(endPeriod, "MONTHLY");
  return {
    start: addPeriods(endPeriod, "MONTHLY", 1 - DEMO_HISTORY_MONTHS),
    end: endPeriod,
    monthsBeforeEnd: (n) => addPeriods(endPeriod, "MONTHLY", -n),
  };
}

interface PlannedKpi {
  spec: KpiSpec;
  scorecard: ScorecardSpec;
  perspective: string;
}

interface PlannedTarget {
  kpi: string;
  persona: PersonaSlug | null;
  effectiveFrom: string;
  baseline: number | null;
  target: number;
  green: number;
  red: number;
  greenHigh: number | null;
  redHigh: number | null;
  rationale: string;
}

interface PlannedMeasurement {
  kpi: string;
  persona: PersonaSlug;
  period: string;
  value: string;
  comment: string | null;
  enteredBy: DemoUserEmail;
  enteredAt: Date;
}

export interface DemoPlan {
  calendar: DemoCalendar;
  kpis: PlannedKpi[];
  targets: PlannedTarget[];
  measurements: PlannedMeasurement[];
}

/** Who sets targets and thresholds in the demo. */
const TARGET_SETTER: DemoUserEmail = "analyst@demo.test";

function allKpis(): PlannedKpi[] {
  return SCORECARDS.flatMap((scorecard) =>
    scorecard.perspectives.flatMap((perspective) => perspective.kpis.map((spec) => ({ spec, scorecard, perspective: perspective.name }))),
  );
}

/** Personas that have history: DRAFT ones are not measured yet. */
function measuredPersonas(): PersonaSpec[] {
  return PERSONAS.filter((p) => p.status !== "DRAFT");
}

/** A SUNSET persona's history stops at its sunset; everyone else runs to the end period. */
function seriesPeriods(calendar: DemoCalendar, frequency: Frequency, persona: PersonaSpec): string[] {
  const stop = persona.status === "SUNSET" ? calendar.monthsBeforeEnd(persona.statusSinceMonthsBeforeEnd) : null;
  return periodsBetween(calendar.start, calendar.end, frequency).filter((p) => p >= calendar.start && (stop === null || p < stop));
}

function firstPeriod(calendar: DemoCalendar, frequency: Frequency): string {
  const first = periodsBetween(calendar.start, calendar.end, frequency).find((p) => p >= calendar.start);
  if (!first) throw new Error(`No ${frequency} period between ${calendar.start} and ${calendar.end}`);
  return first;
}

function plannedTarget(kpi: KpiSpec, persona: PersonaSlug | null, effectiveFrom: string, t: TargetSpec): PlannedTarget {
  const row: PlannedTarget = {
    kpi: kpi.code,
    persona,
    effectiveFrom,
    baseline: t.baseline ?? null,
    target: t.target,
    green: t.green,
    red: t.red,
    greenHigh: kpi.direction === "TARGET_RANGE" ? (t.greenHigh ?? null) : null,
    redHigh: kpi.direction === "TARGET_RANGE" ? (t.redHigh ?? null) : null,
    rationale: t.rationale,
  };
  // A catalogue typo must fail here, not as a 500 on a dashboard.
  const check = validateThresholds({
    direction: kpi.direction,
    target: row.target,
    green: row.green,
    red: row.red,
    greenHigh: row.greenHigh ?? undefined,
    redHigh: row.redHigh ?? undefined,
  });
  if (!check.ok) throw new Error(`Demo target ${kpi.code}/${persona ?? "default"}/${effectiveFrom}: ${check.message}`);
  return row;
}

function planTargets(calendar: DemoCalendar, kpis: PlannedKpi[]): PlannedTarget[] {
  return kpis.flatMap(({ spec }) => {
    const from = firstPeriod(calendar, spec.frequency);
    const rows = [plannedTarget(spec, null, from, spec.target)];
    for (const [slug, t] of Object.entries(spec.personaTargets ?? {}) as Array<[PersonaSlug, TargetSpec]>) {
      rows.push(plannedTarget(spec, slug, from, t));
    }
    for (const change of spec.targetChanges ?? []) {
      const period = periodStart(calendar.monthsBeforeEnd(change.monthsBeforeEnd), spec.frequency);
      rows.push(plannedTarget(spec, change.persona ?? null, period, change));
    }
    return rows;
  });
}

/** The row in force: the persona's own latest on or before the period, else the default's. */
function targetInForce(targets: PlannedTarget[], kpi: string, persona: PersonaSlug, period: string): PlannedTarget {
  const rows = targets.filter((t) => t.kpi === kpi);
  const found = effectiveAt(rows.filter((t) => t.persona === persona), period) ?? effectiveAt(rows.filter((t) => t.persona === null), period);
  if (!found) throw new Error(`No demo target for ${kpi} in ${period}`);
  return found;
}

function decimalsFor(spec: KpiSpec): number {
  switch (spec.unit) {
    case "COUNT":
    case "CURRENCY":
      return 0;
    case "RATIO":
      return 3;
    case "SCORE":
      return spec.scale && spec.scale[1] - spec.scale[0] > 20 ? 0 : 2;
    default:
      return 1;
  }
}

/**
 * A value is entered a few days after its period closes, at 09:00 UTC, but never after the
 * demo's "today" (just after the end month closes): the current quarter holds a quarter-to-date figure.
 */
function enteredAtFor(period: string, frequency: Frequency, calendar: DemoCalendar): Date {
  const afterClose = (key: string, f: Frequency, days: number) => periodToDate(nextPeriod(key, f)).getTime() + (days * 24 + 9) * 3_600_000;
  const entered = afterClose(period, frequency, frequency === "QUARTERLY" ? 9 : 4);
  return new Date(Math.min(entered, afterClose(calendar.end, "MONTHLY", 4)));
}

/** Scenario and gap months mapped onto one series' periods; a reference that misses fails loudly. */
function seriesMarks(calendar: DemoCalendar, spec: KpiSpec, persona: PersonaSpec, periods: string[]) {
  const breached = new Map<string, string>(); // period -> note (first period of a run only)
  const breachedPeriods = new Set<string>();
  for (const scenario of BREACH_SCENARIOS.filter((s) => s.kpi === spec.code && s.persona === persona.slug)) {
    const last = periods.indexOf(periodStart(calendar.monthsBeforeEnd(scenario.endsMonthsBeforeEnd), spec.frequency));
    const first = last - scenario.periods + 1;
    if (last < 0 || first < 0) throw new Error(`Breach scenario ${spec.code}/${persona.slug} does not fit the history`);
    periods.slice(first, last + 1).forEach((p) => breachedPeriods.add(p));
    breached.set(periods[first]!, scenario.note);
  }
  const missing = new Set<string>();
  for (const gap of GAPS.filter((g) => g.kpi === spec.code && g.persona === persona.slug)) {
    const period = periodStart(calendar.monthsBeforeEnd(gap.monthsBeforeEnd), spec.frequency);
    if (!periods.includes(period)) throw new Error(`Gap ${spec.code}/${persona.slug}/${period} is outside the history`);
    missing.add(period);
  }
  return { notes: breached, breached: breachedPeriods, missing };
}

function planMeasurements(calendar: DemoCalendar, kpis: PlannedKpi[], targets: PlannedTarget[]): PlannedMeasurement[] {
  const rows: PlannedMeasurement[] = [];
  for (const { spec } of kpis) {
    if (spec.status !== "ACTIVE") continue; // proposals have no history
    for (const persona of measuredPersonas()) {
      const periods = seriesPeriods(calendar, spec.frequency, persona);
      const last = periods.at(-1);
      if (last === undefined) continue;
      const t = targetInForce(targets, spec.code, persona.slug, last);
      const marks = seriesMarks(calendar, spec, persona, periods);
      const key = `${spec.code}|${persona.slug}`;
      const points = walkSeries({
        key,
        periods,
        direction: spec.direction,
        thresholds: { target: t.target, green: t.green, red: t.red, greenHigh: t.greenHigh ?? undefined, redHigh: t.redHigh ?? undefined },
        range: spec.plausibleRange,
        decimals: decimalsFor(spec),
        breached: marks.breached,
        missing: marks.missing,
      });
      const commentRandom = randomFor(key, "comment");
      for (const point of points) {
        const comments = [
          spec.code === "BSC-NPS" ? npsComment(point.value, point.status, commentRandom, persona.voice) : null,
          marks.notes.get(point.period) ?? null,
        ].filter((c): c is string => c !== null);
        rows.push({
          kpi: spec.code,
          persona: persona.slug,
          period: point.period,
          value: point.value.toFixed(decimalsFor(spec)),
          comment: comments.length > 0 ? comments.join(" ") : null,
          enteredBy: spec.owner,
          enteredAt: enteredAtFor(point.period, spec.frequency, calendar),
        });
      }
    }
  }
  return rows;
}

function checkCatalogue(kpis: PlannedKpi[]): void {
  const codes = new Set<string>();
  for (const { spec, scorecard } of kpis) {
    if (codes.has(spec.code)) throw new Error(`Duplicate demo KPI code ${spec.code}`);
    codes.add(spec.code);
    const objectives = scorecard.perspectives.flatMap((p) => p.objectives.map((o) => o.key));
    if (!objectives.includes(spec.objective)) throw new Error(`KPI ${spec.code}: unknown objective ${spec.objective}`);
  }
  for (const ref of [...BREACH_SCENARIOS, ...GAPS]) {
    if (!codes.has(ref.kpi)) throw new Error(`Scenario or gap names unknown KPI ${ref.kpi}`);
  }
}

/** Everything the demo writes, by natural key. Pure and deterministic: same end period, same plan. */
export function buildDemoPlan(endPeriod: string = DEFAULT_DEMO_END_PERIOD): DemoPlan {
  const calendar = demoCalendar(endPeriod);
  const kpis = allKpis();
  checkCatalogue(kpis);
  const targets = planTargets(calendar, kpis);
  return { calendar, kpis, targets, measurements: planMeasurements(calendar, kpis, targets) };
}

// ───────────────────────────── Writing ─────────────────────────────

type Ids = Map<string, string>;

function idOf(ids: Ids, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Demo seed: no ${what} "${key}"`);
  return id;
}

function dateKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function sameDecimal(stored: Prisma.Decimal | null, wanted: number | string | null): boolean {
  if (stored === null || wanted === null) return stored === wanted;
  return stored.equals(wanted);
}

function sameDate(stored: Date | null, wanted: Date | null): boolean {
  return stored === null || wanted === null ? stored === wanted : stored.getTime() === wanted.getTime();
}

/**
 * Brings rows without a usable unique key (or too many for one upsert each) in line with the
 * plan: one bulk insert for the missing ones, an update only for those that differ.
 */
async function reconcile<D, E extends { id: string }>(args: {
  wanted: D[];
  stored: E[];
  keyOfWanted: (row: D) => string;
  keyOfStored: (row: E) => string;
  same: (wanted: D, stored: E) => boolean;
  create: (rows: D[]) => Promise<unknown>;
  update: (wanted: D, stored: E) => Promise<unknown>;
}): Promise<{ created: number; updated: number; extra: E[] }> {
  const stored = new Map(args.stored.map((row) => [args.keyOfStored(row), row]));
  const missing: D[] = [];
  let updated = 0;
  const seen = new Set<string>();
  for (const row of args.wanted) {
    const key = args.keyOfWanted(row);
    seen.add(key);
    const existing = stored.get(key);
    if (!existing) missing.push(row);
    else if (!args.same(row, existing)) {
      await args.update(row, existing);
      updated++;
    }
  }
  if (missing.length > 0) await args.create(missing);
  return { created: missing.length, updated, extra: args.stored.filter((row) => !seen.has(args.keyOfStored(row))) };
}

const CREATE_BATCH = 1000;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CREATE_BATCH) await write(rows.slice(i, i + CREATE_BATCH));
}

async function writeDepartments(tx: DbClient): Promise<Ids> {
  const ids: Ids = new Map();
  for (const d of DEPARTMENTS) {
    const row = await tx.department.upsert({
      where: { name: d.name },
      create: { name: d.name, description: d.description },
      update: { description: d.description },
      select: { id: true },
    });
    ids.set(d.name, row.id);
  }
  return ids;
}

async function writeUsers(tx: DbClient, departments: Ids, passwordHashes: Map<string, string>): Promise<Ids> {
  const ids: Ids = new Map();
  for (const u of USERS) {
    const data = {
      name: u.name,
      role: u.role,
      departmentId: idOf(departments, u.department, "department"),
      active: true,
      mustChangePassword: false,
      passwordHash: u.canSignIn ? (passwordHashes.get(u.email) ?? null) : null,
    };
    const row = await tx.user.upsert({ where: { email: u.email }, create: { email: u.email, ...data }, update: data, select: { id: true } });
    ids.set(u.email, row.id);
  }
  return ids;
}

async function writePersonas(tx: DbClient, calendar: DemoCalendar): Promise<Ids> {
  const ids: Ids = new Map();
  for (const p of PERSONAS) {
    const data = {
      name: p.name,
      description: p.description,
      painPoints: p.painPoints,
      status: p.status,
      statusRationale: p.statusRationale,
      statusChangedAt: periodToDate(calendar.monthsBeforeEnd(p.statusSinceMonthsBeforeEnd)),
      priority: p.priority,
      revenueInfluence: p.revenueInfluence,
      reviewCadenceMonths: p.reviewCadenceMonths,
      nextReviewOn: p.nextReviewMonthsAfterEnd === null ? null : periodToDate(calendar.monthsBeforeEnd(-p.nextReviewMonthsAfterEnd)),
      mergedIntoId: null,
    };
    const stored = await tx.persona.findUnique({ where: { slug: p.slug } });
    if (!stored) {
      ids.set(p.slug, (await tx.persona.create({ data: { slug: p.slug, ...data }, select: { id: true } })).id);
      continue;
    }
    ids.set(p.slug, stored.id);
    const same =
      stored.name === data.name &&
      stored.description === data.description &&
      JSON.stringify(stored.painPoints) === JSON.stringify(data.painPoints) &&
      stored.status === data.status &&
      stored.statusRationale === data.statusRationale &&
      sameDate(stored.statusChangedAt, data.statusChangedAt) &&
      stored.priority === data.priority &&
      sameDecimal(stored.revenueInfluence, data.revenueInfluence) &&
      stored.reviewCadenceMonths === data.reviewCadenceMonths &&
      sameDate(stored.nextReviewOn, data.nextReviewOn) &&
      stored.mergedIntoId === null;
    // A reset is an edit: bump the version so an editor holding the old one gets a conflict.
    if (!same) await tx.persona.update({ where: { id: stored.id }, data: { ...data, version: { increment: 1 } } });
  }
  await writePersonaAttributes(tx, ids);
  return ids;
}

async function writePersonaAttributes(tx: DbClient, personas: Ids): Promise<void> {
  const wanted = PERSONAS.flatMap((p) =>
    p.attributes.map((a) => ({
      personaId: idOf(personas, p.slug, "persona"),
      kind: a.kind,
      label: a.label,
      value: a.value,
      order: p.attributes.filter((b) => b.kind === a.kind).indexOf(a),
    })),
  );
  const stored = await tx.personaAttribute.findMany({ where: { personaId: { in: [...personas.values()] } } });
  const key = (r: { personaId: string; kind: string; label: string }) => `${r.personaId}|${r.kind}|${r.label}`;
  const result = await reconcile({
    wanted,
    stored,
    keyOfWanted: key,
    keyOfStored: key,
    same: (w, s) => w.value === s.value && w.order === s.order,
    create: (rows) => tx.personaAttribute.createMany({ data: rows }),
    update: (w, s) => tx.personaAttribute.update({ where: { id: s.id }, data: { value: w.value, order: w.order } }),
  });
  // Attributes are part of the persona's description: a reset removes ones added since.
  if (result.extra.length > 0) await tx.personaAttribute.deleteMany({ where: { id: { in: result.extra.map((r) => r.id) } } });
}

interface ScorecardIds {
  scorecards: Ids;
  perspectives: Ids; // `${slug}|${perspective}`
  objectives: Ids; // `${slug}|${objective key}`
}

async function writeScorecards(tx: DbClient, users: Ids): Promise<ScorecardIds> {
  const ids: ScorecardIds = { scorecards: new Map(), perspectives: new Map(), objectives: new Map() };
  for (const s of SCORECARDS) {
    const data = { name: s.name, description: s.description, escalationStreakLength: s.escalationStreakLength };
    const scorecard = await tx.scorecard.upsert({ where: { slug: s.slug }, create: { slug: s.slug, ...data }, update: data, select: { id: true } });
    ids.scorecards.set(s.slug, scorecard.id);
    for (const [index, p] of s.perspectives.entries()) {
      const pData = { description: p.description, order: index + 1, weight: p.weight };
      const perspective = await tx.perspective.upsert({
        where: { scorecardId_name: { scorecardId: scorecard.id, name: p.name } },
        create: { scorecardId: scorecard.id, name: p.name, ...pData },
        update: pData,
        select: { id: true },
      });
      ids.perspectives.set(`${s.slug}|${p.name}`, perspective.id);
      for (const o of p.objectives) {
        const oData = { description: o.description, strategicTheme: o.theme, ownerId: idOf(users, o.owner, "user") };
        const objective = await tx.strategicObjective.upsert({
          where: { perspectiveId_title: { perspectiveId: perspective.id, title: o.title } },
          create: { perspectiveId: perspective.id, title: o.title, ...oData },
          update: oData,
          select: { id: true },
        });
        ids.objectives.set(`${s.slug}|${o.key}`, objective.id);
      }
    }
    for (const link of s.links) {
      const causeId = idOf(ids.objectives, `${s.slug}|${link.cause}`, "objective");
      const effectId = idOf(ids.objectives, `${s.slug}|${link.effect}`, "objective");
      await tx.objectiveLink.upsert({
        where: { causeId_effectId: { causeId, effectId } },
        create: { causeId, effectId, description: link.description },
        update: { description: link.description },
        select: { id: true },
      });
    }
  }
  return ids;
}

async function writeKpis(tx: DbClient, plan: DemoPlan, refs: { users: Ids; departments: Ids; scorecards: ScorecardIds }): Promise<Ids> {
  const ids: Ids = new Map();
  const approvedAt = periodToDate(plan.calendar.start);
  for (const { spec, scorecard, perspective } of plan.kpis) {
    const active = spec.status === "ACTIVE";
    const data = {
      name: spec.name,
      description: spec.description,
      perspectiveId: idOf(refs.scorecards.perspectives, `${scorecard.slug}|${perspective}`, "perspective"),
      objectiveId: idOf(refs.scorecards.objectives, `${scorecard.slug}|${spec.objective}`, "objective"),
      timing: spec.timing,
      measureType: spec.measureType ?? "QUANTITATIVE",
      scaleMin: spec.scale?.[0] ?? null,
      scaleMax: spec.scale?.[1] ?? null,
      unit: spec.unit,
      currencyCode: spec.currencyCode ?? null,
      durationUnit: spec.durationUnit ?? null,
      direction: spec.direction,
      frequency: spec.frequency,
      weight: spec.weight,
      ownerId: idOf(refs.users, spec.owner, "user"),
      departmentId: idOf(refs.departments, spec.department, "department"),
      sourceSystem: spec.sourceSystem,
      transformation: spec.transformation,
      status: spec.status,
      justification: spec.justification ?? null,
      proposedById: spec.proposedBy ? idOf(refs.users, spec.proposedBy, "user") : null,
      reviewedById: active ? idOf(refs.users, scorecard.kpiApproval.reviewer, "user") : null,
      reviewComment: active ? scorecard.kpiApproval.comment : null,
      reviewedAt: active ? approvedAt : null,
    };
    const row = await tx.kpi.upsert({ where: { code: spec.code }, create: { code: spec.code, ...data }, update: data, select: { id: true } });
    ids.set(spec.code, row.id);
  }
  return ids;
}

async function writeWeights(tx: DbClient, calendar: DemoCalendar, refs: { users: Ids; personas: Ids; scorecards: Ids }): Promise<void> {
  for (const s of SCORECARDS) {
    const scorecardId = idOf(refs.scorecards, s.slug, "scorecard");
    for (const set of s.weightHistory) {
      const effectiveFrom = periodToDate(set.monthsBeforeEnd === null ? calendar.start : calendar.monthsBeforeEnd(set.monthsBeforeEnd));
      for (const [slug, weight] of Object.entries(set.weights)) {
        const personaId = idOf(refs.personas, slug, "persona");
        const data = { weight, reason: set.reason, setById: idOf(refs.users, set.setBy, "user") };
        await tx.personaWeight.upsert({
          where: { scorecardId_personaId_effectiveFrom: { scorecardId, personaId, effectiveFrom } },
          create: { scorecardId, personaId, effectiveFrom, ...data },
          update: data,
          select: { id: true },
        });
      }
    }
  }
}

async function writeTargets(tx: DbClient, plan: DemoPlan, refs: { users: Ids; personas: Ids; kpis: Ids }): Promise<void> {
  const setById = idOf(refs.users, TARGET_SETTER, "user");
  const wanted = plan.targets.map((t) => ({
    kpiId: idOf(refs.kpis, t.kpi, "KPI"),
    personaId: t.persona === null ? null : idOf(refs.personas, t.persona, "persona"),
    effectiveFrom: periodToDate(t.effectiveFrom),
    baseline: t.baseline,
    target: t.target,
    green: t.green,
    red: t.red,
    greenHigh: t.greenHigh,
    redHigh: t.redHigh,
    rationale: t.rationale,
    setById,
  }));
  // Default rows have personaId null, which no Prisma compound unique can name: match by key instead.
  const stored = await tx.kpiTarget.findMany({ where: { kpiId: { in: [...refs.kpis.values()] } } });
  const key = (r: { kpiId: string; personaId: string | null; effectiveFrom: Date }) => `${r.kpiId}|${r.personaId ?? "-"}|${dateKey(r.effectiveFrom)}`;
  await reconcile({
    wanted,
    stored,
    keyOfWanted: key,
    keyOfStored: key,
    same: (w, s) =>
      sameDecimal(s.baseline, w.baseline) &&
      sameDecimal(s.target, w.target) &&
      sameDecimal(s.green, w.green) &&
      sameDecimal(s.red, w.red) &&
      sameDecimal(s.greenHigh, w.greenHigh) &&
      sameDecimal(s.redHigh, w.redHigh) &&
      s.rationale === w.rationale &&
      s.setById === w.setById,
    create: (rows) => tx.kpiTarget.createMany({ data: rows }),
    update: (w, s) => tx.kpiTarget.update({ where: { id: s.id }, data: w }),
  });
}

async function writeMeasurements(
  tx: DbClient,
  plan: DemoPlan,
  refs: { users: Ids; personas: Ids; kpis: Ids },
): Promise<{ created: number; updated: number }> {
  const wanted = plan.measurements.map((m) => ({
    kpiId: idOf(refs.kpis, m.kpi, "KPI"),
    personaId: idOf(refs.personas, m.persona, "persona"),
    period: periodToDate(m.period),
    value: m.value,
    comment: m.comment,
    source: "SEED" as const,
    enteredById: idOf(refs.users, m.enteredBy, "user"),
    enteredAt: m.enteredAt,
  }));
  const stored = await tx.measurement.findMany({
    where: { kpiId: { in: [...refs.kpis.values()] }, personaId: { in: [...refs.personas.values()] } },
  });
  const key = (r: { kpiId: string; personaId: string; period: Date }) => `${r.kpiId}|${r.personaId}|${dateKey(r.period)}`;
  const result = await reconcile({
    wanted,
    stored,
    keyOfWanted: key,
    keyOfStored: key,
    same: (w, s) =>
      sameDecimal(s.value, w.value) &&
      s.comment === w.comment &&
      s.source === w.source &&
      s.enteredById === w.enteredById &&
      s.enteredAt.getTime() === w.enteredAt.getTime(),
    create: (rows) => inBatches(rows, (batch) => tx.measurement.createMany({ data: batch, skipDuplicates: true })),
    // A changed demo value goes back to its demo value the way any correction does: the
    // replaced value is kept as a revision and the version moves on.
    update: async (w, s) => {
      await tx.measurementRevision.create({
        data: {
          measurementId: s.id,
          version: s.version,
          value: s.value,
          comment: s.comment,
          enteredById: s.enteredById,
          enteredAt: s.enteredAt,
          changedById: null,
          reason: "Reset to its demo value by the demo seed.",
        },
      });
      await tx.measurement.update({ where: { id: s.id }, data: { ...w, version: { increment: 1 } } });
    },
  });
  return { created: result.created, updated: result.updated };
}

async function countRows(tx: DbClient): Promise<SeedSummary> {
  // One at a time: an interactive transaction holds a single connection anyway.
  return {
    departments: await tx.department.count(),
    users: await tx.user.count(),
    personas: await tx.persona.count(),
    personaAttributes: await tx.personaAttribute.count(),
    personaWeights: await tx.personaWeight.count(),
    scorecards: await tx.scorecard.count(),
    perspectives: await tx.perspective.count(),
    objectives: await tx.strategicObjective.count(),
    objectiveLinks: await tx.objectiveLink.count(),
    kpis: await tx.kpi.count(),
    targets: await tx.kpiTarget.count(),
    measurements: await tx.measurement.count(),
  };
}

/** argon2 costs ~80 ms a call: keep a stored hash that still verifies, so re-seeding stays quick and stable. */
async function demoPasswordHashes(db: PrismaClient): Promise<Map<string, string>> {
  const emails = USERS.filter((u) => u.canSignIn).map((u) => u.email);
  const stored = await db.user.findMany({ where: { email: { in: emails } }, select: { email: true, passwordHash: true } });
  const byEmail = new Map(stored.map((u) => [u.email, u.passwordHash]));
  const entries = await Promise.all(
    emails.map(async (email): Promise<[string, string]> => {
      const current = byEmail.get(email);
      if (current && (await verifyPassword(current, DEMO_PASSWORD))) return [email, current];
      return [email, await hashPassword(DEMO_PASSWORD)];
    }),
  );
  return new Map(entries);
}

/**
 * Seeds (or resets) the demo data and returns the row counts afterwards. Idempotent: a second
 * run changes nothing. All writes share one transaction, so a failure leaves nothing half-written.
 */
export async function seedDemoData(db: PrismaClient, options: SeedDemoOptions = {}): Promise<SeedSummary> {
  const plan = buildDemoPlan(options.endPeriod ?? DEFAULT_DEMO_END_PERIOD);
  // Hashing happens before the transaction: it is slow and needs no lock.
  const passwordHashes = await demoPasswordHashes(db);
  return db.$transaction(
    async (tx) => {
      const before = await countRows(tx);
      const departments = await writeDepartments(tx);
      const users = await writeUsers(tx, departments, passwordHashes);
      const personas = await writePersonas(tx, plan.calendar);
      const scorecards = await writeScorecards(tx, users);
      const kpis = await writeKpis(tx, plan, { users, departments, scorecards });
      await writeWeights(tx, plan.calendar, { users, personas, scorecards: scorecards.scorecards });
      await writeTargets(tx, plan, { users, personas, kpis });
      const measurements = await writeMeasurements(tx, plan, { users, personas, kpis });
      const after = await countRows(tx);
      await tx.auditEvent.create({
        data: {
          actorId: null,
          actorLabel: "demo-seed",
          action: "demo.seed",
          entityType: "DemoData",
          entityId: SCORECARDS.map((s) => s.slug).join(","),
          before: { ...before },
          after: { ...after, endPeriod: plan.calendar.end, measurementsCreated: measurements.created, measurementsReset: measurements.updated },
        },
      });
      return after;
    },
    // Generous: the embedded database is slow on a cold start, and a pool of one may make us wait.
    { maxWait: 60_000, timeout: 180_000 },
  );
}
