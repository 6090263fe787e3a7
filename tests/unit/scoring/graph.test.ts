import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkNewLink, findPath, isAcyclic, type Edge } from "@/lib/scoring";

const e = (cause: string, effect: string): Edge => ({ cause, effect });

describe("checkNewLink", () => {
  const map = [e("skills", "resolve"), e("resolve", "delight"), e("delight", "revenue"), e("engage", "revenue")];

  it("accepts a link that keeps the map acyclic", () => {
    expect(checkNewLink(map, e("skills", "engage"))).toEqual({ ok: true });
    expect(checkNewLink([], e("a", "b"))).toEqual({ ok: true });
  });

  it("refuses a self-link and a duplicate", () => {
    expect(checkNewLink(map, e("resolve", "resolve"))).toEqual({ ok: false, reason: "SELF" });
    expect(checkNewLink(map, e("resolve", "delight"))).toEqual({ ok: false, reason: "DUPLICATE" });
  });

  it("refuses a link that closes a loop, naming the loop from the new cause back to it", () => {
    expect(checkNewLink(map, e("revenue", "skills"))).toEqual({ ok: false, reason: "CYCLE", path: ["revenue", "skills", "resolve", "delight", "revenue"] });
    // The reverse of an existing link is the shortest loop.
    expect(checkNewLink(map, e("delight", "resolve"))).toEqual({ ok: false, reason: "CYCLE", path: ["delight", "resolve", "delight"] });
  });

  it("names the shortest loop when there are several", () => {
    const two = [e("a", "b"), e("b", "c"), e("c", "d"), e("a", "d")];
    expect(checkNewLink(two, e("d", "a"))).toEqual({ ok: false, reason: "CYCLE", path: ["d", "a", "d"] });
  });
});

describe("findPath", () => {
  it("follows the direction of the links", () => {
    expect(findPath([e("a", "b"), e("b", "c")], "a", "c")).toEqual(["a", "b", "c"]);
    expect(findPath([e("a", "b"), e("b", "c")], "c", "a")).toBeNull();
    expect(findPath([], "a", "a")).toEqual(["a"]);
  });
});

/** Reachability by brute force (transitive closure), independent of findPath. */
function reaches(edges: Edge[], from: string, to: string): boolean {
  const seen = new Set([from]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const x of edges) {
      if (seen.has(x.cause) && !seen.has(x.effect)) {
        seen.add(x.effect);
        grew = true;
      }
    }
  }
  return seen.has(to);
}

describe("properties", () => {
  const node = fc.constantFrom("a", "b", "c", "d", "e", "f", "g");
  const attempts = fc.array(fc.record({ cause: node, effect: node }), { maxLength: 40 });

  it("links added only when accepted never form a loop, and every refusal is justified", () => {
    fc.assert(
      fc.property(attempts, (tries) => {
        const links: Edge[] = [];
        for (const link of tries) {
          const verdict = checkNewLink(links, link);
          if (verdict.ok) {
            expect(reaches(links, link.effect, link.cause)).toBe(false);
            links.push(link);
          } else if (verdict.reason === "SELF") {
            expect(link.cause).toBe(link.effect);
          } else if (verdict.reason === "DUPLICATE") {
            expect(links).toContainEqual(link);
          } else {
            // The loop starts and ends at the new cause, goes through the new effect, and every
            // other step is an existing link.
            const { path } = verdict;
            expect(path[0]).toBe(link.cause);
            expect(path[1]).toBe(link.effect);
            expect(path.at(-1)).toBe(link.cause);
            for (let i = 1; i < path.length - 1; i++) expect(links).toContainEqual({ cause: path[i], effect: path[i + 1] });
            expect(isAcyclic([...links, link])).toBe(false);
          }
          expect(isAcyclic(links)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
