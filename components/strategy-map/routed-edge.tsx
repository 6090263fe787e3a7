import { BaseEdge, type Edge, type EdgeProps } from "@xyflow/react";
import type { Point } from "./layout";

export type RoutedEdgeData = { points: Point[] };
export type RoutedEdgeType = Edge<RoutedEdgeData, "routed">;

const CORNER = 8;

/** An orthogonal route (ELK's bend points) with rounded corners, cause -> effect. */
export function routePath(points: Point[]): string {
  if (points.length < 2) return "";
  const [first] = points;
  let path = `M ${first!.x} ${first!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const at = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(CORNER, Math.hypot(at.x - prev.x, at.y - prev.y) / 2, Math.hypot(next.x - at.x, next.y - at.y) / 2);
    const towards = (from: Point, to: Point) => {
      const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: from.x + ((to.x - from.x) / length) * r, y: from.y + ((to.y - from.y) / length) * r };
    };
    const a = towards(at, prev);
    const b = towards(at, next);
    path += ` L ${a.x} ${a.y} Q ${at.x} ${at.y} ${b.x} ${b.y}`;
  }
  const last = points[points.length - 1]!;
  return `${path} L ${last.x} ${last.y}`;
}

export function RoutedEdge({ id, data, sourceX, sourceY, targetX, targetY, markerEnd, style }: EdgeProps<RoutedEdgeType>) {
  const points = data && data.points.length >= 2 ? data.points : [{ x: sourceX, y: sourceY }, { x: targetX, y: targetY }];
  return <BaseEdge id={id} path={routePath(points)} markerEnd={markerEnd} style={style} />;
}
