-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailNotifications" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "dedupeKey" TEXT,
ADD COLUMN     "emailLastError" TEXT,
ADD COLUMN     "emailNextAttemptAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PairEvaluationRequest" (
    "id" SERIAL NOT NULL,
    "kpiId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PairEvaluationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PairEvaluationRequest_kpiId_personaId_idx" ON "PairEvaluationRequest"("kpiId", "personaId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_emailStatus_emailNextAttemptAt_idx" ON "Notification"("emailStatus", "emailNextAttemptAt");
