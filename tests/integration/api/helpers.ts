import { expect } from "vitest";
import type { Role } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { actorOf, makeUser } from "../commands/fixtures";

// Calling /api/v1 route handlers as functions, with Requests that carry a real token.

export const BASE = "http://localhost/api/v1";

export async function tokenFor(role: Role = "EXECUTIVE") {
  const user = await makeUser({ role });
  const actor = actorOf(user);
  const created = await createApiToken(actor, { name: `test ${role}` });
  if (!created.ok) throw new Error(created.message);
  return { actor, secret: created.data.secret, tokenId: created.data.token.id };
}

export function apiRequest(path: string, bearer: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (bearer !== null) headers.set("authorization", `Bearer ${bearer}`);
  return new Request(`${BASE}${path}`, { ...init, headers });
}

export async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ type: "about:blank", status, code, title: expect.any(String), detail: expect.any(String) });
  return body;
}
