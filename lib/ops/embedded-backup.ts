import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DataDirInUseError, lockDataDir } from "@/lib/db/embedded";
import { detectBackup, wrongKindMessage } from "./backup-file";
import { exists, OpsError, refuseExisting, removePartial, writeWhole } from "./files";
import { databaseFingerprint, type Fingerprint, type RunSql } from "./fingerprint";

// Backup and restore of the embedded database (PGlite, PGLITE_DATA_DIR).
//
// PGlite is PostgreSQL in one process: the process that opened the data folder (the running app,
// a seed, a migration) is the only one that may read or write it, and it keeps changed pages in
// memory until a checkpoint. A second process copying the folder meanwhile would copy a torn,
// half-written state, and opening it a second time corrupts it. So a backup or a restore refuses
// while another live process holds the folder (its pid in `<folder>.lock`): "stop the app first".
// With the folder to itself, the backup opens it, runs a CHECKPOINT (every committed change is in
// the data files, not only in the write-ahead log), and writes PGlite's own data-folder archive
// (`dumpDataDir`, a gzipped tar) taken under PGlite's query lock: a consistent copy.
// A restore loads that archive into an empty folder (`loadDataDir`).

export interface BackupResult {
  file: string;
  bytes: number;
  fingerprint: Fingerprint;
}

export interface RestoreResult {
  file: string;
  /** Where --force moved the previous contents (embedded: a folder; nothing is deleted). */
  movedAsideTo?: string;
  fingerprint: Fingerprint;
}

const runOn =
  (db: PGlite): RunSql =>
  async (sql) =>
    (await db.query<Record<string, unknown>>(sql)).rows;

export function stopTheAppFirst(dataDir: string, pid: number): OpsError {
  return new OpsError(
    `Stop the app first: the embedded database in ${dataDir} is open in process ${pid} (the running app, a seed or a migration). ` +
      `PGlite is one process holding its data folder, so no other process can copy it consistently while it runs. ` +
      `Stop that process, run this command, then start the app again.`,
  );
}

async function withDataDir<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  let unlock: () => Promise<void>;
  try {
    unlock = await lockDataDir(dataDir, { allowSelf: false });
  } catch (error) {
    if (error instanceof DataDirInUseError) throw stopTheAppFirst(dataDir, error.pid);
    throw error;
  }
  try {
    return await work();
  } finally {
    await unlock();
  }
}

async function isEmptyFolder(dir: string): Promise<boolean> {
  if (!(await exists(dir))) return true;
  if (!(await stat(dir)).isDirectory()) return false;
  return (await readdir(dir)).length === 0;
}

export async function backupEmbedded(dataDirInput: string, fileInput: string): Promise<BackupResult> {
  const dataDir = path.resolve(dataDirInput);
  const file = path.resolve(fileInput);
  await refuseExisting(file);
  if (!(await exists(path.join(dataDir, "PG_VERSION")))) {
    throw new OpsError(`There is no embedded database in ${dataDir} (PGLITE_DATA_DIR): nothing to back up. Set DATABASE_URL to back up a Postgres database.`);
  }
  return withDataDir(dataDir, async () => {
    const db = await PGlite.create(dataDir);
    let archive: Uint8Array;
    let fingerprint: Fingerprint;
    try {
      await db.exec("CHECKPOINT");
      fingerprint = await databaseFingerprint(runOn(db));
      archive = new Uint8Array(await (await db.dumpDataDir("gzip")).arrayBuffer());
    } finally {
      await db.close();
    }
    try {
      await writeWhole(file, archive);
    } catch (error) {
      await removePartial(file);
      throw error;
    }
    return { file, bytes: archive.length, fingerprint };
  });
}

export async function restoreEmbedded(fileInput: string, dataDirInput: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const dataDir = path.resolve(dataDirInput);
  const file = path.resolve(fileInput);
  if (!(await exists(file))) throw new OpsError(`${file} does not exist.`);
  const bytes = await readFile(file);
  const detected = detectBackup(bytes);
  if (detected.kind !== "embedded") throw new OpsError(wrongKindMessage(file, detected, "embedded"));

  return withDataDir(dataDir, async () => {
    let movedAsideTo: string | undefined;
    if (!(await isEmptyFolder(dataDir))) {
      const aside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      if (!options.force) {
        throw new OpsError(
          `The embedded database folder ${dataDir} is not empty: a restore only writes into an empty database, so nothing was changed. ` +
            `To replace that database, run again with --force: its folder is moved aside to ${dataDir}.before-restore-<time> (nothing is deleted) and the backup is restored into a fresh folder.`,
        );
      }
      await rename(dataDir, aside);
      movedAsideTo = aside;
    }
    try {
      await mkdir(path.dirname(dataDir), { recursive: true });
      const db = await PGlite.create({ dataDir, loadDataDir: new Blob([bytes]) });
      try {
        await db.exec("CHECKPOINT");
        return { file, movedAsideTo, fingerprint: await databaseFingerprint(runOn(db)) };
      } finally {
        await db.close();
      }
    } catch (error) {
      // Nothing half-restored stays behind; a folder moved aside comes back.
      await rm(dataDir, { recursive: true, force: true });
      if (movedAsideTo) await rename(movedAsideTo, dataDir);
      throw error;
    }
  });
}
