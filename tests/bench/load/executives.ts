import { performance } from "node:perf_hooks";
import type { Session } from "./sessions";

// Executives as people use the app (k6's "virtual users"): each opens a screen, reads it for a
// think time, then opens the next, round the three screens, through either server in turn (as a
// load balancer would send them). The autocannon run beside it has no think time: every
// connection asks again the moment an answer ends, which measures the servers' capacity rather
// than 50 people. Latency is from sending the request to the last byte of the answer.

export interface Screen {
  name: string;
  path: () => string;
}

export interface ScreenStats {
  latencies: number[];
  ok: number;
  non2xx: number;
  errors: number;
}

export interface Think {
  minSeconds: number;
  maxSeconds: number;
}

/** "2-8" -> 2..8 s, "3" -> 3..3 s; null when malformed. */
export function parseThink(text: string): Think | null {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text.trim());
  if (!m) return null;
  const minSeconds = Number(m[1]);
  const maxSeconds = m[2] === undefined ? minSeconds : Number(m[2]);
  return maxSeconds >= minSeconds ? { minSeconds, maxSeconds } : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function driveExecutives(bases: string[], sessions: Session[], screens: Screen[], seconds: number, think: Think): Promise<Map<string, ScreenStats>> {
  const stats = new Map(screens.map((s) => [s.name, { latencies: [] as number[], ok: 0, non2xx: 0, errors: 0 }]));
  const thinkMs = () => 1000 * (think.minSeconds + Math.random() * (think.maxSeconds - think.minSeconds));
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    sessions.map(async (session, i) => {
      // Arrivals spread over one think time, not 50 requests in the same millisecond.
      await sleep(Math.random() * 1000 * think.maxSeconds);
      for (let n = i; performance.now() < end; n++) {
        const screen = screens[n % screens.length]!;
        const base = bases[n % bases.length]!;
        const s = stats.get(screen.name)!;
        const started = performance.now();
        try {
          const response = await fetch(`${base}${screen.path()}`, { headers: { cookie: session.cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
          await response.arrayBuffer();
          s.latencies.push(performance.now() - started);
          if (response.status === 200) s.ok++;
          else s.non2xx++;
        } catch {
          s.errors++;
        }
        const pause = Math.min(thinkMs(), end - performance.now());
        if (pause > 0) await sleep(pause);
      }
    }),
  );
  return stats;
}
