/** A loading placeholder that says what is loading to screen readers. */
export function Skeleton({ label, blocks = ["h-10", "h-64"] }: { label: string; blocks?: string[] }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{label}</span>
      {blocks.map((height, i) => (
        <div key={i} className={`${height} rounded-lg bg-slate-200`} />
      ))}
    </div>
  );
}
