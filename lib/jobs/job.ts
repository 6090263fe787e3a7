import type { z } from "zod";
import type { Pool } from "pg";
import type { PrismaClient } from "@/lib/db";

// A background job is a definition: a name, a zod schema for its payload, and a handler that
// calls into lib. Who runs it is swappable: the in-process runner (lib/jobs/in-process.ts) on the
// embedded database and in the CLI; the pg-boss worker (lib/jobs/queue.ts) on Postgres, which
// queues `{ name, payload }` and calls the same handler.

export interface JobContext {
  db: PrismaClient;
  /** The `pg` pool under `db` (lib/db's), for jobs that read many rows raw. */
  pool?: Pool;
  /** Writes a job may run at once (pairs settled in parallel); 1 unless the database has connections to spare. */
  writeConcurrency?: number;
  log: (message: string) => void;
}

export interface JobDefinition<S extends z.ZodType, R> {
  name: string;
  payload: S;
  handler: (payload: z.output<S>, ctx: JobContext) => Promise<R>;
}

export function defineJob<S extends z.ZodType, R>(definition: JobDefinition<S, R>): JobDefinition<S, R> {
  return definition;
}

/** Validates the payload, then runs the handler: what every runner does with a job it picked up. */
export async function runJob<S extends z.ZodType, R>(job: JobDefinition<S, R>, payload: z.input<S> | unknown, ctx: JobContext): Promise<R> {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) throw new Error(`Invalid payload for job ${job.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ")}`);
  return job.handler(parsed.data, ctx);
}
