import { describe, expect, it } from "vitest";
import { layoutStrategyMap, MAX_PER_ROW, NODE_WIDTH, type LayoutInput, type MapLayout } from "@/components/strategy-map/layout";
import { SCORECARDS } from "@/lib/demo/catalogue";

// The strategy map's layout (ELK layered, run in Node as on the server): bands in perspective
// order, every objective inside its band, no overlaps, arrows from cause to effect, and a wide
// band wrapped into rows so a map of 30+ objectives stays readable.

function demoMap(slug: string): LayoutInput {
  const card = SCORECARDS.find((s) => s.slug === slug)!;
  return {
    perspectives: card.perspectives.map((p) => ({ id: p.name, name: p.name })),
    objectives: card.perspectives.flatMap((p) => p.objectives.map((o) => ({ id: o.key, perspectiveId: p.name }))),
    links: card.links.map((l) => ({ causeId: l.cause, effectId: l.effect })),
  };
}

/** 4 perspectives with 6, 9, 11 and 7 objectives; each objective of a band causes one in the band above, plus one link inside a band. */
function bigMap(): LayoutInput {
  const counts = [6, 9, 11, 7];
  const input: LayoutInput = { perspectives: [], objectives: [], links: [] };
  counts.forEach((count, band) => {
    input.perspectives.push({ id: `p${band}`, name: `Perspective ${band + 1}` });
    for (let i = 0; i < count; i++) input.objectives.push({ id: `p${band}o${i}`, perspectiveId: `p${band}` });
    if (band > 0) for (let i = 0; i < count; i += 2) input.links.push({ causeId: `p${band}o${i}`, effectId: `p${band - 1}o${(i + 3) % counts[band - 1]!}` });
  });
  input.links.push({ causeId: "p1o1", effectId: "p1o2" });
  return input;
}

function checkGeometry(input: LayoutInput, layout: MapLayout) {
  // Bands: in perspective order, stacked without gaps from the top to the bottom of the map.
  expect(layout.bands.map((b) => b.perspectiveId)).toEqual(input.perspectives.map((p) => p.id));
  expect(layout.bands[0]!.y).toBe(0);
  layout.bands.forEach((band, i) => {
    expect(band.height).toBeGreaterThan(0);
    if (i > 0) expect(band.y).toBeCloseTo(layout.bands[i - 1]!.y + layout.bands[i - 1]!.height, 6);
  });
  const last = layout.bands.at(-1)!;
  expect(last.y + last.height).toBeCloseTo(layout.height, 6);

  // Every objective placed once, inside its band and the map, overlapping no other.
  expect(layout.nodes.map((n) => n.id).sort()).toEqual(input.objectives.map((o) => o.id).sort());
  const bandOf = new Map(layout.bands.map((b) => [b.perspectiveId, b]));
  for (const node of layout.nodes) {
    const band = bandOf.get(input.objectives.find((o) => o.id === node.id)!.perspectiveId)!;
    expect(node.y).toBeGreaterThanOrEqual(band.y);
    expect(node.y + node.height).toBeLessThanOrEqual(band.y + band.height);
    expect(node.x).toBeGreaterThanOrEqual(0);
    expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
  }
  for (const a of layout.nodes) {
    for (const b of layout.nodes) {
      if (a.id >= b.id) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  }

  // Edges: one per link, from the cause's box to the effect's box.
  expect(layout.edges.map((e) => `${e.causeId}->${e.effectId}`)).toEqual(input.links.map((l) => `${l.causeId}->${l.effectId}`));
  const box = new Map(layout.nodes.map((n) => [n.id, n]));
  const touches = (p: { x: number; y: number }, id: string) => {
    const n = box.get(id)!;
    return p.x >= n.x - 1 && p.x <= n.x + n.width + 1 && p.y >= n.y - 1 && p.y <= n.y + n.height + 1;
  };
  for (const edge of layout.edges) {
    expect(edge.points.length).toBeGreaterThanOrEqual(2);
    expect(touches(edge.points[0]!, edge.causeId), `${edge.causeId} starts its edge`).toBe(true);
    expect(touches(edge.points.at(-1)!, edge.effectId), `${edge.effectId} ends its edge`).toBe(true);
  }
}

describe("strategy map layout", () => {
  it("lays out the demo balanced scorecard: Financial on top, Learning and Growth at the bottom, arrows pointing up", async () => {
    const input = demoMap("persona-bsc");
    const layout = await layoutStrategyMap(input);
    checkGeometry(input, layout);
    expect(layout.bands.map((b) => b.name)).toEqual(["Financial", "Customer", "Internal Process", "Learning and Growth"]);
    // Every demo link runs from a lower perspective to a higher one: its arrow ends above its start.
    for (const edge of layout.edges) expect(edge.points.at(-1)!.y).toBeLessThan(edge.points[0]!.y);
    // Two objectives per band: a single row each, side by side.
    expect(layout.width).toBeLessThanOrEqual(2 * NODE_WIDTH + 200);
  });

  it("wraps a band of more than MAX_PER_ROW objectives into rows, keeping 33 objectives readable", async () => {
    const input = bigMap();
    const layout = await layoutStrategyMap(input);
    checkGeometry(input, layout);
    const rows = new Map<number, number>();
    for (const n of layout.nodes) rows.set(n.y, (rows.get(n.y) ?? 0) + 1);
    for (const count of rows.values()) expect(count).toBeLessThanOrEqual(MAX_PER_ROW);
    // Rows are filled evenly: the 6 objectives of the top band sit 3 and 3, not 5 and 1.
    const top = layout.nodes.filter((n) => n.id.startsWith("p0"));
    expect([...new Set(top.map((n) => n.y))].map((y) => top.filter((n) => n.y === y).length)).toEqual([3, 3]);
    // About as wide as one full row, so it fits a laptop screen near full size.
    expect(layout.width).toBeLessThanOrEqual(MAX_PER_ROW * (NODE_WIDTH + 48) + 100);
  });

  it("keeps a band for a perspective without objectives", async () => {
    const input = demoMap("persona-bsc");
    const withoutProcess = { ...input, objectives: input.objectives.filter((o) => !o.id.startsWith("ip-")), links: input.links.filter((l) => !l.causeId.startsWith("ip-") && !l.effectId.startsWith("ip-")) };
    const layout = await layoutStrategyMap(withoutProcess);
    checkGeometry(withoutProcess, layout);
    expect(layout.bands.map((b) => [b.name, b.empty])).toEqual([
      ["Financial", false],
      ["Customer", false],
      ["Internal Process", true],
      ["Learning and Growth", false],
    ]);
  });

  it("draws a link against the grain (a higher perspective causing a lower one) and one inside a band", async () => {
    const input = demoMap("persona-bsc");
    input.links.push({ causeId: "fin-clv", effectId: "lg-learn" }, { causeId: "cus-delight", effectId: "cus-engage" });
    const layout = await layoutStrategyMap(input);
    checkGeometry(input, layout);
  });

  it("gives the same layout for the same map", async () => {
    expect(await layoutStrategyMap(bigMap())).toEqual(await layoutStrategyMap(bigMap()));
  });
});
