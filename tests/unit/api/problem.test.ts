import { describe, expect, it, vi } from "vitest";
import { problem, problemFrom } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";

// RFC 9457 problem details for /api/v1.

describe("problem+json", () => {
  it("builds type, title, status, detail, code and per-field errors", async () => {
    const response = problemFrom(new AppError("INVALID", "Check the period.", { period: ["Use YYYY-MM."] }));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({ type: "about:blank", title: "Bad Request", status: 400, detail: "Check the period.", code: "INVALID", errors: { period: ["Use YYYY-MM."] } });
  });

  it("adds WWW-Authenticate to a 401 and leaves out empty errors", async () => {
    const response = problemFrom(new AppError("UNAUTHENTICATED", "Send a token."));
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await response.json()).toEqual({ type: "about:blank", title: "Unauthorized", status: 401, detail: "Send a token.", code: "UNAUTHENTICATED" });
  });

  it("maps each code to its status", () => {
    expect(problemFrom(new AppError("FORBIDDEN", "x")).status).toBe(403);
    expect(problemFrom(new AppError("NOT_FOUND", "x")).status).toBe(404);
    expect(problemFrom(new AppError("CONFLICT", "x")).status).toBe(409);
    expect(problemFrom(new AppError("RATE_LIMITED", "x")).status).toBe(429);
    expect(problem(418, "INVALID", "x").status).toBe(418);
  });

  it("answers a plain 500 for anything else, without its message", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = problemFrom(new Error("secret detail"));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toMatchObject({ status: 500, code: "INTERNAL", title: "Internal Server Error" });
    expect(JSON.stringify(body)).not.toContain("secret detail");
    spy.mockRestore();
  });
});
