-- Finer data stamps for the read-model cache (lib/queries/read-cache.ts). Until now any write
-- emptied the whole cache. KPI values are most of the writes (owners entering a month, imports,
-- the API), and a value touches few read models: its persona's scorecard, its KPI's detail and the
-- overviews. So value writes now record their (persona, KPI) pairs, and:
--   overview stamp           = sum of every "ReadModelChange" row (scopes "all" and "values")
--   persona P's stamp        = sum of scope "all" + sum of P's rows in "ReadModelValueChange"
--   KPI K's detail stamp     = sum of scope "all" + sum of K's rows in "ReadModelValueChange"
-- A statement that writes no row changes nothing. Each only grows, and grows with every write its model can show, so the cache's two rules hold.
-- Value writes that move more than their own pairs are changes to "all": a period new to its
-- scorecard (it moves the months every screen offers, and the latest month), a value moved to
-- another KPI, persona or period, and any delete (it may shrink the months).

-- AlterTable
ALTER TABLE "ReadModelChange" DROP CONSTRAINT "ReadModelChange_pkey",
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT 'all',
ADD CONSTRAINT "ReadModelChange_pkey" PRIMARY KEY ("txid", "scope");

-- CreateTable
CREATE TABLE "ReadModelValueChange" (
    "txid" BIGINT NOT NULL,
    "personaId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "weight" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "ReadModelValueChange_pkey" PRIMARY KEY ("txid","personaId","kpiId")
);

-- CreateIndex
CREATE INDEX "ReadModelValueChange_personaId_idx" ON "ReadModelValueChange"("personaId");

-- CreateIndex
CREATE INDEX "ReadModelValueChange_kpiId_idx" ON "ReadModelValueChange"("kpiId");

-- A change to "all" (the statement triggers of every other tracked table).
CREATE OR REPLACE FUNCTION read_model_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReadModelChange" ("txid", "scope") VALUES (txid_current(), 'all') ON CONFLICT ("txid", "scope") DO NOTHING;
  RETURN NULL;
END
$$;

-- Each value trigger below records a change to "all" instead of pairs when a statement writes more
-- than 1,000 values: an import of a month touches nearly every persona and KPI anyway, and 25,000
-- pair rows would cost it half a second.

-- New values. A period that no other value of its scorecard's KPIs of the same frequency has yet
-- (among the KPIs the screens count, as loadDataMonths reads them) is a change to "all".
CREATE FUNCTION read_model_values_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM inserted_values) THEN RETURN NULL; END IF;
  IF (SELECT count(*) FROM (SELECT 1 FROM inserted_values LIMIT 1001) batch) > 1000 OR EXISTS (
    SELECT 1
    FROM (SELECT DISTINCT p."scorecardId", k.frequency, n.period
          FROM inserted_values n
          JOIN "Kpi" k ON k.id = n."kpiId" AND k.status IN ('ACTIVE', 'RETIRED')
          JOIN "Perspective" p ON p.id = k."perspectiveId") g
    -- KPI by KPI through the (kpiId, period) index, stopping at the first earlier value: one or
    -- two probes when the month has data (the lateral LIMIT keeps the planner from scanning).
    WHERE NOT EXISTS (
      SELECT 1
      FROM "Kpi" k
      JOIN "Perspective" p ON p.id = k."perspectiveId" AND p."scorecardId" = g."scorecardId"
      CROSS JOIN LATERAL (
        SELECT 1 FROM "Measurement" m
        WHERE m."kpiId" = k.id AND m.period = g.period AND m.id NOT IN (SELECT id FROM inserted_values)
        LIMIT 1) earlier
      WHERE k.status IN ('ACTIVE', 'RETIRED') AND k.frequency = g.frequency)
  ) THEN
    INSERT INTO "ReadModelChange" ("txid", "scope") VALUES (txid_current(), 'all') ON CONFLICT ("txid", "scope") DO NOTHING;
  ELSE
    INSERT INTO "ReadModelChange" ("txid", "scope") VALUES (txid_current(), 'values') ON CONFLICT ("txid", "scope") DO NOTHING;
    INSERT INTO "ReadModelValueChange" ("txid", "personaId", "kpiId")
      SELECT DISTINCT txid_current(), n."personaId", n."kpiId" FROM inserted_values n
      ON CONFLICT ("txid", "personaId", "kpiId") DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- Changed values: in place (value, reason, comment, who, version), only their pairs; moved to
-- another KPI, persona or period, a change to "all".
CREATE FUNCTION read_model_values_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_values) THEN RETURN NULL; END IF;
  -- A row whose (id, KPI, persona, period) is not among the old rows moved. EXCEPT hashes both
  -- sides; a join of the two transition tables (no statistics, no index) can go quadratic.
  IF (SELECT count(*) FROM (SELECT 1 FROM new_values LIMIT 1001) batch) > 1000 OR EXISTS (
    SELECT id, "kpiId", "personaId", period FROM new_values
    EXCEPT
    SELECT id, "kpiId", "personaId", period FROM old_values
  ) THEN
    INSERT INTO "ReadModelChange" ("txid", "scope") VALUES (txid_current(), 'all') ON CONFLICT ("txid", "scope") DO NOTHING;
  ELSE
    INSERT INTO "ReadModelChange" ("txid", "scope") VALUES (txid_current(), 'values') ON CONFLICT ("txid", "scope") DO NOTHING;
    INSERT INTO "ReadModelValueChange" ("txid", "personaId", "kpiId")
      SELECT DISTINCT txid_current(), n."personaId", n."kpiId" FROM new_values n
      ON CONFLICT ("txid", "personaId", "kpiId") DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- Revisions belong to their measurement's pair (kept when a value is corrected).
CREATE FUNCTION read_model_revisions_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_revisions) THEN RETURN NULL; END IF;
  IF (SELECT count(*) FROM (SELECT 1 FROM new_revisions LIMIT 1001) batch) > 1000 THEN
    INSERT INTO "ReadModelChange" ("txid", "scope") VALUES (txid_current(), 'all') ON CONFLICT ("txid", "scope") DO NOTHING;
  ELSE
    INSERT INTO "ReadModelChange" ("txid", "scope") VALUES (txid_current(), 'values') ON CONFLICT ("txid", "scope") DO NOTHING;
    INSERT INTO "ReadModelValueChange" ("txid", "personaId", "kpiId")
      SELECT DISTINCT txid_current(), m."personaId", m."kpiId" FROM new_revisions r JOIN "Measurement" m ON m.id = r."measurementId"
      ON CONFLICT ("txid", "personaId", "kpiId") DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER read_model_changed ON "Measurement";
DROP TRIGGER read_model_changed ON "MeasurementRevision";

CREATE TRIGGER read_model_values_inserted AFTER INSERT ON "Measurement"
  REFERENCING NEW TABLE AS inserted_values FOR EACH STATEMENT EXECUTE FUNCTION read_model_values_inserted();
CREATE TRIGGER read_model_values_updated AFTER UPDATE ON "Measurement"
  REFERENCING OLD TABLE AS old_values NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION read_model_values_updated();
-- Deletes may shrink the months every screen offers: a change to "all", as before.
CREATE TRIGGER read_model_changed AFTER DELETE OR TRUNCATE ON "Measurement" FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed();

CREATE TRIGGER read_model_revisions_inserted AFTER INSERT ON "MeasurementRevision"
  REFERENCING NEW TABLE AS new_revisions FOR EACH STATEMENT EXECUTE FUNCTION read_model_revisions_written();
CREATE TRIGGER read_model_revisions_updated AFTER UPDATE ON "MeasurementRevision"
  REFERENCING NEW TABLE AS new_revisions FOR EACH STATEMENT EXECUTE FUNCTION read_model_revisions_written();
CREATE TRIGGER read_model_changed AFTER DELETE OR TRUNCATE ON "MeasurementRevision" FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed();
