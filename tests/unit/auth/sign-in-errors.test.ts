import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPath } from "@/lib/auth/callback-path";
import { SIGN_IN_ERROR, signInErrorMessage } from "@/lib/auth/sign-in-errors";

describe("sign-in error messages", () => {
  it("says a wrong password plainly", () => {
    expect(signInErrorMessage("CredentialsSignin")).toMatch(/email and password do not match/);
  });
  it("says how long a locked email waits", () => {
    expect(signInErrorMessage(`${SIGN_IN_ERROR.rateLimited}-12`)).toMatch(/Too many failed sign-ins.*12 minutes/);
    expect(signInErrorMessage(`${SIGN_IN_ERROR.rateLimited}-1`)).toMatch(/1 minute\./);
  });
  it("never echoes an unknown code (no text injection through ?error=)", () => {
    const message = signInErrorMessage("Your account is suspended, call +1 555 0100");
    expect(message).toBe("Sign-in did not work. Try again.");
  });
  it("has nothing to say without a code", () => {
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
  });
});

describe("callback paths", () => {
  it.each([
    ["/admin/users?x=1", "/admin/users?x=1"],
    ["/", "/"],
    [undefined, "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/sign-in?callbackUrl=%2F", "/"],
    ["/sign-out", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
  it("builds the sign-in link", () => {
    expect(signInPath("/admin/audit?page=2")).toBe("/sign-in?callbackUrl=%2Fadmin%2Faudit%3Fpage%3D2");
    expect(signInPath("/")).toBe("/sign-in");
  });
});
