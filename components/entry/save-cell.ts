import type { AppErrorCode, FieldErrors } from "@/lib/errors";
import type { GridSaved } from "@/lib/queries/entry-grid";
import type { Status } from "@/lib/scoring";

// What the entry grid's server action answers for one cell (plain JSON). A CONFLICT carries the
// value saved meanwhile (value, version, who, when) so the cell can offer "keep theirs" or
// "overwrite"; it is null only when that value vanished.
export type SaveCellResponse =
  | { ok: true; outcome: "created" | "updated" | "unchanged"; saved: GridSaved; status: Status }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors: FieldErrors; conflict: GridSaved | null };
