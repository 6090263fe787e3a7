import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { getDb } from "@/lib/db";
import type { Status } from "@/lib/scoring";
import { personaWhere } from "./persona-scope";
import { parseMonthParam } from "./period-input";
import { periodsForMonth, scorePersonaMonth, targetBookFor, ValueBook } from "./score-month";
import { kpiCounts, loadDataMonths, loadScorecardStructure, loadScoredPersonas, loadTargets, loadValues, type KpiDef } from "./scorecard-model";

// A department's view: the KPIs it is responsible for (the KPI's department, or its owner's),
// across every active persona, per scorecard. Bounded: 3 reads, plus 5 per scorecard that holds
// such KPIs (structure, data months, values, targets) — never per KPI, persona or period.

export interface DepartmentSummary {
  id: string;
  name: string;
  description: string | null;
  kpiCount: number;
}

/** Departments with the number of active KPIs each is responsible for. 2 reads. */
export async function listDepartments(actor: Actor): Promise<DepartmentSummary[]> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const [departments, kpis] = await Promise.all([
    db.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, description: true } }),
    db.kpi.findMany({ where: { status: "ACTIVE" }, select: { departmentId: true, owner: { select: { departmentId: true } } } }),
  ]);
  return departments.map((d) => ({
    ...d,
    kpiCount: kpis.filter((k) => k.departmentId === d.id || (k.departmentId !== d.id && k.owner?.departmentId === d.id)).length,
  }));
}

export interface DepartmentKpiRow {
  code: string;
  name: string;
  owner: string | null;
  /** Why it is here: the KPI's own department, or its owner's. */
  via: "KPI" | "OWNER";
  cells: { personaSlug: string; score: number | null; status: Status; period: string }[];
}

export interface DepartmentScorecard {
  slug: string;
  name: string;
  period: string | null;
  kpis: DepartmentKpiRow[];
}

export interface DepartmentView {
  department: { id: string; name: string; description: string | null };
  personas: { slug: string; name: string }[];
  scorecards: DepartmentScorecard[];
  periodMessage: string | null;
}

export async function getDepartmentView(actor: Actor, input: { departmentId: string; period?: string | null }): Promise<DepartmentView | null> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const [department, kpis, personas] = await Promise.all([
    db.department.findUnique({ where: { id: input.departmentId }, select: { id: true, name: true, description: true } }),
    db.kpi.findMany({
      // RETIRED ones too: they show in the months up to their retirement (kpiCounts below).
      where: { status: { in: ["ACTIVE", "RETIRED"] }, OR: [{ departmentId: input.departmentId }, { owner: { departmentId: input.departmentId } }] },
      select: { id: true, departmentId: true, perspective: { select: { scorecard: { select: { slug: true } } } } },
    }),
    loadScoredPersonas(db, { ...personaWhere(personaScope(actor)), status: "ACTIVE" }),
  ]);
  if (!department) return null;
  const param = parseMonthParam(input.period);
  const wanted = new Map(kpis.map((k) => [k.id, k.departmentId === department.id ? ("KPI" as const) : ("OWNER" as const)]));
  const slugs = [...new Set(kpis.map((k) => k.perspective.scorecard.slug))].sort();
  const personaIds = personas.map((p) => p.id);

  const scorecards = await Promise.all(
    slugs.map(async (slug): Promise<DepartmentScorecard> => {
      const structure = (await loadScorecardStructure(db, slug))!;
      const months = await loadDataMonths(db, structure);
      const month = (param.ok ? param.month : null) ?? months?.last ?? null;
      const own = structure.kpis.filter((k) => wanted.has(k.id) && (month === null ? k.status === "ACTIVE" : kpiCounts(k, month)));
      if (month === null) return { slug, name: structure.name, period: null, kpis: own.map((k) => emptyRow(k, wanted.get(k.id)!)) };
      const [values, targets] = await Promise.all([
        loadValues(db, structure.id, personaIds, periodsForMonth(month)),
        loadTargets(db, own.map((k) => k.id), personaIds, month, { text: false }),
      ]);
      const book = targetBookFor(structure, targets);
      const valueBook = new ValueBook(values);
      const scored = personas.map((p) => ({ slug: p.slug, month: scorePersonaMonth(structure, book, valueBook, p.id, month, false) }));
      return {
        slug,
        name: structure.name,
        period: month,
        kpis: own.map((k) => ({
          code: k.code,
          name: k.name,
          owner: k.owner?.name ?? null,
          via: wanted.get(k.id)!,
          cells: scored.map((s) => {
            const line = s.month.kpis.find((x) => x.kpi.id === k.id)!;
            return { personaSlug: s.slug, score: line.score, status: line.status, period: line.period };
          }),
        })),
      };
    }),
  );
  return {
    department,
    personas: personas.map((p) => ({ slug: p.slug, name: p.name })),
    scorecards,
    periodMessage: param.ok ? null : param.message,
  };
}

function emptyRow(k: KpiDef, via: "KPI" | "OWNER"): DepartmentKpiRow {
  return { code: k.code, name: k.name, owner: k.owner?.name ?? null, via, cells: [] };
}
