import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { acceptableRequestId, createWebLogger, REDACTED, requestIdOf } from "@/lib/log";

// The web logger never writes a password, token or session cookie, wherever it sits in a logged object.

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createWebLogger("info", stream), lines };
}

const SECRETS = {
  password: "hunter2-password-value",
  newPassword: "new-passphrase-value",
  token: "psk_live_token_value",
  bearer: "Bearer abc.def.ghi-bearer-value",
  cookie: "next-auth.session-token=eyJ-session-cookie-value",
  accessToken: "access-token-value",
  idToken: "id-token-value",
  setCookie: "__Secure-next-auth.session-token=set-cookie-value",
};

describe("web logger", () => {
  it("redacts passwords, tokens and cookies at any depth, and keeps the rest", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        requestId: "req-12345678",
        password: SECRETS.password,
        body: { email: "someone@example.test", currentPassword: SECRETS.password, newPassword: SECRETS.newPassword },
        req: { headers: { authorization: SECRETS.bearer, cookie: SECRETS.cookie, "user-agent": "vitest" } },
        res: { headers: { "set-cookie": SECRETS.setCookie } },
        account: { tokens: { access_token: SECRETS.accessToken, id_token: SECRETS.idToken } },
        apiToken: { token: SECRETS.token, name: "CI" },
      },
      "request",
    );
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const secret of Object.values(SECRETS)) expect(line).not.toContain(secret);
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({
      msg: "request",
      requestId: "req-12345678",
      password: REDACTED,
      body: { email: "someone@example.test", currentPassword: REDACTED, newPassword: REDACTED },
      req: { headers: { authorization: REDACTED, cookie: REDACTED, "user-agent": "vitest" } },
      res: { headers: { "set-cookie": REDACTED } },
      account: { tokens: { access_token: REDACTED, id_token: REDACTED } },
      apiToken: { token: REDACTED, name: "CI" },
    });
  });

  it("logs errors with their message and stack", () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error("database unreachable") }, "Unhandled error in a route handler");
    const entry = JSON.parse(lines[0]!);
    expect(entry.level).toBe(50);
    expect(entry.err).toMatchObject({ type: "Error", message: "database unreachable" });
    expect(entry.err.stack).toContain("database unreachable");
  });

  it("takes a plain request id from the request, and nothing else", () => {
    expect(requestIdOf(new Request("http://x/", { headers: { "x-request-id": "0f8fad5b-d9cb-469f-a165-70867728950e" } }))).toBe(
      "0f8fad5b-d9cb-469f-a165-70867728950e",
    );
    expect(requestIdOf(new Request("http://x/"))).toBeNull();
    expect(acceptableRequestId("abc\n{\"level\":60}")).toBe(false);
    expect(acceptableRequestId("short")).toBe(false);
    expect(acceptableRequestId("x".repeat(129))).toBe(false);
  });
});
