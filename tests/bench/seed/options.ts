import { addPeriods, formatPeriodKey, parsePeriodKey } from "@/lib/scoring/periods";

// What to generate. The command line (tests/bench/seed.ts) and the screen benchmark both build one.

export interface BenchSize {
  personas: number;
  kpis: number;
  /** Months of history, ending with `end`. */
  months: number;
}

export interface BenchSeedOptions extends BenchSize {
  /** Last month with values ('YYYY-MM-01'); by default the month before the current one. */
  end: string;
  /** PRNG seed: the same options give the same rows. */
  seed: number;
}

export interface SeedCommand extends BenchSeedOptions {
  databaseUrl: string | undefined;
  reset: boolean;
}

export const DEFAULT_SIZE: BenchSize = { personas: 50, kpis: 500, months: 60 };
export const DEFAULT_SEED = 20240601;

/** The month before the one `now` falls in. */
export function defaultEndPeriod(now: Date): string {
  return addPeriods(formatPeriodKey(now.getUTCFullYear(), now.getUTCMonth() + 1), "MONTHLY", -1);
}

const LIMITS: Record<keyof BenchSize, [number, number]> = { personas: [1, 1000], kpis: [1, 20_000], months: [1, 600] };

function positiveInt(name: keyof BenchSize, raw: string | undefined): number {
  const n = Number(raw);
  const [min, max] = LIMITS[name];
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${raw ?? "nothing"})`);
  return n;
}

/** 'YYYY-MM' or 'YYYY-MM-01' -> 'YYYY-MM-01'. */
export function monthKey(raw: string): string {
  const key = /^\d{4}-\d{2}$/.test(raw) ? `${raw}-01` : raw;
  parsePeriodKey(key, "MONTHLY");
  return key;
}

export function parseSeedCommand(argv: string[], env: { DATABASE_URL?: string }, now: Date): SeedCommand {
  const command: SeedCommand = {
    ...DEFAULT_SIZE,
    end: defaultEndPeriod(now),
    seed: DEFAULT_SEED,
    databaseUrl: env.DATABASE_URL || undefined,
    reset: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case "--personas":
      case "--kpis":
      case "--months":
        command[name.slice(2) as keyof BenchSize] = positiveInt(name.slice(2) as keyof BenchSize, value());
        break;
      case "--end":
        command.end = monthKey(value() ?? "");
        break;
      case "--seed":
        command.seed = Number(value());
        if (!Number.isInteger(command.seed)) throw new Error("--seed must be a whole number");
        break;
      case "--database-url":
        command.databaseUrl = value();
        break;
      case "--reset":
        command.reset = true;
        break;
      default:
        throw new Error(`Unknown argument ${arg}`);
    }
  }
  return command;
}
