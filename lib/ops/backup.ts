import path from "node:path";
import type { Env } from "@/lib/env";
import { backupEmbedded, restoreEmbedded } from "./embedded-backup";
import { describeFingerprint, type Fingerprint } from "./fingerprint";
import { backupPostgres, restorePostgres } from "./postgres-backup";

// npm run db:backup / db:restore: the configured database decides the kind, as lib/db does.
// DATABASE_URL set: that Postgres (pg_dump / pg_restore). Unset: the embedded database in
// PGLITE_DATA_DIR (PGlite's data-folder archive). Returns the lines the command prints.

export async function backupDatabase(config: Env, file: string): Promise<{ fingerprint: Fingerprint; lines: string[] }> {
  if (config.DATABASE_URL) {
    const result = await backupPostgres(config.DATABASE_URL, file, { binDir: config.PG_BIN_DIR });
    return {
      fingerprint: result.fingerprint,
      lines: [
        `Backed up the Postgres database to ${result.file} (${kib(result.bytes)}, pg_dump custom format, ${result.tool.path} ${result.tool.version}).`,
        describeFingerprint(result.fingerprint),
      ],
    };
  }
  const dataDir = path.resolve(config.PGLITE_DATA_DIR);
  const result = await backupEmbedded(dataDir, file);
  return {
    fingerprint: result.fingerprint,
    lines: [`Backed up the embedded database in ${dataDir} to ${result.file} (${kib(result.bytes)}, PGlite data-folder archive).`, describeFingerprint(result.fingerprint)],
  };
}

export async function restoreDatabase(config: Env, file: string, options: { force?: boolean }): Promise<{ fingerprint: Fingerprint; lines: string[] }> {
  if (config.DATABASE_URL) {
    const result = await restorePostgres(config.DATABASE_URL, file, { force: options.force, binDir: config.PG_BIN_DIR });
    return {
      fingerprint: result.fingerprint,
      lines: [`Restored ${result.file} into the Postgres database (${result.tool.path} ${result.tool.version}).`, describeFingerprint(result.fingerprint)],
    };
  }
  const dataDir = path.resolve(config.PGLITE_DATA_DIR);
  const result = await restoreEmbedded(file, dataDir, options);
  return {
    fingerprint: result.fingerprint,
    lines: [
      ...(result.movedAsideTo ? [`The previous embedded database was moved aside to ${result.movedAsideTo} (delete it when you no longer need it).`] : []),
      `Restored ${result.file} into the embedded database in ${dataDir}.`,
      describeFingerprint(result.fingerprint),
    ],
  };
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}
