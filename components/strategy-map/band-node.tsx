import type { Node, NodeProps } from "@xyflow/react";

export type BandNodeData = {
  name: string;
  empty: boolean;
  shaded: boolean;
  /** Where the map's objectives start, from the band's left edge (the band reaches further out). */
  inset: number;
};
export type BandNodeType = Node<BandNodeData, "band">;

/** A perspective's band across the whole map, its name at the top left. */
export function BandNode({ data }: NodeProps<BandNodeType>) {
  return (
    <div className={`h-full w-full border-t border-slate-200 ${data.shaded ? "bg-slate-50" : "bg-white"}`}>
      <div style={{ paddingLeft: data.inset }}>
        <p className="px-4 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{data.name}</p>
        {data.empty ? <p className="px-4 pt-2 text-sm text-slate-600">No objectives in this perspective yet.</p> : null}
      </div>
    </div>
  );
}
