import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { getExportChoices } from "@/lib/queries/export-choices";
import { actorOf, makeKpi, makePersona, makeUser } from "../commands/fixtures";

// The export form's choices on /entry/import: an owner's own KPIs that have values, the personas
// in the actor's scope, and the months the exportable values span.

let owner: Actor;
let admin: Actor;
let ownKpi: { id: string; code: string };
let emptyKpi: { id: string; code: string };
let othersKpi: { id: string; code: string };
let seen: { id: string; slug: string };
let hidden: { id: string; slug: string };

async function value(kpiId: string, personaId: string, period: string) {
  const db = await getDb();
  await db.measurement.create({ data: { kpiId, personaId, period: new Date(`${period}T00:00:00Z`), value: "50", source: "MANUAL" } });
}

beforeAll(async () => {
  const ownerUser = await makeUser({ role: "KPI_OWNER" });
  owner = actorOf(ownerUser);
  admin = actorOf(await makeUser({ role: "ADMIN" }));
  const other = await makeUser({ role: "KPI_OWNER" });
  ownKpi = await makeKpi({ ownerId: ownerUser.id });
  emptyKpi = await makeKpi({ ownerId: ownerUser.id });
  othersKpi = await makeKpi({ ownerId: other.id });
  seen = await makePersona();
  hidden = await makePersona();
  await value(ownKpi.id, seen.id, "2025-03-01");
  await value(ownKpi.id, hidden.id, "2024-11-01");
  await value(othersKpi.id, seen.id, "2023-01-01");
});

describe("export choices", () => {
  it("offer an owner their own KPIs that have values, and the months those values span", async () => {
    const choices = await getExportChoices(owner);
    const codes = choices.kpis.map((k) => k.code);
    expect(codes).toContain(ownKpi.code);
    expect(codes).not.toContain(emptyKpi.code);
    expect(codes).not.toContain(othersKpi.code);
    expect(choices.months).toEqual({ first: "2024-11", last: "2025-03" });
  });

  it("offer an administrator every KPI with values", async () => {
    const codes = (await getExportChoices(admin)).kpis.map((k) => k.code);
    expect(codes).toEqual(expect.arrayContaining([ownKpi.code, othersKpi.code]));
  });

  it("keep a restricted owner to their personas: choices and months", async () => {
    const restricted: Actor = { ...owner, restrictedToPersonaIds: [seen.id] };
    const choices = await getExportChoices(restricted);
    expect(choices.personas.map((p) => p.slug)).toEqual([seen.slug]);
    expect(choices.personas.map((p) => p.slug)).not.toContain(hidden.slug);
    expect(choices.months).toEqual({ first: "2025-03", last: "2025-03" });
  });

  it("refuse an executive, who exports nothing", async () => {
    const exec = actorOf(await makeUser({ role: "EXECUTIVE" }));
    await expect(getExportChoices(exec)).rejects.toThrow();
  });
});
