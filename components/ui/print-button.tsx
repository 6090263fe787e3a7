"use client";

/** Opens the browser's print dialog; the print stylesheet drops navigation and controls. */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 print:hidden"
    >
      {label}
    </button>
  );
}
