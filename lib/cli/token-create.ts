// npm run token:create -- --email <user> --name <label> [--expires YYYY-MM-DD]
// Creates an API token for an active user and prints it once (it is stored only as a sha-256).
// Against the configured database (DATABASE_URL, or the embedded one: stop the app first, one
// process at a time may open its data folder), after applying pending migrations.
//
// It runs the create-api-token command AS THAT USER, not as a system actor: a token is its
// user's credential, and the command only ever creates tokens for its actor. So the CLI goes
// through the same checked path as /account/tokens (policy, validation, audit row with the user
// as actor) and the command needs no "for another user" branch that the UI could reach.
// Whoever can run this already holds the database; the audit row records the token's creation.
import { createApiToken } from "@/lib/commands/tokens/create-api-token";
import { closeDatabase, getDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { emailSchema } from "@/lib/validation/common";

function argument(argv: string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
}

const USAGE = "Usage: npm run token:create -- --email <user> --name <label> [--expires YYYY-MM-DD]";

try {
  const argv = process.argv.slice(2);
  const email = emailSchema.safeParse(argument(argv, "email") ?? "");
  const name = argument(argv, "name");
  if (!email.success || !name) throw new Error(USAGE);

  const database = await getDatabase();
  const migrations = await applyMigrations(database.pool);
  if (migrations.newlyApplied.length > 0) console.error(`Applied migrations: ${migrations.newlyApplied.join(", ")}`);

  const user = await database.prisma.user.findUnique({
    where: { email: email.data },
    select: { id: true, role: true, departmentId: true, name: true, email: true, active: true },
  });
  if (!user) throw new Error(`No user with the email ${email.data}.`);
  if (!user.active) throw new Error(`${email.data} is deactivated: its tokens would not work.`);

  const actor = { id: user.id, role: user.role, departmentId: user.departmentId, name: user.name, email: user.email };
  const result = await createApiToken(actor, { name, expiresOn: argument(argv, "expires") ?? null });
  if (!result.ok) {
    const fields = Object.entries(result.fieldErrors).map(([field, messages]) => `  ${field === "expiresOn" ? "--expires" : `--${field}`}: ${messages.join(" ")}`);
    throw new Error([result.message, ...fields].join("\n"));
  }
  const { token, secret } = result.data;
  console.error(
    `Created API token "${token.name}" (${token.prefix}…) for ${user.email}${token.expiresAt ? `, expires ${token.expiresAt.slice(0, 10)}` : ", no expiry"}.`,
  );
  console.error("Copy it now: it is shown only once. Use it as: Authorization: Bearer <token>");
  // The token alone on stdout, so `TOKEN=$(npm run -s token:create -- ...)` works.
  console.log(secret);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
