import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { setEmailNotifications } from "@/lib/commands";
import { getDb } from "@/lib/db";
import { createSmtpMailer, type Mailer } from "@/lib/jobs/email/mailer";
import { retryDelaySeconds, sendPendingEmails } from "@/lib/jobs/email/outbox";
import { actorOf, makeUser } from "../commands/fixtures";

// The e-mail outbox against a real SMTP server (smtp-server) started here: while the server is
// down nothing is lost (the row waits with its next attempt time, doubling), once it is up the
// message arrives exactly once; a user who turned e-mail off, or no SMTP settings at all, makes
// rows SKIPPED; a message the server keeps refusing ends FAILED after the last attempt.

interface Received {
  to: string[];
  raw: string;
}

const received: Received[] = [];
let rejectRecipients = false;
// "Down": the server answers every connection 421 (RFC 5321: service not available, closing the
// channel) until it is brought up. The server owns its port from the start (listen on port 0), so
// the mailer's port is never free for another process to take between the tests.
let serverDown = true;
let server: SMTPServer | undefined;
let port: number;
let mailer: Mailer;
let alice: Actor;
let bob: Actor;

async function startSmtp(): Promise<number> {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onConnect(_session, callback) {
      if (serverDown) return callback(Object.assign(new Error("Mail service not available"), { responseCode: 421 }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (rejectRecipients) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.server.address() as { port: number }).port;
}

async function notify(userId: string, title: string) {
  const db = await getDb();
  return db.notification.create({ data: { userId, kind: "escalation.opened", title, body: `${title}: body`, link: "/kpis/X?persona=y", emailStatus: "PENDING" } });
}

async function row(id: string) {
  const db = await getDb();
  return db.notification.findUniqueOrThrow({ where: { id }, select: { emailStatus: true, emailAttempts: true, emailNextAttemptAt: true, emailSentAt: true, emailLastError: true } });
}

beforeAll(async () => {
  port = await startSmtp();
  mailer = createSmtpMailer({ host: "127.0.0.1", port, secure: false, from: "Persona Scorecard <scorecard@example.test>" });
  alice = actorOf(await makeUser({ role: "KPI_OWNER", email: "alice@example.test" }));
  bob = actorOf(await makeUser({ role: "KPI_OWNER", email: "bob@example.test" }));
});

afterAll(async () => {
  mailer?.close();
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
});

describe("e-mail outbox", () => {
  const t0 = new Date("2026-11-05T08:00:00Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  let first: string;

  it("a user turns e-mail off through a command with its audit event; resending the same choice changes nothing", async () => {
    const db = await getDb();
    expect(await setEmailNotifications(bob, { emailNotifications: "off" })).toEqual({ ok: true, data: { emailNotifications: false } });
    expect(await setEmailNotifications(bob, { emailNotifications: false })).toEqual({ ok: true, data: { emailNotifications: false } });
    const audits = await db.auditEvent.findMany({ where: { action: "account.email-notifications.set" } });
    expect(audits.map((a) => [a.actorId, a.entityId, a.before, a.after])).toEqual([[bob.id, bob.id, { emailNotifications: true }, { emailNotifications: false }]]);
    expect(await setEmailNotifications(bob, { emailNotifications: "maybe" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { emailNotifications: expect.any(Array) } });
  });

  it("while the mail server is down the row waits, with attempts and a doubling next attempt time; e-mail off is SKIPPED", async () => {
    first = (await notify(alice.id, "KPI-1 red for 3 months")).id;
    const offRow = (await notify(bob.id, "KPI-2 red for 3 months")).id;

    const down = await sendPendingEmails(await getDb(), mailer, { now: t0, retrySeconds: 60 });
    expect(down).toEqual({ sent: 0, retrying: 1, failed: 0, skipped: 1 });
    expect(await row(first)).toMatchObject({ emailStatus: "PENDING", emailAttempts: 1, emailNextAttemptAt: at(60), emailSentAt: null, emailLastError: expect.stringMatching(/421.*Mail service not available/) });
    expect(await row(offRow)).toMatchObject({ emailStatus: "SKIPPED", emailAttempts: 0, emailLastError: "The user turned e-mail notifications off" });

    // Before its next attempt time it is left alone; after it, tried again (still down): the wait doubles.
    expect(await sendPendingEmails(await getDb(), mailer, { now: at(30), retrySeconds: 60 })).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(await sendPendingEmails(await getDb(), mailer, { now: at(61), retrySeconds: 60 })).toMatchObject({ retrying: 1 });
    expect(await row(first)).toMatchObject({ emailStatus: "PENDING", emailAttempts: 2, emailNextAttemptAt: at(61 + retryDelaySeconds(2, 60)) });
    expect(retryDelaySeconds(2, 60)).toBe(120);
  });

  it("once the server is up the message is received exactly once and the row is SENT", async () => {
    serverDown = false;
    const db = await getDb();
    expect(await sendPendingEmails(db, mailer, { now: at(200), retrySeconds: 60, appUrl: "https://scorecard.example.test" })).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0 });
    expect(await row(first)).toMatchObject({ emailStatus: "SENT", emailAttempts: 3, emailNextAttemptAt: null, emailLastError: null, emailSentAt: expect.any(Date) });
    // Later passes (and a pass long after) send nothing more.
    expect(await sendPendingEmails(db, mailer, { now: at(300) })).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(await sendPendingEmails(db, mailer, { now: at(86_400) })).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });

    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["alice@example.test"]);
    expect(received[0]!.raw).toContain("Subject: KPI-1 red for 3 months");
    expect(received[0]!.raw).toContain(`Message-ID: <${first}@persona-scorecard>`);
    expect(received[0]!.raw).toContain("https://scorecard.example.test/kpis/X?persona=y");
  });

  it("two senders at once send each message once", async () => {
    const db = await getDb();
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await notify(alice.id, `Batch ${i}`)).id);
    const before = received.length;
    const [a, b] = await Promise.all([sendPendingEmails(db, mailer, { now: at(400) }), sendPendingEmails(db, mailer, { now: at(400) })]);
    expect(a.sent + b.sent).toBe(6);
    expect(received.length - before).toBe(6);
    for (const id of ids) expect((await row(id)).emailStatus).toBe("SENT");
  });

  it("a message the server keeps refusing is FAILED after the last attempt", async () => {
    rejectRecipients = true;
    const id = (await notify(alice.id, "Refused")).id;
    const db = await getDb();
    expect(await sendPendingEmails(db, mailer, { now: at(500), maxAttempts: 2, retrySeconds: 10 })).toMatchObject({ retrying: 1, failed: 0 });
    expect(await sendPendingEmails(db, mailer, { now: at(520), maxAttempts: 2, retrySeconds: 10 })).toMatchObject({ retrying: 0, failed: 1 });
    expect(await row(id)).toMatchObject({ emailStatus: "FAILED", emailAttempts: 2, emailNextAttemptAt: null, emailLastError: expect.stringMatching(/550|unavailable/i) });
    rejectRecipients = false;
  });

  it("without SMTP settings every waiting row is SKIPPED, saying why", async () => {
    const id = (await notify(alice.id, "No SMTP")).id;
    const lines: string[] = [];
    expect(await sendPendingEmails(await getDb(), null, { log: (m) => lines.push(m) })).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 1 });
    expect(await row(id)).toMatchObject({ emailStatus: "SKIPPED", emailLastError: "SMTP is not configured" });
    expect(lines).toEqual([expect.stringContaining("SMTP is not configured")]);
  });
});
