import { access, open, rename, rm } from "node:fs/promises";

// Backup files are written whole or not at all: into `<file>.partial`, flushed to disk, then
// renamed, so an interrupted backup never leaves a file that looks complete.

export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpsError";
  }
}

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function refuseExisting(file: string): Promise<void> {
  if (await exists(file)) throw new OpsError(`${file} already exists: choose another file name (a backup never overwrites a file).`);
}

export const partialOf = (file: string) => `${file}.partial`;

/** Flushes the finished `<file>.partial` to disk and gives it its final name. */
export async function commitPartial(file: string): Promise<void> {
  const handle = await open(partialOf(file), "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partialOf(file), file);
}

export async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(partialOf(file), "w");
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
  await commitPartial(file);
}

export async function removePartial(file: string): Promise<void> {
  await rm(partialOf(file), { force: true });
}
