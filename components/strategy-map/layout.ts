import "server-only";
import ELK, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";

// Lays out a strategy map with ELK's layered algorithm, on the server (the 1.5 MB layout engine
// never reaches the browser). Each perspective is a horizontal band, in `order` from the top;
// an objective sits in its perspective's band because its ELK partition is the band's. Edges are
// laid out effect -> cause, so a cause usually sits below its effect and arrows point up, the
// way strategy maps read. A band with more than MAX_PER_ROW objectives wraps onto further rows
// (further partitions), so 30+ objectives stay readable instead of one very wide row.

export const NODE_WIDTH = 224;
export const NODE_HEIGHT = 120;
const EMPTY_BAND_HEIGHT = 40;
export const MAX_PER_ROW = 5;
/** Room above a band's first row for its name. */
export const BAND_LABEL_SPACE = 32;
const BAND_PADDING = 12;
const MARGIN = 16;

export interface LayoutInput {
  perspectives: { id: string; name: string }[];
  objectives: { id: string; perspectiveId: string }[];
  links: { causeId: string; effectId: string }[];
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutBand {
  perspectiveId: string;
  name: string;
  y: number;
  height: number;
  /** True when the perspective has no objectives (the band shows a note instead). */
  empty: boolean;
}

export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutEdge {
  causeId: string;
  effectId: string;
  /** From the cause to the effect: start, bends, end. */
  points: Point[];
}

export interface MapLayout {
  width: number;
  height: number;
  bands: LayoutBand[];
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

const LAYOUT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.partitioning.activate": "true",
  // One graph, not one per connected component: partitions only order nodes within a graph.
  "elk.separateConnectedComponents": "false",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.spacing.nodeNode": "32",
  "elk.spacing.edgeNode": "16",
  "elk.spacing.edgeEdge": "10",
  "elk.layered.spacing.nodeNodeBetweenLayers": String(BAND_LABEL_SPACE + 2 * BAND_PADDING + 12),
  "elk.layered.spacing.edgeNodeBetweenLayers": "16",
  "elk.layered.nodePlacement.strategy": "SIMPLE",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.padding": `[top=${MARGIN + BAND_LABEL_SPACE},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
};

/** Objectives of one band in rows: effects before their causes inside the band, at most MAX_PER_ROW a row. */
function rowsOfBand(ids: string[], links: LayoutInput["links"]): string[][] {
  const inBand = new Set(ids);
  const causesOf = new Map(ids.map((id) => [id, [] as string[]]));
  for (const l of links) if (inBand.has(l.causeId) && inBand.has(l.effectId) && l.causeId !== l.effectId) causesOf.get(l.effectId)!.push(l.causeId);
  // Depth-first: an effect, then its causes (a cycle is cut where it closes).
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    ordered.push(id);
    for (const cause of causesOf.get(id)!) visit(cause);
  };
  const isCause = new Set([...causesOf.values()].flat());
  for (const id of ids) if (!isCause.has(id)) visit(id);
  for (const id of ids) visit(id);
  // As few rows as MAX_PER_ROW allows, filled evenly (11 objectives: 4, 4, 3, not 5, 5, 1).
  const perRow = Math.ceil(ordered.length / Math.ceil(ordered.length / MAX_PER_ROW));
  const rows: string[][] = [];
  for (let i = 0; i < ordered.length; i += perRow) rows.push(ordered.slice(i, i + perRow));
  return rows;
}

export async function layoutStrategyMap(input: LayoutInput): Promise<MapLayout> {
  const children: ElkNode[] = [];
  const bandOf = new Map<string, number>(); // node id -> band index
  let partition = 0;
  input.perspectives.forEach((perspective, band) => {
    const ids = input.objectives.filter((o) => o.perspectiveId === perspective.id).map((o) => o.id);
    const rows = ids.length > 0 ? rowsOfBand(ids, input.links) : [[`empty:${perspective.id}`]];
    for (const row of rows) {
      for (const id of row) {
        const empty = ids.length === 0;
        children.push({
          id,
          width: NODE_WIDTH,
          height: empty ? EMPTY_BAND_HEIGHT : NODE_HEIGHT,
          layoutOptions: { "elk.partitioning.partition": String(partition) },
        });
        bandOf.set(id, band);
      }
      partition += 1;
    }
  });
  const known = new Set(input.objectives.map((o) => o.id));
  const links = input.links.filter((l) => known.has(l.causeId) && known.has(l.effectId) && l.causeId !== l.effectId);
  const edges: ElkExtendedEdge[] = links.map((l, i) => ({ id: `e${i}`, sources: [l.effectId], targets: [l.causeId] }));

  const result: ElkNode = await new ELK().layout({ id: "map", layoutOptions: LAYOUT_OPTIONS, children, edges });
  const placed = (result.children ?? []).map((n) => ({ id: n.id, x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT }));
  const width = result.width ?? 0;

  // Band extents: from above its first row (room for its name) to below its last one, with
  // neighbouring bands meeting half-way between their rows.
  const spans = input.perspectives.map((_, band) => {
    const ys = placed.filter((n) => bandOf.get(n.id) === band);
    return { top: Math.min(...ys.map((n) => n.y)) - BAND_LABEL_SPACE - BAND_PADDING, bottom: Math.max(...ys.map((n) => n.y + n.height)) + BAND_PADDING };
  });
  const bands = input.perspectives.map((perspective, band): LayoutBand => {
    const above = spans[band - 1];
    const below = spans[band + 1];
    const top = above ? (above.bottom + spans[band]!.top) / 2 : 0;
    const bottom = below ? (spans[band]!.bottom + below.top) / 2 : (result.height ?? 0);
    const empty = !input.objectives.some((o) => o.perspectiveId === perspective.id);
    return { perspectiveId: perspective.id, name: perspective.name, y: top, height: bottom - top, empty };
  });

  const edgeById = new Map((result.edges ?? []).map((e) => [e.id, e]));
  return {
    width,
    height: result.height ?? 0,
    bands,
    nodes: placed.filter((n) => known.has(n.id)),
    edges: links.map((l, i) => {
      const section = edgeById.get(`e${i}`)?.sections?.[0];
      const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y })) : [];
      // ELK routed effect -> cause; the map draws cause -> effect.
      return { causeId: l.causeId, effectId: l.effectId, points: points.reverse() };
    }),
  };
}
