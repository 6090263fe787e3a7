import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { KNOWN_PASSWORD, makeUser } from "../commands/fixtures";

// Password sign-in against the database: results, recorded attempts, throttling and its audit.

const t0 = Date.parse("2026-11-23T09:00:00Z");
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

async function attempts(email: string) {
  const db = await getDb();
  return db.signInAttempt.findMany({ where: { email }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

async function auditFor(email: string) {
  const db = await getDb();
  return db.auditEvent.findMany({ where: { entityType: "SignIn", entityId: email }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

describe("password sign-in", () => {
  it("signs an active user in with their role and department, case-insensitively", async () => {
    const user = await makeUser({ role: "ANALYST", email: "case@example.test" });
    const result = await signInWithPassword({ email: "  CASE@Example.test ", password: KNOWN_PASSWORD, ip: "203.0.113.9", now: at(0) });
    expect(result).toEqual({
      ok: true,
      actor: { id: user.id, role: "ANALYST", departmentId: null, name: user.name, email: user.email, mustChangePassword: false },
    });
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toEqual(at(0));
    expect(await attempts(user.email)).toMatchObject([{ succeeded: true, ip: "203.0.113.9" }]);
  });

  it("refuses a wrong password and an unknown email the same way, recording both", async () => {
    const user = await makeUser();
    expect(await signInWithPassword({ email: user.email, password: "wrong", now: at(0) })).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword({ email: "nobody@example.test", password: "wrong", now: at(0) })).toEqual({ ok: false, reason: "invalid" });
    expect(await attempts(user.email)).toMatchObject([{ succeeded: false }]);
    expect(await attempts("nobody@example.test")).toMatchObject([{ succeeded: false }]);
  });

  it("refuses malformed input without touching the database", async () => {
    for (const input of [{ email: 1, password: "x" }, { email: "a@b.c", password: "" }, { email: "", password: "x" }, {}]) {
      expect(await signInWithPassword(input as never)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("a deactivated user cannot sign in; only the right password learns why", async () => {
    const user = await makeUser({ active: false });
    expect(await signInWithPassword({ email: user.email, password: KNOWN_PASSWORD, now: at(0) })).toEqual({ ok: false, reason: "inactive" });
    expect(await signInWithPassword({ email: user.email, password: "wrong", now: at(0) })).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an email for 15 minutes after 5 failures within 15 minutes, and audits it", async () => {
    const user = await makeUser({ email: "locked@example.test" });
    for (const minute of [0, 1, 2, 3]) {
      expect(await signInWithPassword({ email: user.email, password: "wrong", now: at(minute) })).toEqual({ ok: false, reason: "invalid" });
    }
    // The fifth failure locks, and says so.
    expect(await signInWithPassword({ email: user.email, password: "wrong", ip: "198.51.100.7", now: at(4) })).toEqual({ ok: false, reason: "locked", until: at(19), minutes: 15 });
    // Even the right password is refused while locked; refused attempts are audited, not counted.
    expect(await signInWithPassword({ email: user.email, password: KNOWN_PASSWORD, now: at(10) })).toEqual({ ok: false, reason: "locked", until: at(19), minutes: 9 });
    expect(await attempts(user.email)).toHaveLength(5);
    const audit = await auditFor(user.email);
    expect(audit.map((e) => e.action)).toEqual(["auth.sign-in.locked", "auth.sign-in.refused"]);
    expect(audit[0]).toMatchObject({ actorId: null, after: { lockedUntil: at(19).toISOString(), ip: "198.51.100.7" } });
    // 15 minutes after the locking failure, the right password works again.
    expect(await signInWithPassword({ email: user.email, password: KNOWN_PASSWORD, now: at(19) })).toMatchObject({ ok: true });
  });

  it("failures spread over more than 15 minutes do not lock", async () => {
    const user = await makeUser();
    for (const minute of [0, 4, 8, 12, 16]) {
      expect(await signInWithPassword({ email: user.email, password: "wrong", now: at(minute) })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signInWithPassword({ email: user.email, password: KNOWN_PASSWORD, now: at(17) })).toMatchObject({ ok: true });
  });

  it("a successful sign-in starts the count again", async () => {
    const user = await makeUser();
    for (const minute of [0, 1, 2, 3]) await signInWithPassword({ email: user.email, password: "wrong", now: at(minute) });
    expect(await signInWithPassword({ email: user.email, password: KNOWN_PASSWORD, now: at(4) })).toMatchObject({ ok: true });
    expect(await signInWithPassword({ email: user.email, password: "wrong", now: at(5) })).toEqual({ ok: false, reason: "invalid" });
  });

  it("holds when attempts arrive at once (as from several servers): exactly 5 failures are recorded", async () => {
    const user = await makeUser();
    const results = await Promise.all(Array.from({ length: 8 }, () => signInWithPassword({ email: user.email, password: "wrong", now: at(0) })));
    expect(results.filter((r) => r.ok === false && r.reason === "invalid")).toHaveLength(4);
    expect(results.filter((r) => r.ok === false && r.reason === "locked")).toHaveLength(4);
    expect(await attempts(user.email)).toHaveLength(5);
  });
});
