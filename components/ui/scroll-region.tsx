"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

interface Edges {
  /** The content is wider than the box. */
  overflows: boolean;
  /** Columns are hidden on the right (no fade on the left: it would cover a sticky first column). */
  right: boolean;
}

/**
 * The box of a table that may be wider than a narrow screen: it scrolls sideways inside its card
 * instead of widening the page. While it does, it says so: a line above it for the eye, a fade on
 * the right while columns hide there, and it is a named region in the tab order so the keyboard can scroll
 * it with the arrow keys (axe: scrollable-region-focusable). When the table fits, it is a plain box.
 * `label` names the region (unique on the page); `className` goes on the outer box (margins, visibility).
 * `boxClassName` frames the table (border, rounding, background, shadow). It goes on the box around the scrolling
 * area and the fade rather than on the scrolling area itself: so the fade stays inside the border instead of
 * covering it, and the focus outline is drawn outside the frame. The scrolling area and the fade follow its rounding.
 */
export function ScrollRegion({ label, className = "", boxClassName = "", children }: { label: string; className?: string; boxClassName?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // Unknown until measured (and without JavaScript): treated as scrolling, so the keyboard can reach it.
  const [edges, setEdges] = useState<Edges | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const hidden = element.scrollWidth - element.clientWidth;
      const next = { overflows: hidden > 1, right: element.scrollLeft < hidden - 1 };
      setEdges((last) => (last && last.overflows === next.overflows && last.right === next.right ? last : next));
    };
    // The observer reports once on observing, then on every change of the box's or the table's width.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", measure);
    };
  }, []);

  const scrolls = edges?.overflows ?? true;
  return (
    <div className={className}>
      {edges?.overflows ? (
        // For the eye on a screen: a screen reader reads every column anyway, and paper does not scroll.
        <p aria-hidden="true" className="mb-1 flex items-center gap-1 text-xs text-slate-600 print:hidden">
          Scroll sideways to see all columns <span>→</span>
        </p>
      ) : null}
      {/* The outer box holds the fade, which must not scroll away. The scrolling box is positioned too, so the
          table's visually hidden (sr-only, absolute) labels are clipped with it instead of widening the page. */}
      <div className={boxClassName ? `relative ${boxClassName}` : "relative"}>
        <div
          ref={box}
          role={scrolls ? "region" : undefined}
          aria-label={scrolls ? label : undefined}
          tabIndex={scrolls ? 0 : undefined}
          className="relative overflow-x-auto rounded-[inherit]"
        >
          {children}
        </div>
        {edges?.right ? (
          <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-0 w-6 rounded-r-[inherit] bg-gradient-to-l from-white to-transparent print:hidden" />
        ) : null}
      </div>
    </div>
  );
}
