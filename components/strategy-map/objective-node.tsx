"use client";

import { Handle, Position, useReactFlow, useStore, type Node, type NodeProps } from "@xyflow/react";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatScore } from "@/lib/format";
import type { RollupResult, Status } from "@/lib/scoring";

export type ObjectiveNodeData = {
  title: string;
  result: RollupResult;
  onOpen: (id: string) => void;
};
export type ObjectiveNodeType = Node<ObjectiveNodeData, "objective">;

// The frame repeats the status colour; the badge inside carries its icon and word.
const FRAME: Record<Status, string> = {
  GREEN: "border-status-green bg-status-green-bg/50",
  AMBER: "border-status-amber bg-status-amber-bg/50",
  RED: "border-status-red bg-status-red-bg/50",
  NO_DATA: "border-dashed border-status-none bg-white",
};

// Handles only anchor the edges (ELK routes them): never shown, never connectable.
const HIDDEN_HANDLE = { opacity: 0, pointerEvents: "none", minWidth: 1, minHeight: 1, width: 1, height: 1, border: 0 } as const;

/**
 * An objective on the map: one button, so Tab reaches it and Enter or Space opens its KPIs.
 * When it takes the focus outside the visible part of the map, the map pans to it.
 */
export function ObjectiveNode({ id, data, positionAbsoluteX, positionAbsoluteY, width = 0, height = 0 }: NodeProps<ObjectiveNodeType>) {
  const { getViewport, setCenter } = useReactFlow();
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const { score, status } = data.result;

  function revealOnFocus() {
    const { x, y, zoom } = getViewport();
    const left = positionAbsoluteX * zoom + x;
    const top = positionAbsoluteY * zoom + y;
    const visible = left >= 0 && top >= 0 && left + width * zoom <= paneWidth && top + height * zoom <= paneHeight;
    if (!visible) void setCenter(positionAbsoluteX + width / 2, positionAbsoluteY + height / 2, { zoom, duration: 0 });
  }

  return (
    <>
      <Handle type="source" position={Position.Top} isConnectable={false} style={HIDDEN_HANDLE} />
      <button
        type="button"
        aria-haspopup="dialog"
        data-testid="map-objective"
        onClick={() => data.onOpen(id)}
        onFocus={revealOnFocus}
        className={`flex h-full w-full cursor-pointer flex-col justify-between gap-2 rounded-lg border-2 p-3 text-left shadow-sm hover:shadow-md ${FRAME[status]}`}
      >
        <span className="line-clamp-3 text-sm font-semibold leading-snug text-slate-900">{data.title}</span>
        <span className="flex w-full items-center justify-between gap-2">
          <StatusBadge status={status} />
          <span className="text-sm text-slate-700">
            Score <span className="text-base font-semibold tabular-nums text-slate-900">{formatScore(score)}</span>
          </span>
        </span>
      </button>
      <Handle type="target" position={Position.Bottom} isConnectable={false} style={HIDDEN_HANDLE} />
    </>
  );
}
