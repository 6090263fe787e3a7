import { readFile } from "node:fs/promises";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { diffSchemasOffline } from "@/prisma/tools/schema-engine";
import { createEmptyDatabase, type TestDatabase } from "../helpers/test-db";

// schema.prisma and prisma/migrations must describe the same database. Prisma's usual check
// (migrate diff --from-migrations) needs introspection, which fails on the wasm engine, so we
// build one database from the migrations (this file's test database) and another straight from
// schema.prisma, and compare their catalogs.

const CATALOG = `
SELECT 'column' AS kind, c.table_name || '.' || c.column_name AS name,
       concat_ws(' ', c.data_type, c.udt_name, c.character_maximum_length, c.numeric_precision, c.numeric_scale,
                 c.is_nullable, c.column_default) AS definition
FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'
UNION ALL
SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
UNION ALL
SELECT 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')
UNION ALL
SELECT 'enum', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
ORDER BY 1, 2`;

type CatalogRow = { kind: string; name: string; definition: string };

// CHECK constraints that migrations add by hand: Prisma cannot declare them, so the database
// built from schema.prisma lacks them. Each one is listed here with its definition, so a CHECK
// cannot appear, change or vanish in the migrations without this list (and a review) changing too.
const HAND_WRITTEN_CHECKS: CatalogRow[] = [
  {
    kind: "constraint",
    name: '"Kpi".Kpi_retiredIn_only_when_retired',
    definition: `CHECK (((status = 'RETIRED'::"KpiStatus") = ("retiredIn" IS NOT NULL)))`,
  },
  {
    kind: "constraint",
    name: '"Measurement".Measurement_value_xor_not_available',
    definition: `CHECK ((((value IS NULL) <> ("notAvailableReason" IS NULL)) AND (("notAvailableReason" IS NULL) OR (btrim("notAvailableReason") <> ''::text))))`,
  },
  {
    kind: "constraint",
    name: '"MeasurementRevision".MeasurementRevision_value_xor_not_available',
    definition: `CHECK ((((value IS NULL) <> ("notAvailableReason" IS NULL)) AND (("notAvailableReason" IS NULL) OR (btrim("notAvailableReason") <> ''::text))))`,
  },
];
const isHandWrittenCheck = (row: CatalogRow) => HAND_WRITTEN_CHECKS.some((c) => c.kind === row.kind && c.name === row.name);

// Indexes that migrations widen by hand with INCLUDE columns (Prisma cannot declare them):
// schema.prisma declares the key columns, the migration adds the rest. Listed with their full
// definition, so the extra columns cannot change or vanish unnoticed.
const COVERING_INDEXES: CatalogRow[] = [
  {
    kind: "index",
    name: "Measurement_personaId_period_idx",
    definition: `CREATE INDEX "Measurement_personaId_period_idx" ON public."Measurement" USING btree ("personaId", period) INCLUDE ("kpiId", value)`,
  },
];
const withoutInclude = (row: CatalogRow): CatalogRow =>
  COVERING_INDEXES.some((c) => c.kind === row.kind && c.name === row.name) ? { ...row, definition: row.definition.replace(/ INCLUDE \([^)]*\)$/, "") } : row;

describe("schema.prisma and prisma/migrations", () => {
  let fromSchema: TestDatabase;
  beforeAll(async () => {
    const sql = await diffSchemasOffline(null, await readFile("prisma/schema.prisma", "utf8"));
    fromSchema = await createEmptyDatabase();
    const pool = new Pool({ connectionString: fromSchema.url, max: 1 });
    await pool.query(sql);
    await pool.end();
  });
  afterAll(async () => {
    await fromSchema?.drop();
  });

  it("produce the same tables, columns, indexes, constraints and enums (besides the hand-written CHECKs)", async () => {
    const migrated = (await (await getDatabase()).pool.query<CatalogRow>(CATALOG)).rows;
    const pool = new Pool({ connectionString: fromSchema.url, max: 1 });
    const expected = (await pool.query<CatalogRow>(CATALOG)).rows;
    await pool.end();
    expect(migrated.length).toBeGreaterThan(100);
    expect(expected.filter(isHandWrittenCheck)).toEqual([]);
    expect(migrated.filter((row) => !isHandWrittenCheck(row)).map(withoutInclude)).toEqual(expected);
  });

  it("the migrations widen exactly the covering indexes listed here", async () => {
    const { pool } = await getDatabase();
    const included = await pool.query<CatalogRow>(`
      SELECT 'index' AS kind, indexname AS name, indexdef AS definition
      FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% INCLUDE (%' ORDER BY 2`);
    expect(included.rows).toEqual(COVERING_INDEXES);
  });

  it("the migrations add exactly the hand-written CHECK constraints listed here", async () => {
    const { pool } = await getDatabase();
    const checks = await pool.query<CatalogRow>(`
      SELECT 'constraint' AS kind, conrelid::regclass::text || '.' || conname AS name, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 2`);
    expect(checks.rows).toEqual(HAND_WRITTEN_CHECKS);
  });
});
