"use client";

import "@xyflow/react/dist/style.css";
import "./strategy-map.css";
import { Controls, MarkerType, Position, ReactFlow, type ReactFlowInstance } from "@xyflow/react";
import { useCallback, useMemo, useRef, useState } from "react";
import type { MapLink, MapObjective, MapPerspective } from "@/lib/queries/strategy-map";
import { BandNode, type BandNodeType } from "./band-node";
import { DiagramBoundary } from "./diagram-boundary";
import type { MapLayout } from "./layout";
import { ObjectiveNode, type ObjectiveNodeType } from "./objective-node";
import { ObjectivePanel, type PanelObjective } from "./objective-panel";
import { RoutedEdge, type RoutedEdgeType } from "./routed-edge";

const nodeTypes = { objective: ObjectiveNode, band: BandNode };
const edgeTypes = { routed: RoutedEdge };
const EDGE_COLOUR = "#475569"; // slate-600: 7:1 on white, visible on every band
/** Below this the text is too small to read: a larger map opens at this zoom, top left, and pans. */
const MIN_START_ZOOM = 0.5;
const CONTROLS_SPACE = 48;
const ATTRIBUTION_SPACE = 18;
/** Bands reach this far beyond the objectives on either side, so panning never shows their ends. */
const BAND_OVERHANG = 4000;

export interface MapViewProps {
  layout: MapLayout;
  perspectives: MapPerspective[];
  objectives: MapObjective[];
  links: MapLink[];
  persona: { slug: string; name: string };
}

type MapNode = ObjectiveNodeType | BandNodeType;

export function MapView(props: MapViewProps) {
  // The objective last pressed, a new object per press: ObjectivePanel opens on each one.
  const [request, setRequest] = useState<{ id: string } | null>(null);
  const openObjective = useCallback((id: string) => setRequest({ id }), []);
  const objectives = useMemo(() => describe(props), [props]);
  const shown = request ? (objectives.get(request.id) ?? null) : null;
  const nodes = useMemo(() => buildNodes(props, openObjective), [props, openObjective]);
  const edges = useMemo(() => buildEdges(props, objectives), [props, objectives]);
  const container = useRef<HTMLDivElement>(null);
  const { width, height } = props.layout;
  // "Fit view" fits the objectives, not the (very wide) bands.
  const fitViewOptions = useMemo(() => ({ nodes: props.layout.nodes.map((n) => ({ id: n.id })), padding: 0.05, maxZoom: 1 }), [props.layout]);

  // The whole map when it fits at a readable zoom (never enlarged); otherwise its top left.
  const onInit = useCallback(
    (flow: ReactFlowInstance<MapNode, RoutedEdgeType>) => {
      const box = container.current?.getBoundingClientRect();
      if (!box || width === 0 || height === 0) return;
      // Keep clear of the zoom buttons (top right) and the attribution (bottom right).
      const room = { width: box.width - CONTROLS_SPACE, height: box.height - ATTRIBUTION_SPACE };
      const zoom = Math.min(1, Math.max(MIN_START_ZOOM, Math.min(room.width / width, room.height / height)));
      const x = width * zoom <= room.width ? (room.width - width * zoom) / 2 : 0;
      const y = height * zoom <= room.height ? (room.height - height * zoom) / 2 : 0;
      void flow.setViewport({ x, y, zoom });
    },
    [width, height],
  );

  return (
    <>
      <DiagramBoundary>
        <div
          ref={container}
          data-testid="strategy-map"
          className="strategy-map w-full overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm print:hidden"
          // As tall as the map at the zoom that fits the width (never above 1), so a large map stays
          // readable and the page scrolls past it; on a narrow screen at least the readable zoom's
          // height, but never more than most of the screen, so a finger can still scroll the page.
          style={{
            aspectRatio: `${Math.max(width, 1)} / ${Math.max(height, 1)}`,
            maxHeight: height + ATTRIBUTION_SPACE,
            minHeight: `min(${Math.round(height * MIN_START_ZOOM)}px, 70vh)`,
          }}
        >
          <ReactFlow<MapNode, RoutedEdgeType>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onInit={onInit}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            // The page keeps scrolling under the wheel; zoom with the buttons, a pinch or Ctrl + wheel.
            zoomOnScroll={false}
            preventScrolling={false}
            zoomOnDoubleClick={false}
            minZoom={0.2}
            maxZoom={1.5}
            ariaLabelConfig={{ "controls.ariaLabel": "Map zoom" }}
          >
            <Controls showInteractive={false} position="top-right" fitViewOptions={fitViewOptions} />
          </ReactFlow>
        </div>
      </DiagramBoundary>
      <ObjectivePanel objective={shown} request={request} personaName={props.persona.name} personaSlug={props.persona.slug} />
    </>
  );
}

/** Each objective with its perspective's name and its causes and effects in words. */
function describe({ perspectives, objectives, links }: MapViewProps): Map<string, PanelObjective> {
  const title = new Map(objectives.map((o) => [o.id, o.title]));
  const perspectiveName = new Map(perspectives.map((p) => [p.id, p.name]));
  return new Map(
    objectives.map((o) => [
      o.id,
      {
        ...o,
        perspectiveName: perspectiveName.get(o.perspectiveId) ?? "",
        causes: links.filter((l) => l.effectId === o.id).map((l) => title.get(l.causeId)!),
        effects: links.filter((l) => l.causeId === o.id).map((l) => title.get(l.effectId)! + (l.description ? ` (${l.description})` : "")),
      },
    ]),
  );
}

/**
 * Bands and objectives, band by band from the top: the document order (and so the Tab order
 * and what a screen reader reads) follows the map, each band's name before its objectives.
 */
function buildNodes({ layout, objectives }: MapViewProps, onOpen: (id: string) => void): MapNode[] {
  const placed = new Map(layout.nodes.map((n) => [n.id, n]));
  const nodes: MapNode[] = [];
  layout.bands.forEach((band, i) => {
    nodes.push({
      id: `band:${band.perspectiveId}`,
      type: "band",
      position: { x: -BAND_OVERHANG, y: band.y },
      width: layout.width + 2 * BAND_OVERHANG,
      height: band.height,
      zIndex: -1,
      selectable: false,
      focusable: false,
      data: { name: band.name, empty: band.empty, shaded: i % 2 === 0, inset: BAND_OVERHANG },
    });
    const inBand = objectives
      .filter((o) => o.perspectiveId === band.perspectiveId && placed.has(o.id))
      .map((o) => ({ objective: o, box: placed.get(o.id)! }))
      .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    for (const { objective, box } of inBand) {
      nodes.push({
        id: objective.id,
        type: "objective",
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        selectable: false,
        focusable: false,
        // React Flow lets pointer events through only to selectable or draggable nodes; these are neither, but are buttons.
        style: { pointerEvents: "all" },
        // Known sizes and handles let the server render the map before the browser measures it.
        handles: [
          { type: "source", position: Position.Top, x: box.width / 2, y: 0, width: 1, height: 1 },
          { type: "target", position: Position.Bottom, x: box.width / 2, y: box.height, width: 1, height: 1 },
        ],
        data: { title: objective.title, result: objective.result, onOpen },
      });
    }
  });
  return nodes;
}

function buildEdges({ layout }: MapViewProps, objectives: Map<string, PanelObjective>): RoutedEdgeType[] {
  return layout.edges.map((edge) => ({
    id: `${edge.causeId}->${edge.effectId}`,
    type: "routed",
    source: edge.causeId,
    target: edge.effectId,
    ariaLabel: `${objectives.get(edge.causeId)?.title ?? ""} drives ${objectives.get(edge.effectId)?.title ?? ""}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: EDGE_COLOUR },
    style: { stroke: EDGE_COLOUR, strokeWidth: 1.5 },
    data: { points: edge.points },
  }));
}
