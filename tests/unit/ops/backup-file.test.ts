import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectBackup, wrongKindMessage } from "@/lib/ops/backup-file";
import { libpqConnection } from "@/lib/ops/postgres-backup";

// Which kind of backup a file is, from its bytes; and the connection handed to pg_dump.

describe("detectBackup", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ps-detect-"));
  const tarOf = (files: Record<string, string>, name: string) => {
    for (const [f, content] of Object.entries(files)) writeFileSync(path.join(dir, f), content);
    const file = path.join(dir, name);
    execFileSync("tar", ["czf", file, "-C", dir, ...Object.keys(files)]);
    return readFileSync(file);
  };

  it("a pg_dump custom-format archive starts with PGDMP", () => {
    expect(detectBackup(Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(20)]))).toEqual({ kind: "postgres" });
  });

  it("a gzipped tar with PG_VERSION at its root is a PGlite data-folder archive, with its version", () => {
    expect(detectBackup(tarOf({ PG_VERSION: "17\n", "postgresql.conf": "x" }, "a.tgz"))).toEqual({ kind: "embedded", pgVersion: "17" });
  });

  it("anything else is unknown: a gzipped tar of other files, plain gzip, SQL text, nothing", () => {
    expect(detectBackup(tarOf({ "notes.txt": "hello" }, "b.tgz"))).toEqual({ kind: "unknown" });
    expect(detectBackup(gzipSync(Buffer.from("SELECT 1;")))).toEqual({ kind: "unknown" });
    expect(detectBackup(Buffer.from("--\n-- PostgreSQL database dump\n"))).toEqual({ kind: "unknown" });
    expect(detectBackup(new Uint8Array())).toEqual({ kind: "unknown" });
    expect(detectBackup(Buffer.from([0x1f, 0x8b, 0, 0]))).toEqual({ kind: "unknown" });
  });

  it("the refusal names what the file is and where it can go", () => {
    expect(wrongKindMessage("f", { kind: "embedded" }, "postgres")).toMatch(/^f is a backup of the embedded database.*DATABASE_URL is set.*without DATABASE_URL.*Nothing was changed\.$/);
    expect(wrongKindMessage("f", { kind: "postgres" }, "embedded")).toMatch(/^f is a backup of a Postgres database.*set DATABASE_URL/);
  });
});

describe("libpqConnection", () => {
  it("keeps the password off the command line and drops Prisma-only parameters", () => {
    const { dbname, env } = libpqConnection("postgresql://app:s%40cret@db.example:5433/scorecard?schema=public&sslmode=require&connection_limit=5");
    expect(dbname).toBe("postgresql://app@db.example:5433/scorecard?sslmode=require");
    expect(env).toEqual({ PGPASSWORD: "s@cret" });
  });
});
