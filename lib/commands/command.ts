import "server-only";
import type { z } from "zod";
import { authorize, canSome, forbiddenError, type Action, type Resource } from "@/lib/auth/policy";
import type { Actor } from "@/lib/auth/actor";
import { getDb, type DbClient } from "@/lib/db";
import { AppError, type AppErrorCode, type ErrorDetails, type FieldErrors } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsFrom } from "@/lib/validation/common";
import { newId } from "./ids";

// The one checked write path. A command is (actor, input) -> result:
//   1. the actor's role may do the action at all (policy, no database), else FORBIDDEN;
//   2. the input parses with the command's zod schema (lib/validation), else INVALID with field errors;
//   3. one transaction: load the resource the policy needs, authorize(actor, action, resource),
//      write the change and its AuditEvent(s) through ctx.audit; any error rolls all of it back.
// Refused or invalid commands write nothing. Expected failures come back as
// { ok: false, code, message, fieldErrors } plus, only when the command gave them, `details`:
// structured JSON the caller needs to act on the refusal (a CONFLICT carrying the current state,
// see save-measurement); only bugs and outages throw.

export type CommandResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors: FieldErrors; details?: ErrorDetails };

export type Command<I, T> = (actor: Actor, input: I | unknown) => Promise<CommandResult<T>>;

export interface AuditEntry {
  /** Defaults to the command's name, e.g. "user.create". */
  action?: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  /**
   * `after` already serialized as JSON text, for a large payload (an import lists every cell it
   * changed): written with one raw INSERT, since mapping a 100,000-element JSON value through the
   * client takes seconds. Use instead of `after`.
   */
  afterJson?: string;
}

export interface CommandContext<P, R = undefined> {
  actor: Actor;
  input: P;
  /** What the definition's `prepare` returned (undefined without one). */
  prepared: R;
  tx: DbClient;
  /** Records an AuditEvent in this transaction. Every command that changes something calls it. */
  audit(entry: AuditEntry): Promise<void>;
  /** Says the command changed nothing (so it writes no audit event). */
  unchanged(): void;
  /**
   * Runs `fn` once the transaction has committed (never when it rolls back), after the command's
   * result is known; errors are logged, not returned. For nudges such as "drain the pair
   * re-evaluations now" on the embedded database; anything durable belongs in the transaction.
   */
  afterCommit(fn: () => void | Promise<void>): void;
}

export interface CommandDefinition<S extends z.ZodType, T, R = undefined> {
  /** Audit action name: "<entity>.<verb>", e.g. "user.create". */
  name: string;
  /** The policy action this command needs. */
  action: Action;
  schema: S;
  /** The resource the policy decides on, read inside the transaction (e.g. the KPI and its owner). */
  resource?: (input: z.output<S>, tx: DbClient, actor: Actor) => Promise<Resource | undefined>;
  /**
   * Slow work that must not hold a database connection (argon2 verifying or hashing a password):
   * runs after validation, before and outside the transaction. It may refuse with fail(...); it
   * writes nothing of the command's own (bookkeeping such as a throttle record is its own
   * transaction). `run` must re-check, inside the transaction, whatever it relied on.
   */
  prepare?: (ctx: { actor: Actor; input: z.output<S> }) => Promise<R>;
  run: (ctx: CommandContext<z.output<S>, R>) => Promise<T>;
  /** Transaction limits for commands that write in bulk (Prisma's defaults: wait 2 s, run 5 s). */
  transaction?: { maxWait?: number; timeout?: number };
}

export function fail(code: AppErrorCode, message: string, fieldErrors: FieldErrors = {}, details?: ErrorDetails): never {
  throw new AppError(code, message, fieldErrors, details);
}

function refused<T>(error: AppError): CommandResult<T> {
  const result: CommandResult<T> = { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  if (error.details !== undefined) result.details = error.details;
  return result;
}

/** Database errors that are the caller's doing, in plain language; anything else is rethrown. */
function fromDatabaseError(error: unknown): AppError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (error.code === "P2002") return new AppError("CONFLICT", "That conflicts with something that already exists.");
  if (error.code === "P2025") return new AppError("NOT_FOUND", "That no longer exists. Reload the page and try again.");
  if (error.code === "P2034") return new AppError("CONFLICT", "Someone else changed this at the same time. Try again.");
  return null;
}

const MAX_INPUT_ERRORS_MESSAGE = "Some fields need attention.";

export function defineCommand<S extends z.ZodType, T, R = undefined>(definition: CommandDefinition<S, T, R>): Command<z.input<S>, T> {
  return async (actor, rawInput) => {
    // 1. Role gate: no database, and an actor who may never do this learns nothing about the input.
    if (!canSome(actor, definition.action)) return refused(forbiddenError(actor, definition.action));

    // 2. Validation with the shared schema.
    const parsed = definition.schema.safeParse(rawInput);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsFrom(parsed.error);
      const formLevel = fieldErrors[""];
      return {
        ok: false,
        code: "INVALID",
        message: formLevel?.[0] ?? MAX_INPUT_ERRORS_MESSAGE,
        fieldErrors,
      };
    }
    const input = parsed.data as z.output<S>;

    // 3. One transaction: authorize on the resource, write, audit (after `prepare`, outside it).
    const db = await getDb();
    const committed: Array<() => void | Promise<void>> = [];
    try {
      const prepared = (definition.prepare ? await definition.prepare({ actor, input }) : undefined) as R;
      const data = await db.$transaction(async (tx) => {
        const resource = definition.resource ? await definition.resource(input, tx, actor) : undefined;
        authorize(actor, definition.action, resource);

        let audits = 0;
        let declaredUnchanged = false;
        const ctx: CommandContext<z.output<S>, R> = {
          actor,
          input,
          prepared,
          tx,
          async audit(entry) {
            if (entry.afterJson !== undefined) {
              await tx.$executeRawUnsafe(
                `INSERT INTO "AuditEvent" (id, "actorId", "actorLabel", action, "entityType", "entityId", before, after, at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::timestamp(3))`,
                newId(),
                actor.id,
                `${actor.name} <${actor.email}>`,
                entry.action ?? definition.name,
                entry.entityType,
                entry.entityId,
                entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
                entry.afterJson,
                new Date().toISOString(),
              );
              audits++;
              return;
            }
            await tx.auditEvent.create({
              data: {
                actorId: actor.id,
                actorLabel: `${actor.name} <${actor.email}>`,
                action: entry.action ?? definition.name,
                entityType: entry.entityType,
                entityId: entry.entityId,
                before: entry.before ?? Prisma.DbNull,
                after: entry.after ?? Prisma.DbNull,
              },
            });
            audits++;
          },
          unchanged() {
            declaredUnchanged = true;
          },
          afterCommit(fn) {
            committed.push(fn);
          },
        };
        const result = await definition.run(ctx);
        if (audits === 0 && !declaredUnchanged) {
          // A command that changed something must say so in the audit log: roll it back.
          throw new Error(`Command ${definition.name} finished without an audit event.`);
        }
        return result;
      }, definition.transaction);
      for (const fn of committed) {
        Promise.resolve()
          .then(fn)
          .catch((error: unknown) => console.error(`After ${definition.name}: ${error instanceof Error ? error.message : String(error)}`));
      }
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return refused(error);
      const known = fromDatabaseError(error);
      if (known) return refused(known);
      throw error;
    }
  };
}
