import "server-only";
import type { PrismaClient } from "@/lib/db";
import type { Mailer } from "./mailer";

// The e-mail sender. Notification rows are the outbox: each is written PENDING in the same
// transaction as the event it announces (an escalation, a reminder), and this sends them:
//   - no SMTP settings: every PENDING row becomes SKIPPED (and the log says why);
//   - the user turned e-mail off (User.emailNotifications) or is deactivated: SKIPPED;
//   - otherwise a batch is claimed (FOR UPDATE SKIP LOCKED, so several workers never take the same
//     row) with a lease: emailAttempts + 1 and emailNextAttemptAt pushed out, then sent one by one.
//     Sent: SENT with emailSentAt. Failed: back to PENDING with emailNextAttemptAt = now +
//     retrySeconds x 2^(attempts - 1) and the error kept, or FAILED after maxAttempts.
// So nothing is lost while the mail server is down. Delivery is at least once: a worker killed
// between the SMTP server's OK and the SENT update sends that one again when the lease ends.

export interface OutboxOptions {
  now?: Date;
  /** Attempts before FAILED (default 8). */
  maxAttempts?: number;
  /** First retry delay; it doubles after each failure (default 60 s). */
  retrySeconds?: number;
  /** Rows claimed per call (default 50). */
  batch?: number;
  /** How long a claimed row is hidden from other workers while it is being sent (default 5 min). */
  leaseSeconds?: number;
  /** Absolute base of the links in e-mails (NEXTAUTH_URL); relative links when unset. */
  appUrl?: string;
  log?: (message: string) => void;
}

export interface OutboxResult {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for good (maxAttempts reached). */
  failed: number;
  skipped: number;
}

interface Claimed {
  id: string;
  title: string;
  body: string;
  link: string | null;
  emailAttempts: number;
  email: string;
}

/** The wait before attempt `attempts + 1`: retrySeconds, then doubling. */
export function retryDelaySeconds(attempts: number, retrySeconds: number): number {
  return retrySeconds * 2 ** Math.max(0, attempts - 1);
}

function text(row: Claimed, appUrl: string | undefined): string {
  const link = row.link ? `\n\n${appUrl ? new URL(row.link, appUrl).toString() : row.link}` : "";
  return `${row.body}${link}\n\n-- \nPersona Scorecard. You can turn these e-mails off on My account.`;
}

export async function sendPendingEmails(db: PrismaClient, mailer: Mailer | null, options: OutboxOptions = {}): Promise<OutboxResult> {
  const now = options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? 8;
  const retrySeconds = options.retrySeconds ?? 60;
  const log = options.log ?? (() => {});
  const result: OutboxResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };

  if (!mailer) {
    const skipped = await db.$executeRaw`
      UPDATE "Notification" SET "emailStatus" = 'SKIPPED', "emailLastError" = 'SMTP is not configured', "emailNextAttemptAt" = NULL
      WHERE "emailStatus" = 'PENDING'`;
    if (skipped > 0) log(`E-mail: ${skipped} notification(s) marked SKIPPED: SMTP is not configured (set SMTP_URL or SMTP_HOST, and MAIL_FROM).`);
    return { ...result, skipped };
  }

  result.skipped = await db.$executeRaw`
    UPDATE "Notification" n SET "emailStatus" = 'SKIPPED', "emailNextAttemptAt" = NULL,
      "emailLastError" = CASE WHEN u.active THEN 'The user turned e-mail notifications off' ELSE 'The user is deactivated' END
    FROM "User" u
    WHERE u.id = n."userId" AND n."emailStatus" = 'PENDING' AND (NOT u."emailNotifications" OR NOT u.active)`;

  const leaseUntil = new Date(now.getTime() + (options.leaseSeconds ?? 300) * 1000);
  const claimed = await db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT id FROM "Notification"
      WHERE "emailStatus" = 'PENDING' AND ("emailNextAttemptAt" IS NULL OR "emailNextAttemptAt" <= ${now})
      ORDER BY "createdAt", id
      LIMIT ${options.batch ?? 50}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Notification" n SET "emailAttempts" = n."emailAttempts" + 1, "emailNextAttemptAt" = ${leaseUntil}
    FROM due, "User" u
    WHERE n.id = due.id AND u.id = n."userId"
    RETURNING n.id, n.title, n.body, n.link, n."emailAttempts" AS "emailAttempts", u.email`;

  for (const row of claimed) {
    try {
      await mailer.send({ to: row.email, subject: row.title, text: text(row, options.appUrl), messageId: `<${row.id}@persona-scorecard>` });
      await db.notification.updateMany({
        where: { id: row.id, emailStatus: "PENDING" },
        data: { emailStatus: "SENT", emailSentAt: new Date(), emailNextAttemptAt: null, emailLastError: null },
      });
      result.sent++;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const final = row.emailAttempts >= maxAttempts;
      await db.notification.updateMany({
        where: { id: row.id, emailStatus: "PENDING" },
        data: final
          ? { emailStatus: "FAILED", emailNextAttemptAt: null, emailLastError: message }
          : { emailNextAttemptAt: new Date(now.getTime() + retryDelaySeconds(row.emailAttempts, retrySeconds) * 1000), emailLastError: message },
      });
      if (final) result.failed++;
      else result.retrying++;
      log(`E-mail to ${row.email} (notification ${row.id}) failed, attempt ${row.emailAttempts} of ${maxAttempts}${final ? ", giving up" : ""}: ${message}`);
    }
  }
  return result;
}
