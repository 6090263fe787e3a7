-- AlterTable
ALTER TABLE "Measurement" ADD COLUMN     "notAvailableReason" TEXT,
ALTER COLUMN "value" DROP NOT NULL;

-- AlterTable
ALTER TABLE "MeasurementRevision" ADD COLUMN     "notAvailableReason" TEXT,
ALTER COLUMN "value" DROP NOT NULL;

-- Written by hand: Prisma cannot declare CHECK constraints (tests/integration/schema-drift.test.ts
-- lists them). A measurement, and each earlier state kept as a revision, holds either a value or
-- the reason it is not available, never both and never neither; the reason is not blank.
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_value_xor_not_available"
  CHECK ((("value" IS NULL) <> ("notAvailableReason" IS NULL)) AND ("notAvailableReason" IS NULL OR btrim("notAvailableReason") <> ''));

ALTER TABLE "MeasurementRevision" ADD CONSTRAINT "MeasurementRevision_value_xor_not_available"
  CHECK ((("value" IS NULL) <> ("notAvailableReason" IS NULL)) AND ("notAvailableReason" IS NULL OR btrim("notAvailableReason") <> ''));
