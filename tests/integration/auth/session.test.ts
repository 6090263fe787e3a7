import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { makeUser } from "../commands/fixtures";

// getActor / requireActor / requirePermission with next-auth and Next's request APIs stubbed:
// what matters here is that the database, not the cookie, decides.

const state = vi.hoisted(() => ({ session: null as null | { user: { id: string; signedInAt?: number } }, path: null as string | null }));

vi.mock("next-auth", () => ({ getServerSession: vi.fn(async () => state.session) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(state.path ? { "x-request-path": state.path } : {}) }));
vi.mock("next/server", () => ({ connection: async () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
}));

const { getActor, requireActor, requirePermission } = await import("@/lib/auth/session");

beforeEach(() => {
  state.session = null;
  state.path = null;
});

describe("the actor of a request", () => {
  it("is null without a session", async () => {
    expect(await getActor()).toBeNull();
  });

  it("comes from the database: role and department as they are now", async () => {
    const db = await getDb();
    const department = await db.department.create({ data: { name: "Session Dept" } });
    const user = await makeUser({ role: "EXECUTIVE" });
    state.session = { user: { id: user.id } };
    expect(await getActor()).toMatchObject({ id: user.id, role: "EXECUTIVE", departmentId: null });
    await db.user.update({ where: { id: user.id }, data: { role: "ANALYST", departmentId: department.id } });
    expect(await getActor()).toMatchObject({ id: user.id, role: "ANALYST", departmentId: department.id });
  });

  it("stops existing as soon as the user is deactivated or deleted", async () => {
    const db = await getDb();
    const user = await makeUser();
    state.session = { user: { id: user.id } };
    expect(await getActor()).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getActor()).toBeNull();
    state.session = { user: { id: "deleted-user" } };
    expect(await getActor()).toBeNull();
  });

  it("ends sessions that began before 'sign out everywhere', and only those", async () => {
    const db = await getDb();
    const user = await makeUser();
    const signedIn = Date.now() - 60_000;
    state.session = { user: { id: user.id, signedInAt: signedIn } };
    expect(await getActor()).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { sessionsValidFrom: new Date(signedIn + 1) } });
    expect(await getActor()).toBeNull();
    // A session from before the feature carries no start time: it ends too.
    state.session = { user: { id: user.id } };
    expect(await getActor()).toBeNull();
    // Signing in again afterwards gives a session that counts.
    state.session = { user: { id: user.id, signedInAt: Date.now() } };
    expect(await getActor()).toMatchObject({ id: user.id });
  });

  it("requireActor sends anonymous visitors to sign in, back to the page they asked for", async () => {
    state.path = "/admin/users?x=1";
    await expect(requireActor()).rejects.toThrow("REDIRECT /sign-in?callbackUrl=%2Fadmin%2Fusers%3Fx%3D1");
    state.path = "//evil.example";
    await expect(requireActor()).rejects.toThrow("REDIRECT /sign-in");
  });

  it("requirePermission shows the 403 page to a role that may not", async () => {
    const exec = await makeUser({ role: "EXECUTIVE" });
    state.session = { user: { id: exec.id } };
    await expect(requirePermission("user.manage")).rejects.toThrow("FORBIDDEN");
    await expect(requirePermission("dashboard.read")).resolves.toMatchObject({ id: exec.id });
  });

  it("the entry grid (/entry, measurement.enter): KPI owners and admins, not analysts or executives", async () => {
    for (const role of ["EXECUTIVE", "ANALYST"] as const) {
      state.session = { user: { id: (await makeUser({ role })).id } };
      await expect(requirePermission("measurement.enter"), role).rejects.toThrow("FORBIDDEN");
    }
    for (const role of ["KPI_OWNER", "ADMIN"] as const) {
      const user = await makeUser({ role });
      state.session = { user: { id: user.id } };
      await expect(requirePermission("measurement.enter"), role).resolves.toMatchObject({ id: user.id });
    }
  });
});
