import { AppError } from "@/lib/errors";

// Opaque page cursors of the REST API: base64url of a small JSON array (the sort key of the last
// row of the page). Clients pass `nextCursor` back unchanged; anything else is a 400 naming
// `cursor`, never a 500.

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The key of a cursor made by encodeCursor with `length` strings, else a 400 (AppError INVALID) naming `cursor`. */
export function decodeCursor(cursor: string, length: number, check: (key: string[]) => boolean = () => true): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const ok = Array.isArray(parsed) && parsed.length === length && parsed.every((p) => typeof p === "string" && p.length <= 100) && check(parsed as string[]);
  if (!ok) {
    const message = "cursor must be the nextCursor of a previous page, unchanged.";
    throw new AppError("INVALID", message, { cursor: [message] });
  }
  return parsed as string[];
}
