import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize, EVERY_PERSONA, personaScope, scopeIncludes } from "@/lib/auth/policy";
import { changePersonaStatus } from "@/lib/commands/personas/change-persona-status";
import { createPersona } from "@/lib/commands/personas/create-persona";
import { updatePersona } from "@/lib/commands/personas/update-persona";
import { setKpiTarget } from "@/lib/commands/targets/set-kpi-target";
import { recalibrateWeights } from "@/lib/commands/weights/recalibrate-weights";
import type { CommandResult } from "@/lib/commands/command";
import { getDb } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/errors";
import { getKpiTargetsPage, getTargetSuggestion } from "@/lib/queries/kpi-targets";
import { getWeightsPage } from "@/lib/queries/persona-weights";
import { kpiWhere } from "@/lib/queries/persona-scope";
import { apiCreatePersonaBodySchema, apiPatchPersonaBodySchema, apiRecalibrationBodySchema, apiSetTargetBodySchema } from "@/lib/validation/api-analyst";
import type { ApiPersonaJson, ApiSetTargetResultJson, ApiSuggestionJson, ApiTargetsJson, ApiWeightsJson } from "./analyst-schemas";

// The analyst endpoints of /api/v1 (personas, weights, targets, suggestions). Each turns its
// request into the input of the command the screens use, so the rules and the messages are the
// same; refusals are thrown as AppErrors (withApiActor answers them as problem+json) with the
// command's field names translated to the body's (personaId -> persona, weights.<id> -> weights.<slug>).

const NO_STORE = { "Cache-Control": "private, no-store" };
const MAX_BODY_BYTES = 256 * 1024;

/** The JSON object body of a request, with only the keys its schema names; else a 400 naming what is wrong. */
export async function readBody(request: Request, schema: z.ZodObject): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("INVALID", `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("INVALID", "The body must be a JSON object (Content-Type: application/json).", { "": ["The body is not JSON."] });
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("INVALID", "The body must be a JSON object.", { "": ["The body must be a JSON object."] });
  }
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    const errors: FieldErrors = Object.fromEntries(unknown.map((k) => [k, [`Unknown field; this endpoint takes ${known.join(", ")}.`]]));
    throw new AppError("INVALID", `Unknown field${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}.`, errors);
  }
  return body as Record<string, unknown>;
}

function renameFields(errors: FieldErrors, rename: (key: string) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) (out[rename(key)] ??= []).push(...messages);
  return out;
}

/** A refused command as the AppError withApiActor answers. */
function refusal(result: Extract<CommandResult<unknown>, { ok: false }>, rename: (key: string) => string = (k) => k): never {
  throw new AppError(result.code, result.message, renameFields(result.fieldErrors, rename), result.details);
}

// ───────────────────────────── Personas ─────────────────────────────

/** A persona as the API answers it; null when there is none with the slug, or it is outside the actor's persona scope (a 404 either way). */
export async function personaJson(actor: Actor, slug: string): Promise<ApiPersonaJson | null> {
  const db = await getDb();
  const p = await db.persona.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      status: true,
      statusRationale: true,
      priority: true,
      revenueInfluence: true,
      reviewCadenceMonths: true,
      nextReviewOn: true,
      version: true,
      painPoints: { orderBy: { order: "asc" }, select: { text: true } },
      attributes: { orderBy: [{ kind: "asc" }, { order: "asc" }], select: { kind: true, label: true, value: true } },
    },
  });
  if (!p) return null;
  const { id, ...shown } = p;
  if (!scopeIncludes(personaScope(actor), id)) return null;
  return {
    persona: {
      ...shown,
      painPoints: p.painPoints.map((pp) => pp.text),
      revenueInfluence: p.revenueInfluence === null ? null : Number((Number(p.revenueInfluence) * 100).toFixed(2)),
      nextReviewOn: p.nextReviewOn ? p.nextReviewOn.toISOString().slice(0, 10) : null,
    },
  };
}

/** POST /api/v1/personas. */
export async function createPersonaFromApi(actor: Actor, request: Request): Promise<Response> {
  // Refused before the body is read: a restricted caller learns nothing (not even which slugs are taken).
  authorize(actor, "persona.write", EVERY_PERSONA);
  const body = await readBody(request, apiCreatePersonaBodySchema);
  const result = await createPersona(actor, { priority: 3, reviewCadenceMonths: 3, revenueInfluence: null, ...body });
  if (!result.ok) refusal(result);
  return Response.json((await personaJson(actor, result.data.persona.slug))!, { headers: NO_STORE });
}

const PERSONA_FIELDS = ["name", "slug", "description", "priority", "revenueInfluence", "reviewCadenceMonths", "attributes", "painPoints"] as const;

/** PATCH /api/v1/personas/{slug}: fields through update-persona, or a status change through change-persona-status. */
export async function patchPersonaFromApi(actor: Actor, request: Request, slug: string): Promise<Response> {
  // A persona outside the caller's scope answers 404, like one that does not exist (before the body is read).
  const current = await personaJson(actor, slug);
  if (!current) throw new AppError("NOT_FOUND", `No persona with the slug “${slug}”.`);
  const body = await readBody(request, apiPatchPersonaBodySchema);
  const db = await getDb();
  const { id } = (await db.persona.findUnique({ where: { slug }, select: { id: true } }))!;
  const fields = PERSONA_FIELDS.filter((f) => f in body);
  const version = "version" in body ? body.version : current.persona.version;
  const statusChange = "status" in body || "rationale" in body;
  if (statusChange && fields.length > 0) {
    const message = "Change the status in a request of its own: fields and a status change are two steps.";
    throw new AppError("INVALID", message, { status: [message] });
  }
  if (!statusChange && fields.length === 0) {
    throw new AppError("INVALID", `Nothing to change: send fields (${PERSONA_FIELDS.join(", ")}) or a status with its rationale.`, { "": ["Nothing to change."] });
  }
  if (statusChange) {
    const result = await changePersonaStatus(actor, { personaId: id, version, toStatus: body.status, rationale: body.rationale });
    if (!result.ok) refusal(result);
    return Response.json((await personaJson(actor, result.data.persona.slug))!, { headers: NO_STORE });
  }
  const p = current.persona;
  const result = await updatePersona(actor, {
    personaId: id,
    version,
    name: p.name,
    slug: p.slug,
    description: p.description,
    priority: p.priority,
    revenueInfluence: p.revenueInfluence,
    reviewCadenceMonths: p.reviewCadenceMonths,
    attributes: p.attributes,
    painPoints: p.painPoints,
    ...Object.fromEntries(fields.map((f) => [f, body[f]])),
  });
  if (!result.ok) refusal(result);
  return Response.json((await personaJson(actor, result.data.persona.slug))!, { headers: NO_STORE });
}

// ───────────────────────────── Weights ─────────────────────────────

export async function weightsJson(actor: Actor, scorecardSlug: string): Promise<ApiWeightsJson> {
  const page = await getWeightsPage(actor, scorecardSlug);
  if (!page) throw new AppError("NOT_FOUND", `No scorecard with the slug “${scorecardSlug}”.`);
  return {
    scorecard: { slug: page.scorecard.slug, name: page.scorecard.name },
    versions: page.versions.map((v) => ({
      effectiveFrom: v.effectiveFrom,
      until: v.until,
      reasons: v.reasons,
      setBy: v.setBy,
      weights: v.rows.map((r) => ({ persona: r.slug, name: r.name, weight: r.weight, share: r.share, changed: r.changed })),
      otherPersonas: v.otherPersonas,
    })),
  };
}

/** POST /api/v1/scorecards/{slug}/weights: a recalibration, personas by slug. */
export async function recalibrateFromApi(actor: Actor, request: Request, scorecardSlug: string): Promise<Response> {
  // Refused before the body's slugs are looked up, so the answer confirms no persona's existence.
  authorize(actor, "weight.write", EVERY_PERSONA);
  const body = await readBody(request, apiRecalibrationBodySchema);
  const db = await getDb();
  const scorecard = await db.scorecard.findUnique({ where: { slug: scorecardSlug }, select: { id: true } });
  if (!scorecard) throw new AppError("NOT_FOUND", `No scorecard with the slug “${scorecardSlug}”.`);
  const sent = body.weights;
  if (sent === null || typeof sent !== "object" || Array.isArray(sent)) {
    throw new AppError("INVALID", "weights must map persona slugs to numbers.", { weights: ["Weights must map persona slugs to numbers, such as {\"smb-owner\": 2}."] });
  }
  const slugs = Object.keys(sent);
  const personas = await db.persona.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const idOf = new Map(personas.map((p) => [p.slug, p.id]));
  const slugOf = new Map(personas.map((p) => [p.id, p.slug]));
  const missing = slugs.filter((s) => !idOf.has(s));
  if (missing.length > 0) {
    throw new AppError("INVALID", "Some weights name no persona.", Object.fromEntries(missing.map((s) => [`weights.${s}`, [`No persona with the slug “${s}”.`]])));
  }
  const weights = Object.fromEntries(Object.entries(sent as Record<string, unknown>).map(([slug, w]) => [idOf.get(slug)!, w]));
  const result = await recalibrateWeights(actor, { scorecardId: scorecard.id, effectiveFrom: body.effectiveFrom, reason: body.reason, weights });
  if (!result.ok) refusal(result, (key) => (key.startsWith("weights.") ? `weights.${slugOf.get(key.slice(8)) ?? key.slice(8)}` : key));
  return Response.json(await weightsJson(actor, scorecardSlug), { headers: NO_STORE });
}

// ───────────────────────────── Targets ─────────────────────────────

export async function targetsJson(actor: Actor, kpiCode: string): Promise<ApiTargetsJson> {
  const page = await getKpiTargetsPage(actor, kpiCode);
  if (!page) throw new AppError("NOT_FOUND", `No KPI with the code “${kpiCode}”.`);
  return {
    kpi: { code: page.kpi.code, name: page.kpi.name, direction: page.kpi.direction, frequency: page.kpi.frequency },
    targets: page.rows.map((row) => ({
      persona: row.persona?.slug ?? null,
      effectiveFrom: row.effectiveFrom,
      baseline: row.baseline,
      target: row.target,
      green: row.green,
      red: row.red,
      greenHigh: row.greenHigh,
      redHigh: row.redHigh,
      rationale: row.rationale,
      setBy: row.setBy,
      setAt: row.setAt,
    })),
    inForce: page.grid.map((g) => ({ persona: g.persona.slug, periods: g.cells })),
  };
}

/** POST /api/v1/kpis/{code}/targets: the KPI default (no persona) or a persona's override. */
export async function setTargetFromApi(actor: Actor, request: Request, kpiCode: string): Promise<Response> {
  const body = await readBody(request, apiSetTargetBodySchema);
  const db = await getDb();
  // A proposal hidden from the caller (entirely about personas outside their access) reads as unknown.
  const kpi = await db.kpi.findFirst({ where: { code: kpiCode, ...kpiWhere(personaScope(actor)) }, select: { id: true } });
  if (!kpi) throw new AppError("NOT_FOUND", `No KPI with the code “${kpiCode}”.`);
  let personaId: string | null = null;
  if (body.persona !== undefined && body.persona !== null) {
    const found = typeof body.persona === "string" ? await db.persona.findUnique({ where: { slug: body.persona }, select: { id: true } }) : null;
    // A persona outside the caller's scope reads as unknown, like the import's rows.
    const persona = found && scopeIncludes(personaScope(actor), found.id) ? found : null;
    if (!persona) throw new AppError("INVALID", "No such persona.", { persona: [`No persona with the slug “${String(body.persona)}”; null or absent sets the KPI default.`] });
    personaId = persona.id;
  }
  const result = await setKpiTarget(actor, { ...body, persona: undefined, kpiId: kpi.id, personaId });
  if (!result.ok) refusal(result, (key) => (key === "personaId" ? "persona" : key));
  const rows = await targetsJson(actor, kpiCode);
  const saved = rows.targets.find((r) => r.persona === result.data.target.personaSlug && r.effectiveFrom === result.data.target.effectiveFrom)!;
  return Response.json({ target: saved, replaced: result.data.replaced, pairsQueued: result.data.pairsQueued } satisfies ApiSetTargetResultJson, { headers: NO_STORE });
}

/** GET /api/v1/kpis/{code}/personas/{slug}/suggestion. */
export async function suggestionJson(actor: Actor, kpiCode: string, personaSlug: string): Promise<ApiSuggestionJson> {
  const s = await getTargetSuggestion(actor, kpiCode, personaSlug);
  if (!s) throw new AppError("NOT_FOUND", "No such KPI or persona.");
  return {
    kpi: { code: s.kpi.code, direction: s.kpi.direction, frequency: s.kpi.frequency },
    persona: { slug: s.persona.slug, name: s.persona.name, status: s.persona.status as ApiSuggestionJson["persona"]["status"] },
    window: s.window,
    history: s.history,
    distribution: s.distribution,
    histogram: s.histogram,
    minimumHistory: s.minimumHistory,
    suggestion: s.suggestion,
  };
}
