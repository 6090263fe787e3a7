/** A short message above a screen's content: something the reader should know before reading on. */
export function Notice({ children, tone = "info" }: { children: React.ReactNode; tone?: "info" | "warning" }) {
  const look = tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-brand-100 bg-brand-50 text-brand-900";
  return (
    <p role={tone === "warning" ? "alert" : undefined} className={`mb-4 rounded-md border px-3 py-2 text-sm ${look}`}>
      {children}
    </p>
  );
}
