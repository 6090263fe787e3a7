"use client";

import { Component, type ReactNode } from "react";

/** If the interactive diagram fails in the browser, say so; the text version below still has everything. */
export class DiagramBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    if (this.state.failed) return <DiagramUnavailable />;
    return this.props.children;
  }
}

export function DiagramUnavailable() {
  return (
    <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-700">
      <p className="font-semibold text-slate-900">The diagram could not be drawn.</p>
      <p className="mt-1">
        Reload the page to try again. The objectives, their status and their causes and effects are listed under{" "}
        <a href="#map-text" className="text-brand-700 underline underline-offset-2">
          Objectives by perspective
        </a>
        .
      </p>
    </div>
  );
}
