import { z } from "zod";

// The one place that reads process.env. Parsed once; a missing or malformed variable stops
// start-up with a message that names it.

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());
const flag = z.preprocess(emptyAsUndefined, z.enum(["true", "false", "1", "0"]).optional()).transform((v) => v === "true" || v === "1");

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("development")),
    DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// connection URL"),
    ),
    /** Connections per app server to DATABASE_URL. The embedded database always uses one. */
    DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
    PGLITE_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data/pglite")),
    /** Folder of pg_dump / pg_restore for npm run db:backup / db:restore on Postgres (default: looked up on this machine). */
    PG_BIN_DIR: optional(z.string()),
    NEXTAUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)")),
    NEXTAUTH_URL: optional(z.url("must be an absolute URL such as https://scorecard.example.com")),
    OIDC_ISSUER: optional(z.url("must be the issuer URL of your OpenID Connect provider")),
    OIDC_CLIENT_ID: optional(z.string()),
    OIDC_CLIENT_SECRET: optional(z.string()),
    OIDC_DISPLAY_NAME: z.preprocess(emptyAsUndefined, z.string().default("Single sign-on")),
    /** Lets the demo seed write into a production database (it refuses otherwise). */
    ALLOW_DEMO_SEED: flag,
    /** Skip seeding demo data when the app starts on an empty database. */
    SKIP_DEMO_SEED: flag,
    /**
     * The demo's last month with data, 'YYYY-MM' (read as 'YYYY-MM-01'). Unset: the latest month
     * already overdue on the day of seeding (lib/demo/end-period.ts). Tests pin it.
     */
    DEMO_END_PERIOD: optional(
      z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, "must be a month, YYYY-MM (such as 2026-10)")
        .transform((v) => `${v.slice(0, 7)}-01`),
    ),
    /** REST API: requests one token may make per window (lib/api/rate-limit.ts). */
    API_RATE_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1_000_000).default(600)),
    /** REST API: length of the rate-limit window, in seconds. */
    API_RATE_LIMIT_WINDOW_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(86_400).default(60)),

    // ── Jobs (npm run worker) and e-mail ──
    /** Cron of the full escalation run (pg-boss, in JOBS_TIMEZONE): nightly at 02:00 by default. */
    ESCALATION_CRON: z.preprocess(emptyAsUndefined, z.string().regex(/^\S+( \S+){4,5}$/, "must be a cron expression such as 0 2 * * *").default("0 2 * * *")),
    /** Cron of the reminders run: every morning at 06:00 by default. */
    REMINDER_CRON: z.preprocess(emptyAsUndefined, z.string().regex(/^\S+( \S+){4,5}$/, "must be a cron expression such as 0 6 * * *").default("0 6 * * *")),
    /** Cron of the pruning run (old sign-in attempts, expired idempotency keys, ended rate-limit windows): daily at 03:30. */
    PRUNE_CRON: z.preprocess(emptyAsUndefined, z.string().regex(/^\S+( \S+){4,5}$/, "must be a cron expression such as 30 3 * * *").default("30 3 * * *")),
    JOBS_TIMEZONE: z.preprocess(emptyAsUndefined, z.string().default("UTC")),
    /** Days after a period ends before its missing values are overdue (reminders). */
    REMINDER_GRACE_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(365).default(10)),
    /** How often a worker hands waiting pair re-evaluations to the queue and sends due e-mails. */
    WORKER_POLL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3600).default(10)),
    SMTP_URL: optional(z.string().regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")),
    SMTP_HOST: optional(z.string()),
    SMTP_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    SMTP_USER: optional(z.string()),
    SMTP_PASS: optional(z.string()),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE: flag,
    /** Sender of notification e-mails, e.g. "Persona Scorecard <scorecard@example.com>". */
    MAIL_FROM: optional(z.string().min(3)),
    /** Attempts per e-mail before it is marked FAILED; the wait doubles after each, from EMAIL_RETRY_SECONDS. */
    EMAIL_MAX_ATTEMPTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(50).default(8)),
    EMAIL_RETRY_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(86_400).default(60)),
    /** The dashboards' read-model cache in Postgres (lib/queries/read-cache.ts): "off" computes every view afresh. */
    READ_CACHE: z.preprocess(emptyAsUndefined, z.enum(["on", "off"]).default("on")),
    LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  })
  .superRefine((env, ctx) => {
    const oidc = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
    const set = oidc.filter((key) => env[key] !== undefined);
    if (set.length > 0 && set.length < oidc.length) {
      for (const key of oidc.filter((k) => env[k] === undefined)) {
        ctx.addIssue({ code: "custom", path: [key], message: `is required when ${set.join(", ")} ${set.length > 1 ? "are" : "is"} set` });
      }
    }
    if ((env.SMTP_URL !== undefined || env.SMTP_HOST !== undefined) && env.MAIL_FROM === undefined) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required when SMTP_URL or SMTP_HOST is set (the sender of notification e-mails)" });
    }
    if (env.SMTP_URL !== undefined && env.SMTP_HOST !== undefined) {
      ctx.addIssue({ code: "custom", path: ["SMTP_HOST"], message: "set SMTP_URL or SMTP_HOST (with SMTP_PORT, SMTP_USER, SMTP_PASS), not both" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The environment for a child process this one starts (pg_dump, pg_restore): this process's, plus `extra`. */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Production with a real database: demo conveniences (generated secrets, demo seed) are off. */
export function isProductionDatabase(e: Env = env()): boolean {
  return e.NODE_ENV === "production" && e.DATABASE_URL !== undefined;
}
