// The message above or below a form after it was sent: an error (role="alert") or a success
// (role="status"); each with an icon and words, not colour alone.

export function FormMessage({ tone, children, id }: { tone: "error" | "success" | "info"; children: React.ReactNode; id?: string }) {
  const look = {
    error: { icon: "⚠", className: "border-status-red/40 bg-status-red-bg text-status-red", role: "alert" as const },
    success: { icon: "✓", className: "border-status-green/40 bg-status-green-bg text-status-green", role: "status" as const },
    info: { icon: "ℹ", className: "border-brand-100 bg-brand-50 text-brand-900", role: "status" as const },
  }[tone];
  return (
    <div id={id} role={look.role} className={`flex gap-2 rounded-md border px-3 py-2 text-sm ${look.className}`}>
      <span aria-hidden="true">{look.icon}</span>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
