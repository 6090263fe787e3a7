-- Optimistic concurrency for the strategy editor: an edit names the version it was made on, and
-- an edit of a perspective or objective someone else changed meanwhile is refused.
ALTER TABLE "Perspective" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "StrategicObjective" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
