import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

// `next start` servers from the existing production build (.next), each its own process with
// its own database pool, sharing only the database and the session secret, as servers behind a
// load balancer would.

export interface Server {
  base: string;
  port: number;
  child: ChildProcess;
  log: string[];
}

export interface ServerOptions {
  databaseUrl: string;
  poolSize: number;
  secret: string;
}

const root = path.resolve(import.meta.dirname, "..", "..", "..");

export function startServer(port: number, options: ServerOptions): Server {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("No production build in .next: run `npm run build` first.");
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: String(options.poolSize),
      NEXTAUTH_SECRET: options.secret,
      NEXTAUTH_URL: base,
      SKIP_DEMO_SEED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { base, port, child, log };
}

/** Waits until the server answers (GET /api/auth/csrf 200), up to `seconds`. */
export async function waitReady(server: Server, seconds = 180): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`The server on ${server.base} exited (${server.child.exitCode}):\n${server.log.slice(-20).join("\n")}`);
    try {
      const response = await fetch(`${server.base}/api/auth/csrf`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server on ${server.base} did not answer within ${seconds} s:\n${server.log.slice(-20).join("\n")}`);
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
