import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize, personaScope } from "@/lib/auth/policy";
import { personaWhere } from "./persona-scope";
import { getDb } from "@/lib/db";
import { loadScoredPersonas } from "./scorecard-model";

// Read models of the REST API's lists (GET /api/v1/scorecards, /api/v1/personas): one query each.

export interface ApiScorecard {
  slug: string;
  name: string;
  perspectives: number;
}

export async function listScorecardsForApi(actor: Actor): Promise<ApiScorecard[]> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const rows = await db.scorecard.findMany({
    orderBy: { name: "asc" },
    select: { slug: true, name: true, _count: { select: { perspectives: true } } },
  });
  return rows.map((r) => ({ slug: r.slug, name: r.name, perspectives: r._count.perspectives }));
}

export interface ApiPersona {
  slug: string;
  name: string;
  status: "DRAFT" | "ACTIVE" | "SUNSET";
}

/**
 * The actor's personas in the screens' order (priority, then name): by default those on
 * scorecards (ACTIVE and SUNSET); `status` picks one status, or `all` adds the drafts (as the
 * /personas screen lists them for every role).
 */
export async function listPersonasForApi(actor: Actor, status?: "DRAFT" | "ACTIVE" | "SUNSET" | "all"): Promise<ApiPersona[]> {
  authorize(actor, "dashboard.read");
  const db = await getDb();
  const scoped = personaWhere(personaScope(actor));
  if (status === undefined) {
    const personas = await loadScoredPersonas(db, scoped);
    return personas.map((p) => ({ slug: p.slug, name: p.name, status: p.status as ApiPersona["status"] }));
  }
  return db.persona.findMany({
    where: status === "all" ? scoped : { ...scoped, status },
    orderBy: [{ priority: "asc" }, { name: "asc" }],
    select: { slug: true, name: true, status: true },
  });
}
