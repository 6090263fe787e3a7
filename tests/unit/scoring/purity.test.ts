import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The library's contract: pure TypeScript that imports only itself and never reads the clock.
const dir = path.resolve(__dirname, "../../../lib/scoring");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("lib/scoring purity", () => {
  it("has source files to check", () => {
    expect(files).toContain("index.ts");
  });

  it.each(files)("%s imports nothing outside lib/scoring", (file) => {
    const source = readFileSync(path.join(dir, file), "utf8");
    const specifiers = [...source.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const specifier of specifiers) expect(specifier).toMatch(/^\.\/[\w-]+$/);
    expect(source).not.toMatch(/\brequire\s*\(/);
  });

  it.each(files)("%s does not read the clock or randomness", (file) => {
    const source = readFileSync(path.join(dir, file), "utf8");
    expect(source).not.toMatch(/Date\.now|new Date\(\s*\)|performance\.now|Math\.random|process\./);
  });
});
