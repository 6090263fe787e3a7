// Names and limits of the Idempotency-Key mechanism (lib/api/idempotency.ts), importable where
// no database is (the OpenAPI document).

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_REPLAYED_HEADER = "Idempotent-Replayed";
export const IDEMPOTENCY_KEY_MAX = 255;
