import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { smtpSettingsFromEnv } from "@/lib/jobs/email/mailer";
import { retryDelaySeconds } from "@/lib/jobs/email/outbox";

describe("job and e-mail settings", () => {
  it("defaults: nightly escalations, morning reminders, 10 grace days, no SMTP", () => {
    const env = parseEnv({});
    expect([env.ESCALATION_CRON, env.REMINDER_CRON, env.JOBS_TIMEZONE, env.REMINDER_GRACE_DAYS, env.WORKER_POLL_SECONDS]).toEqual(["0 2 * * *", "0 6 * * *", "UTC", 10, 10]);
    expect(smtpSettingsFromEnv(env)).toBeNull();
  });

  it("SMTP needs MAIL_FROM, and SMTP_URL or SMTP_HOST but not both", () => {
    expect(() => parseEnv({ SMTP_URL: "smtp://u:p@mail.example.com:587" })).toThrow(/MAIL_FROM is required/);
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example.com", SMTP_HOST: "mail.example.com", MAIL_FROM: "a@b.c" })).toThrow(/SMTP_HOST set SMTP_URL or SMTP_HOST/);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.com", MAIL_FROM: "a@b.c" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ ESCALATION_CRON: "nightly" })).toThrow(/ESCALATION_CRON must be a cron expression/);
    const env = parseEnv({ SMTP_HOST: "mail.example.com", SMTP_PORT: "2525", SMTP_USER: "u", SMTP_PASS: "p", MAIL_FROM: "Scorecard <s@example.com>" });
    expect(smtpSettingsFromEnv(env)).toEqual({ url: undefined, host: "mail.example.com", port: 2525, user: "u", pass: "p", secure: false, from: "Scorecard <s@example.com>" });
  });

  it("the retry wait doubles from the first delay", () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a, 60))).toEqual([60, 120, 240, 480, 960]);
  });
});
