-- Read-model cache (lib/queries/read-cache.ts). The dashboards' read models are kept as JSON
-- keyed by a data stamp that changes in the same transaction as any write they could show.

-- CreateTable
CREATE TABLE "ReadModelChange" (
    "txid" BIGINT NOT NULL,
    "weight" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "ReadModelChange_pkey" PRIMARY KEY ("txid")
);

-- CreateTable
CREATE TABLE "ReadModelCache" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "stamp" BIGINT NOT NULL,
    "model" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadModelCache_pkey" PRIMARY KEY ("kind","key","stamp")
);

-- CreateIndex
CREATE INDEX "ReadModelCache_stamp_idx" ON "ReadModelCache"("stamp");

-- The data stamp is sum(weight) over "ReadModelChange": every transaction that writes to a tracked
-- table inserts one row (its own transaction id, so a second statement of the same transaction
-- adds nothing), visible exactly when the transaction commits, gone if it rolls back. Inserts of
-- different transactions never wait for each other (unlike one counter row updated by every
-- writer, which would hold a row lock from a writer's first statement to its commit: a 100-second
-- import would block every value save, and two writers could deadlock on it). Compaction folds
-- rows into one with their summed weight, so the stamp only ever grows.
CREATE FUNCTION read_model_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReadModelChange" ("txid") VALUES (txid_current()) ON CONFLICT ("txid") DO NOTHING;
  RETURN NULL;
END
$$;

-- Statement-level triggers on every table whose rows a dashboard can show. Left out on purpose:
-- bookkeeping no read model shows (SignInAttempt, AuditEvent, Notification, PairEvaluationRequest,
-- ApiToken, ApiRateLimit, IdempotencyKey), UserPersonaAccess (the actor's persona scope is part of
-- every cache key) and the two tables above. tests/integration/read-cache.test.ts fails when a
-- table is in neither list.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'Department', 'Scorecard', 'Perspective', 'StrategicObjective', 'ObjectiveDepartment', 'ObjectiveLink',
    'Persona', 'PersonaAttribute', 'PersonaPainPoint', 'PainPointObjective', 'PersonaStatusChange', 'PersonaReview',
    'PersonaWeight', 'Kpi', 'KpiProposalPersona', 'KpiTarget', 'Measurement', 'MeasurementRevision',
    'Escalation', 'EscalationEvent', 'Scenario'
  ] LOOP
    EXECUTE format('CREATE TRIGGER read_model_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()', t);
  END LOOP;
END
$$;

-- Users: only the columns a dashboard shows (names and e-mail of owners, who entered a value, the
-- department an owner belongs to), so a sign-in (lastSignInAt) does not empty the cache.
CREATE TRIGGER read_model_changed AFTER INSERT OR DELETE OR TRUNCATE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed();
CREATE TRIGGER read_model_changed_shown_columns AFTER UPDATE OF "name", "email", "departmentId" ON "User" FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed();
