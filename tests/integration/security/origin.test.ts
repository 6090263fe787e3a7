import { beforeAll, describe, expect, it, vi } from "vitest";
import { addPeriods, monthStart } from "@/lib/scoring/periods";
import { makeKpi, makePersona, makeUser, snapshot } from "../commands/fixtures";
import { expectProblem, tokenFor } from "../api/helpers";

// Route handlers that change state on a cookie session refuse a request from another site
// (lib/security/origin.ts, applied by requireRouteActor): 403 problem+json, nothing written.
// The app's own pages pass; bearer-token API calls never depend on Origin.

const state = vi.hoisted(() => ({ session: null as null | { user: { id: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: vi.fn(async () => state.session) }));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));

process.env.NEXTAUTH_URL = "https://scorecard.example.test";

const { POST: uploadFromScreen } = await import("@/app/(app)/entry/import/upload/route");
const { POST: apiImport } = await import("@/app/api/v1/imports/route");
const { withActor } = await import("@/lib/auth/route");

let csv = "";

beforeAll(async () => {
  const owner = await makeUser({ role: "KPI_OWNER" });
  state.session = { user: { id: owner.id } };
  const kpi = await makeKpi({ ownerId: owner.id });
  const persona = await makePersona();
  csv = `kpi_code,persona_slug,period,value,not_available_reason,comment\r\n${kpi.code},${persona.slug},${addPeriods(monthStart(new Date()), "MONTHLY", -1).slice(0, 7)},42,,from the screen\r\n`;
});

function upload(url: string, headers: Record<string, string>, dryRun = "false") {
  const form = new FormData();
  form.append("file", new Blob([csv]), "values.csv");
  return uploadFromScreen(new Request(`${url}/entry/import/upload?dryRun=${dryRun}`, { method: "POST", headers, body: form }));
}

describe("cookie-session route handlers", () => {
  it("refuse a cross-site Origin with 403 problem+json and write nothing", async () => {
    const before = await snapshot();
    for (const origin of ["https://evil.example", "https://scorecard.example.test.evil.example", "null", "http://scorecard.example.test"]) {
      const body = await expectProblem(await upload("https://scorecard.example.test", { origin, host: "scorecard.example.test" }), 403, "FORBIDDEN");
      expect(body.detail).toMatch(/another site/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuse a cross-site Referer when the browser sent no Origin", async () => {
    await expectProblem(await upload("https://scorecard.example.test", { referer: "https://evil.example/form.html" }), 403, "FORBIDDEN");
  });

  it("accept the app's own origin (NEXTAUTH_URL, or the Host it was addressed to) and a same-origin Referer", async () => {
    const own = await upload("https://scorecard.example.test", { origin: "https://scorecard.example.test" }, "true");
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ dryRun: true });
    // Behind a proxy on another name: the Host the browser addressed is this app too.
    const viaHost = await upload("http://10.0.0.5:3000", { origin: "https://intranet.example", "x-forwarded-host": "intranet.example", "x-forwarded-proto": "https" }, "true");
    expect(viaHost.status).toBe(200);
    const viaReferer = await upload("https://scorecard.example.test", { referer: "https://scorecard.example.test/entry/import" }, "true");
    expect(viaReferer.status).toBe(200);
    const committed = await upload("https://scorecard.example.test", { origin: "https://scorecard.example.test" });
    expect(committed.status).toBe(200);
    expect(await committed.json()).toMatchObject({ dryRun: false, counts: { insert: 1 } });
  });

  it("check every route handler that reads the session (withActor), for unsafe methods only", async () => {
    const handler = withActor(null, async (actor) => Response.json({ who: actor.id }));
    const refused = await handler(new Request("https://scorecard.example.test/x", { method: "DELETE", headers: { origin: "https://evil.example" } }), {});
    await expectProblem(refused, 403, "FORBIDDEN");
    const read = await handler(new Request("https://scorecard.example.test/x", { method: "GET", headers: { origin: "https://evil.example" } }), {});
    expect(read.status).toBe(200);
  });
});

describe("bearer-token API", () => {
  it("is unaffected by Origin: a token call from any origin is judged on the token", async () => {
    const { secret } = await tokenFor("KPI_OWNER");
    const form = new FormData();
    form.append("file", new Blob(["kpi_code,value\r\n"]), "values.csv");
    const response = await apiImport(
      new Request("https://scorecard.example.test/api/v1/imports?dryRun=true", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, origin: "https://evil.example" },
        body: form,
      }),
      undefined,
    );
    // Judged on its content (a file without the required columns), not refused for its origin.
    const body = await expectProblem(response, 422, "INVALID");
    expect(body.detail).not.toMatch(/another site/);
  });
});
