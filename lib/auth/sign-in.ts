import "server-only";
import { getDb, type DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { hashPassword, verifyPassword } from "./password";
import { lockedUntil, minutesUntil, THROTTLE, THROTTLE_LOOKBACK_MS } from "./throttle";

// Password sign-in with database-backed throttling. One transaction per attempt, serialised
// per email with a transaction-scoped advisory lock, so concurrent attempts on several app
// servers cannot slip past the limit between "count failures" and "record this one".

export type PasswordSignInResult =
  | { ok: true; actor: Actor }
  | { ok: false; reason: "invalid" | "inactive" }
  | { ok: false; reason: "locked"; until: Date; minutes: number };

export interface PasswordSignInInput {
  email: unknown;
  password: unknown;
  ip?: string | null;
  now?: Date;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword("not-a-password-of-anyone");
  return dummyHash;
}

/** Serialises attempts for one email across app servers until the transaction ends. */
export async function lockAttemptsOf(tx: DbClient, email: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`;
}

/** The failed attempts of an email that still count: within the look-back, since its last success. */
export async function recentFailures(tx: DbClient, email: string, now: Date): Promise<Date[]> {
  const lastSuccess = await tx.signInAttempt.findFirst({
    where: { email, succeeded: true },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = new Date(Math.max(now.getTime() - THROTTLE_LOOKBACK_MS, lastSuccess?.createdAt.getTime() ?? 0));
  const failures = await tx.signInAttempt.findMany({
    where: { email, succeeded: false, createdAt: { gt: since, lte: now } },
    select: { createdAt: true },
  });
  return failures.map((f) => f.createdAt);
}

export async function signInWithPassword(input: PasswordSignInInput): Promise<PasswordSignInResult> {
  if (typeof input.email !== "string" || typeof input.password !== "string") return { ok: false, reason: "invalid" };
  const email = normalizeEmail(input.email);
  const password = input.password;
  if (email.length === 0 || email.length > 320 || password.length === 0 || password.length > 1024) {
    return { ok: false, reason: "invalid" };
  }
  const now = input.now ?? new Date();
  const ip = input.ip ?? null;
  const db = await getDb();

  return db.$transaction(async (tx) => {
    await lockAttemptsOf(tx, email);

    const failures = await recentFailures(tx, email, now);
    const locked = lockedUntil(failures, now);
    if (locked) {
      await tx.auditEvent.create({
        data: {
          actorId: null,
          actorLabel: "sign-in",
          action: "auth.sign-in.refused",
          entityType: "SignIn",
          entityId: email,
          after: { reason: "too many failed sign-ins", lockedUntil: locked.toISOString(), ip } satisfies Prisma.InputJsonObject,
          at: now,
        },
      });
      return { ok: false, reason: "locked", until: locked, minutes: minutesUntil(locked, now) } as const;
    }

    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, role: true, departmentId: true, active: true, passwordHash: true, mustChangePassword: true },
    });
    const passwordOk = user?.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : (await verifyPassword(await timingDummy(), password), false);
    const succeeded = passwordOk && user !== null && user.active;

    await tx.signInAttempt.create({ data: { email, succeeded, ip, createdAt: now } });

    if (succeeded) {
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
      // Keep the table small: attempts older than the look-back window no longer matter.
      await tx.signInAttempt.deleteMany({ where: { email, createdAt: { lt: new Date(now.getTime() - THROTTLE_LOOKBACK_MS) } } });
      return {
        ok: true,
        actor: {
          id: user.id,
          role: user.role,
          departmentId: user.departmentId,
          name: user.name,
          email: user.email,
          mustChangePassword: user.mustChangePassword,
        },
      } as const;
    }

    // Did this failure lock the email? Then say so now, and audit it.
    const nowLocked = lockedUntil([...failures, now], now);
    if (nowLocked) {
      await tx.auditEvent.create({
        data: {
          actorId: null,
          actorLabel: "sign-in",
          action: "auth.sign-in.locked",
          entityType: "SignIn",
          entityId: email,
          after: {
            reason: `${THROTTLE.maxFailures} failed sign-ins within ${THROTTLE.windowMs / 60_000} minutes`,
            lockedUntil: nowLocked.toISOString(),
            ip,
          } satisfies Prisma.InputJsonObject,
          at: now,
        },
      });
      return { ok: false, reason: "locked", until: nowLocked, minutes: minutesUntil(nowLocked, now) } as const;
    }
    // A deactivated account is named only to someone who knows its password.
    return { ok: false, reason: passwordOk && user && !user.active ? "inactive" : "invalid" } as const;
  });
}
