import { gunzipSync } from "node:zlib";

// What kind of backup a file is, from its bytes (never from its name):
//   - "embedded": a PGlite data-folder archive (`dumpDataDir`: a gzipped tar holding PG_VERSION
//     at its root), written by `npm run db:backup` without DATABASE_URL;
//   - "postgres": a pg_dump custom-format archive (starts with "PGDMP"), written with DATABASE_URL;
//   - "unknown": anything else (a plain SQL dump, a tar of something else, a truncated file).

export type BackupKind = "embedded" | "postgres";

export interface DetectedBackup {
  kind: BackupKind | "unknown";
  /** PostgreSQL major version of the embedded archive's data folder (its PG_VERSION). */
  pgVersion?: string;
}

const GZIP = [0x1f, 0x8b];
const PG_DUMP_MAGIC = "PGDMP";

function tarEntries(tar: Uint8Array): { name: string; content: Uint8Array }[] {
  const entries: { name: string; content: Uint8Array }[] = [];
  const text = new TextDecoder();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    if (text.decode(header.subarray(257, 262)) !== "ustar") return [];
    const field = (start: number, length: number) => text.decode(header.subarray(start, start + length)).replace(/\0.*$/s, "");
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    if (!Number.isFinite(size) || size < 0) return [];
    entries.push({ name, content: tar.subarray(offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

export function detectBackup(bytes: Uint8Array): DetectedBackup {
  if (new TextDecoder().decode(bytes.subarray(0, PG_DUMP_MAGIC.length)) === PG_DUMP_MAGIC) return { kind: "postgres" };
  if (bytes[0] === GZIP[0] && bytes[1] === GZIP[1]) {
    let tar: Uint8Array;
    try {
      tar = gunzipSync(bytes);
    } catch {
      return { kind: "unknown" };
    }
    const version = tarEntries(tar).find((e) => e.name.replace(/^\.?\//, "") === "PG_VERSION");
    if (version) return { kind: "embedded", pgVersion: new TextDecoder().decode(version.content).trim() };
  }
  return { kind: "unknown" };
}

export const KIND_LABEL: Record<BackupKind, string> = {
  embedded: "a backup of the embedded database (a PGlite data-folder archive)",
  postgres: "a backup of a Postgres database (a pg_dump custom-format archive)",
};

/** The refusal for a file that is not a backup of the kind this database takes. */
export function wrongKindMessage(file: string, detected: DetectedBackup, target: BackupKind): string {
  if (detected.kind === "unknown") {
    return `${file} is not a backup written by npm run db:backup (neither a PGlite data-folder archive nor a pg_dump custom-format archive). Nothing was changed.`;
  }
  const how =
    target === "postgres"
      ? "It can only be restored into the embedded database: run npm run db:restore without DATABASE_URL (PGLITE_DATA_DIR names the folder)."
      : "It can only be restored into a Postgres server: set DATABASE_URL to that database and run npm run db:restore again.";
  const where = target === "postgres" ? "DATABASE_URL is set, so this restore targets Postgres." : "DATABASE_URL is not set, so this restore targets the embedded database.";
  return `${file} is ${KIND_LABEL[detected.kind]}. ${where} ${how} Nothing was changed.`;
}
