-- Written by hand: Prisma cannot declare INCLUDE columns (tests/integration/schema-drift.test.ts
-- lists this index). The dashboards read a persona's values for a set of periods (the persona
-- scorecard: 12 months and 12 quarters; the heatmap: every persona, one month). With kpiId and
-- value in the index those reads are index-only scans instead of one heap page per value:
-- about ten times faster at 1.5 million values (see the README's benchmark figures).
DROP INDEX "Measurement_personaId_period_idx";
CREATE INDEX "Measurement_personaId_period_idx" ON "Measurement" ("personaId", "period") INCLUDE ("kpiId", "value");
