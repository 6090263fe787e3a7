"use client";

// Last resort when the root layout itself fails: plain HTML, no app styles.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1.5rem", textAlign: "center" }}>
        <h1>Persona Scorecard could not load</h1>
        <p>Try again in a moment.{error.digest ? ` Reference: ${error.digest}` : ""}</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
