import type { ClientBase } from "pg";
import { insertRows, type Column } from "./insert";
import type { BenchPlan } from "./plan";
import type { AttributeRow, PersonaRow, TargetRow, WeightRow } from "./plan-personas";
import type { DepartmentRow, KpiRow, LinkRow, ObjectiveRow, PerspectiveRow, UserRow } from "./plan-strategy";

// Writes every table of the plan but the measurements, parents first.

const NOW = { sql: "now()" };
const col = <R>(name: string, type: string, value: (row: R) => unknown, cast?: string): Column<R> => ({ name, type, value, cast });

export interface PlanCounts {
  departments: number;
  users: number;
  scorecards: number;
  perspectives: number;
  objectives: number;
  objectiveLinks: number;
  kpis: number;
  personas: number;
  personaAttributes: number;
  personaPainPoints: number;
  personaWeights: number;
  kpiTargets: number;
}

export async function writePlan(client: ClientBase, plan: BenchPlan): Promise<PlanCounts> {
  const departments = await insertRows<DepartmentRow>(client, "Department", [
    col("id", "text", (r) => r.id),
    col("name", "text", (r) => r.name),
    col("description", "text", () => "Benchmark data."),
    { name: "updatedAt", ...NOW },
  ], plan.departments);
  const users = await insertRows<UserRow>(client, "User", [
    col("id", "text", (r) => r.id),
    col("email", "text", (r) => r.email),
    col("name", "text", (r) => r.name),
    col("role", "text", (r) => r.role, '"Role"'),
    col("departmentId", "text", (r) => r.departmentId),
    { name: "updatedAt", ...NOW },
  ], plan.users);
  const scorecard = plan.scorecard;
  await client.query(
    `INSERT INTO "Scorecard" (id, slug, name, description, "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [scorecard.id, scorecard.slug, scorecard.name, scorecard.description],
  );
  const perspectives = await insertRows<PerspectiveRow>(client, "Perspective", [
    col("id", "text", (r) => r.id),
    { name: "scorecardId", sql: `'${scorecard.id}'` },
    col("name", "text", (r) => r.name),
    col("order", "int4", (r) => r.order),
    col("weight", "numeric", (r) => r.weight),
  ], plan.perspectives);
  const objectives = await insertRows<ObjectiveRow>(client, "StrategicObjective", [
    col("id", "text", (r) => r.id),
    col("perspectiveId", "text", (r) => r.perspectiveId),
    col("title", "text", (r) => r.title),
    col("ownerId", "text", (r) => r.ownerId),
    { name: "updatedAt", ...NOW },
  ], plan.objectives);
  const objectiveLinks = await insertRows<LinkRow>(client, "ObjectiveLink", [
    col("id", "text", (r) => r.id),
    col("causeId", "text", (r) => r.causeId),
    col("effectId", "text", (r) => r.effectId),
  ], plan.links);
  const kpis = await insertRows<KpiRow>(client, "Kpi", [
    col("id", "text", (r) => r.id),
    col("code", "text", (r) => r.code),
    col("name", "text", (r) => r.name),
    col("perspectiveId", "text", (r) => r.perspectiveId),
    col("objectiveId", "text", (r) => r.objectiveId),
    col("timing", "text", (r) => r.timing, '"KpiTiming"'),
    col("measureType", "text", (r) => r.measureType, '"KpiMeasureType"'),
    col("scaleMin", "numeric", (r) => r.scaleMin),
    col("scaleMax", "numeric", (r) => r.scaleMax),
    col("unit", "text", (r) => r.unit, '"KpiUnit"'),
    col("currencyCode", "text", (r) => r.currencyCode),
    col("durationUnit", "text", (r) => r.durationUnit),
    col("direction", "text", (r) => r.direction, '"Direction"'),
    col("frequency", "text", (r) => r.frequency, '"Frequency"'),
    col("weight", "numeric", (r) => r.weight),
    col("ownerId", "text", (r) => r.ownerId),
    col("departmentId", "text", (r) => r.departmentId),
    { name: "sourceSystem", sql: "'bench-generator'" },
    { name: "status", sql: `'ACTIVE'` },
    { name: "updatedAt", ...NOW },
  ], plan.kpis);
  const personas = await insertRows<PersonaRow>(client, "Persona", [
    col("id", "text", (r) => r.id),
    col("slug", "text", (r) => r.slug),
    col("name", "text", (r) => r.name),
    col("description", "text", (r) => r.description),
    col("status", "text", (r) => r.status, '"PersonaStatus"'),
    col("statusRationale", "text", (r) => r.statusRationale),
    col("statusChangedAt", "timestamp", (r) => r.statusChangedAt),
    col("priority", "int4", (r) => r.priority),
    col("revenueInfluence", "numeric", (r) => r.revenueInfluence),
    col("reviewCadenceMonths", "int4", (r) => r.reviewCadenceMonths),
    col("nextReviewOn", "date", (r) => r.nextReviewOn),
    { name: "updatedAt", ...NOW },
  ], plan.personas);
  const personaAttributes = await insertRows<AttributeRow>(client, "PersonaAttribute", [
    col("id", "text", (r) => r.id),
    col("personaId", "text", (r) => r.personaId),
    col("kind", "text", (r) => r.kind, '"AttributeKind"'),
    col("label", "text", (r) => r.label),
    col("value", "text", (r) => r.value),
    col("order", "int4", (r) => r.order),
  ], plan.attributes);
  const painPointRows = plan.personas.flatMap((p) => p.painPoints.map((text, order) => ({ id: `${p.id}-pp${order}`, personaId: p.id, text, order })));
  const personaPainPoints = await insertRows<(typeof painPointRows)[number]>(client, "PersonaPainPoint", [
    col("id", "text", (r) => r.id),
    col("personaId", "text", (r) => r.personaId),
    col("text", "text", (r) => r.text),
    col("order", "int4", (r) => r.order),
  ], painPointRows);
  const personaWeights = await insertRows<WeightRow>(client, "PersonaWeight", [
    col("id", "text", (r) => r.id),
    { name: "scorecardId", sql: `'${scorecard.id}'` },
    col("personaId", "text", (r) => r.personaId),
    col("weight", "numeric", (r) => r.weight),
    col("effectiveFrom", "date", (r) => r.effectiveFrom),
    col("reason", "text", (r) => r.reason),
    col("setById", "text", (r) => r.setById),
  ], plan.weights);
  const kpiTargets = await insertRows<TargetRow>(client, "KpiTarget", [
    col("id", "text", (r) => r.id),
    col("kpiId", "text", (r) => r.kpiId),
    col("personaId", "text", (r) => r.personaId),
    col("effectiveFrom", "date", (r) => r.effectiveFrom),
    col("baseline", "numeric", (r) => r.baseline),
    col("target", "numeric", (r) => r.target),
    col("green", "numeric", (r) => r.green),
    col("red", "numeric", (r) => r.red),
    col("greenHigh", "numeric", (r) => r.greenHigh),
    col("redHigh", "numeric", (r) => r.redHigh),
    col("rationale", "text", (r) => r.rationale),
    col("setById", "text", (r) => r.setById),
  ], plan.targets);
  return {
    departments,
    users,
    scorecards: 1,
    perspectives,
    objectives,
    objectiveLinks,
    kpis,
    personas,
    personaAttributes,
    personaPainPoints,
    personaWeights,
    kpiTargets,
  };
}
