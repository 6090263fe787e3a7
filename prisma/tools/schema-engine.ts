import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

// Prisma's schema engine compiled to WebAssembly, loaded by hand: its ESM entry imports a
// .wasm file, which Node 20 cannot do. Used only by development tooling (creating a
// migration, the schema/migrations drift test); the app applies migrations with lib/db/migrate.

interface WasmSchemaEngine {
  diff(params: {
    from: DiffSource;
    to: DiffSource;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

type DiffSource = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

type Bindings = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: {
    new: (options: { datamodels: [string, string][] | undefined }, log: (message: string) => void, adapter: object) => Promise<WasmSchemaEngine>;
  };
};

let bindings: Promise<Bindings> | undefined;

async function loadBindings(): Promise<Bindings> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as Bindings & Record<string, unknown>;
  const wasmModule = await WebAssembly.compile(await readFile(path.join(dir, "schema_engine_bg.wasm")));
  const imports: WebAssembly.Imports = {};
  for (const { module: name } of WebAssembly.Module.imports(wasmModule)) imports[name] = glue as WebAssembly.ModuleImports;
  const instance = await WebAssembly.instantiate(wasmModule, imports);
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  // Without a registry a Rust panic surfaces as a confusing "set_message" TypeError.
  const registry = { message: "", set_message(message: string) { registry.message = message; } };
  (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = registry;
  return glue;
}

/** Opens the engine against a reachable Postgres (it needs one even to diff from empty). */
export async function openSchemaEngine(connectionString: string): Promise<WasmSchemaEngine> {
  bindings ??= loadBindings();
  const { SchemaEngine } = await bindings;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  return SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
}

/** The SQL that takes a database from `from` (a schema text, or null for empty) to `to`. */
export async function diffSchemas(engine: WasmSchemaEngine, from: string | null, to: string): Promise<string> {
  const source = (content: string): DiffSource => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
  const result = await engine.diff({
    from: from === null ? { tag: "empty" } : source(from),
    to: source(to),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? "";
}

/** diffSchemas on a scratch in-memory database, closed afterwards. */
export async function diffSchemasOffline(from: string | null, to: string): Promise<string> {
  const { startEmbeddedPostgres } = await import("@/lib/db/embedded");
  const scratch = await startEmbeddedPostgres(null);
  try {
    return await diffSchemas(await openSchemaEngine(scratch.url), from, to);
  } finally {
    await scratch.close();
  }
}
