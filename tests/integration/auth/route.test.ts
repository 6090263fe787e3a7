import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { makeUser } from "../commands/fixtures";

// Route handlers answer JSON: 401 anonymous, 403 for a role that may not, the AppError's status otherwise.

const state = vi.hoisted(() => ({ session: null as null | { user: { id: string } } }));
vi.mock("next-auth", () => ({ getServerSession: vi.fn(async () => state.session) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/server", () => ({ connection: async () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { withActor, errorResponse } = await import("@/lib/auth/route");

const handler = withActor("audit.read", async (actor) => Response.json({ events: [], for: actor.role }));
const call = () => handler(new Request("http://localhost/api/v1/audit"), {});

beforeEach(() => {
  state.session = null;
});

describe("withActor", () => {
  it("answers 401 JSON when nobody is signed in", async () => {
    const response = await call();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "Sign in to use this endpoint." } });
  });

  it("answers 403 JSON, and no data, to a role that may not", async () => {
    state.session = { user: { id: (await makeUser({ role: "EXECUTIVE" })).id } };
    const response = await call();
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: { code: "FORBIDDEN", message: "Only administrators can read the audit log." } });
  });

  it("runs the handler for a role that may", async () => {
    state.session = { user: { id: (await makeUser({ role: "ADMIN" })).id } };
    const response = await call();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ events: [], for: "ADMIN" });
  });

  it("maps each AppError code to its status, with field errors; other errors are a plain 500", async () => {
    expect(errorResponse(new AppError("INVALID", "Check the fields.", { name: ["Required."] })).status).toBe(400);
    expect(await errorResponse(new AppError("INVALID", "Check the fields.", { name: ["Required."] })).json()).toEqual({
      error: { code: "INVALID", message: "Check the fields.", fieldErrors: { name: ["Required."] } },
    });
    expect(errorResponse(new AppError("NOT_FOUND", "x")).status).toBe(404);
    expect(errorResponse(new AppError("CONFLICT", "x")).status).toBe(409);
    expect(errorResponse(new AppError("RATE_LIMITED", "x")).status).toBe(429);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const internal = errorResponse(new Error("secret detail"));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(await internal.json())).not.toContain("secret detail");
    spy.mockRestore();
  });
});
