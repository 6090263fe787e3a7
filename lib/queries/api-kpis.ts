import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { personaWhere } from "./persona-scope";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { effectiveAt, periodStart, type Frequency } from "@/lib/scoring/periods";
import { loadScoredPersonas, loadTargets, type TargetRow } from "./scorecard-model";

// GET /api/v1/kpis: every ACTIVE KPI with its definition, owner, department and, for a month,
// the thresholds in force for each persona (the persona's own row, else the KPI default), as
// stored (plain decimal strings). Bounded: 4 reads whatever the data (the scorecard filter,
// KPIs, personas, target rows effective up to the month).

export interface ApiThresholds {
  /** PERSONA: the persona's own row; DEFAULT: the KPI's default row. */
  source: "PERSONA" | "DEFAULT";
  effectiveFrom: string;
  target: string;
  green: string;
  red: string;
  greenHigh: string | null;
  redHigh: string | null;
}

export interface ApiKpi {
  code: string;
  name: string;
  description: string | null;
  scorecard: { slug: string; name: string };
  perspective: string;
  objective: string | null;
  timing: "LEADING" | "LAGGING";
  measureType: "QUANTITATIVE" | "QUALITATIVE";
  unit: "PERCENT" | "RATIO" | "COUNT" | "CURRENCY" | "DURATION" | "SCORE";
  currencyCode: string | null;
  durationUnit: string | null;
  scale: { min: string; max: string } | null;
  direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER" | "TARGET_RANGE";
  frequency: Frequency;
  weight: string;
  owner: { name: string; email: string } | null;
  department: { name: string } | null;
  lineage: { sourceSystem: string | null; transformation: string | null };
  /** The KPI's period that holds the month: the month itself, or its quarter. */
  period: string;
  /** The KPI default in force in `period` (null: none). */
  defaultThresholds: Omit<ApiThresholds, "source"> | null;
  /** Per persona (ACTIVE and SUNSET, or the one asked for): the thresholds in force in `period`. */
  thresholds: { persona: string; thresholds: ApiThresholds | null }[];
}

export interface ApiKpiList {
  /** The month asked for ('YYYY-MM-01'). */
  month: string;
  kpis: ApiKpi[];
}

const text = (d: { toFixed(): string } | null) => (d === null ? null : d.toFixed());

function thresholdsOf(row: TargetRow): Omit<ApiThresholds, "source"> {
  return { effectiveFrom: row.effectiveFrom, target: row.text.target, green: row.text.green, red: row.text.red, greenHigh: row.text.greenHigh, redHigh: row.text.redHigh };
}

export async function listKpisForApi(actor: Actor, options: { month: string; scorecardSlug?: string; personaSlug?: string }): Promise<ApiKpiList> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const { month } = options;

  if (options.scorecardSlug !== undefined) {
    const card = await db.scorecard.findUnique({ where: { slug: options.scorecardSlug }, select: { id: true } });
    if (!card) throw new AppError("NOT_FOUND", `No scorecard "${options.scorecardSlug}".`, { scorecard: [`No scorecard "${options.scorecardSlug}".`] });
  }

  const [rows, personas] = await Promise.all([
    db.kpi.findMany({
      where: { status: "ACTIVE", ...(options.scorecardSlug === undefined ? {} : { perspective: { scorecard: { slug: options.scorecardSlug } } }) },
      orderBy: [{ perspective: { scorecard: { name: "asc" } } }, { perspective: { order: "asc" } }, { code: "asc" }],
      select: {
        id: true,
        code: true,
        name: true,
        description: true,
        timing: true,
        measureType: true,
        unit: true,
        currencyCode: true,
        durationUnit: true,
        scaleMin: true,
        scaleMax: true,
        direction: true,
        frequency: true,
        weight: true,
        sourceSystem: true,
        transformation: true,
        perspective: { select: { name: true, scorecard: { select: { slug: true, name: true } } } },
        objective: { select: { title: true } },
        owner: { select: { name: true, email: true } },
        department: { select: { name: true } },
      },
    }),
    loadScoredPersonas(db, { ...personaWhere(personaScope(actor)), ...(options.personaSlug === undefined ? {} : { slug: options.personaSlug }) }),
  ]);
  if (options.personaSlug !== undefined && personas.length === 0) {
    throw new AppError("NOT_FOUND", `No persona "${options.personaSlug}".`, { persona: [`No persona "${options.personaSlug}" (drafts are not listed).`] });
  }

  const targets = await loadTargets(
    db,
    rows.map((k) => k.id),
    personas.map((p) => p.id),
    month,
  );
  const byKey = new Map<string, TargetRow[]>();
  for (const t of targets) {
    const key = `${t.kpiId}|${t.personaId ?? ""}`;
    const list = byKey.get(key);
    if (list) list.push(t);
    else byKey.set(key, [t]);
  }

  const kpis = rows.map((k): ApiKpi => {
    const frequency = k.frequency as Frequency;
    const period = periodStart(month, frequency);
    const fallback = effectiveAt(byKey.get(`${k.id}|`) ?? [], period);
    return {
      code: k.code,
      name: k.name,
      description: k.description,
      scorecard: { slug: k.perspective.scorecard.slug, name: k.perspective.scorecard.name },
      perspective: k.perspective.name,
      objective: k.objective?.title ?? null,
      timing: k.timing,
      measureType: k.measureType,
      unit: k.unit,
      currencyCode: k.currencyCode,
      durationUnit: k.durationUnit,
      scale: k.scaleMin !== null && k.scaleMax !== null ? { min: k.scaleMin.toFixed(), max: k.scaleMax.toFixed() } : null,
      direction: k.direction,
      frequency,
      weight: text(k.weight)!,
      owner: k.owner,
      department: k.department,
      lineage: { sourceSystem: k.sourceSystem, transformation: k.transformation },
      period,
      defaultThresholds: fallback ? thresholdsOf(fallback) : null,
      thresholds: personas.map((p) => {
        const own = effectiveAt(byKey.get(`${k.id}|${p.id}`) ?? [], period);
        const row = own ?? fallback;
        return { persona: p.slug, thresholds: row ? { source: own ? "PERSONA" : "DEFAULT", ...thresholdsOf(row) } : null };
      }),
    };
  });
  return { month, kpis };
}
