// Cause -> effect links between strategic objectives form a directed graph that must stay
// acyclic (a strategy map reads bottom-up: learning -> processes -> customers -> finance, and a
// loop would make "what drives what" meaningless). Pure: ids in, a verdict out.

export interface Edge {
  cause: string;
  effect: string;
}

export type LinkVerdict =
  | { ok: true }
  | { ok: false; reason: "SELF" }
  | { ok: false; reason: "DUPLICATE" }
  /** `path` is the loop the new link would close: [cause, effect, ..., cause]. */
  | { ok: false; reason: "CYCLE"; path: string[] };

/**
 * A shortest path from `from` to `to` following the edges' direction ([from, ..., to]), or null
 * when `to` cannot be reached. Breadth-first, so a refusal names the shortest loop; neighbours in
 * the edges' order, so the answer is deterministic.
 */
export function findPath(edges: ReadonlyArray<Edge>, from: string, to: string): string[] | null {
  if (from === to) return [from];
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.cause);
    if (list) list.push(e.effect);
    else next.set(e.cause, [e.effect]);
  }
  const cameFrom = new Map<string, string>([[from, from]]);
  let frontier = [from];
  while (frontier.length > 0) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const n of next.get(node) ?? []) {
        if (cameFrom.has(n)) continue;
        cameFrom.set(n, node);
        if (n === to) {
          const path = [to];
          let at = to;
          while (at !== from) {
            at = cameFrom.get(at)!;
            path.push(at);
          }
          return path.reverse();
        }
        following.push(n);
      }
    }
    frontier = following;
  }
  return null;
}

/**
 * Whether `link` may join the existing (acyclic) links: not a self-link, not a link that already
 * exists, and not one that closes a loop. The loop is the new link followed by the existing path
 * from its effect back to its cause.
 */
export function checkNewLink(existing: ReadonlyArray<Edge>, link: Edge): LinkVerdict {
  if (link.cause === link.effect) return { ok: false, reason: "SELF" };
  if (existing.some((e) => e.cause === link.cause && e.effect === link.effect)) return { ok: false, reason: "DUPLICATE" };
  const back = findPath(existing, link.effect, link.cause);
  if (back) return { ok: false, reason: "CYCLE", path: [link.cause, ...back] };
  return { ok: true };
}

/** Whether the links contain no loop (Kahn's algorithm). */
export function isAcyclic(edges: ReadonlyArray<Edge>): boolean {
  const indegree = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const e of edges) {
    indegree.set(e.cause, indegree.get(e.cause) ?? 0);
    indegree.set(e.effect, (indegree.get(e.effect) ?? 0) + 1);
    next.set(e.cause, [...(next.get(e.cause) ?? []), e.effect]);
  }
  const ready = [...indegree].filter(([, d]) => d === 0).map(([n]) => n);
  let seen = 0;
  while (ready.length > 0) {
    const node = ready.pop()!;
    seen++;
    for (const n of next.get(node) ?? []) {
      const d = indegree.get(n)! - 1;
      indegree.set(n, d);
      if (d === 0) ready.push(n);
    }
  }
  return seen === indegree.size;
}
