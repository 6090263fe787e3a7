import nodemailer from "nodemailer";
import type { Env } from "@/lib/env";

// SMTP through nodemailer 7 (next-auth 4.24 pins it as a peer). Settings come from the
// environment (lib/env.ts): SMTP_URL, or SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASS and
// SMTP_SECURE; MAIL_FROM is the sender. No settings: no mailer, and the outbox marks rows SKIPPED.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a receiving system can recognise a resend. */
  messageId: string;
}

export interface Mailer {
  /** What the log says about where mail goes (never the password). */
  describe: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface SmtpSettings {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  pass?: string;
  secure?: boolean;
  from: string;
}

export function smtpSettingsFromEnv(env: Env): SmtpSettings | null {
  if (!env.MAIL_FROM || (!env.SMTP_URL && !env.SMTP_HOST)) return null;
  return { url: env.SMTP_URL, host: env.SMTP_HOST, port: env.SMTP_PORT, user: env.SMTP_USER, pass: env.SMTP_PASS, secure: env.SMTP_SECURE, from: env.MAIL_FROM };
}

export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const timeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };
  const transport = settings.url
    ? nodemailer.createTransport(settings.url, { ...timeouts })
    : nodemailer.createTransport({
        host: settings.host,
        port: settings.port ?? (settings.secure ? 465 : 587),
        secure: settings.secure ?? false,
        auth: settings.user ? { user: settings.user, pass: settings.pass ?? "" } : undefined,
        ...timeouts,
      });
  const where = settings.url ? new URL(settings.url).host : `${settings.host}:${settings.port ?? (settings.secure ? 465 : 587)}`;
  return {
    describe: `SMTP ${where}, from ${settings.from}`,
    async send(message) {
      await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
    },
    close() {
      transport.close();
    },
  };
}
