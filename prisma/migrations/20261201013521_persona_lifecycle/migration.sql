-- CreateEnum
CREATE TYPE "PersonaReviewOutcome" AS ENUM ('STILL_VALID', 'NEEDS_RESEGMENTATION');

-- CreateTable
CREATE TABLE "PersonaStatusChange" (
    "id" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "fromStatus" "PersonaStatus",
    "toStatus" "PersonaStatus" NOT NULL,
    "rationale" TEXT NOT NULL,
    "changedById" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonaStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonaReview" (
    "id" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "outcome" "PersonaReviewOutcome" NOT NULL,
    "note" TEXT NOT NULL,
    "reviewedById" TEXT,
    "reviewedOn" DATE NOT NULL,
    "nextReviewOn" DATE NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonaReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonaStatusChange_personaId_at_idx" ON "PersonaStatusChange"("personaId", "at");

-- CreateIndex
CREATE INDEX "PersonaReview_personaId_at_idx" ON "PersonaReview"("personaId", "at");

-- AddForeignKey
ALTER TABLE "PersonaStatusChange" ADD CONSTRAINT "PersonaStatusChange_personaId_fkey" FOREIGN KEY ("personaId") REFERENCES "Persona"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaStatusChange" ADD CONSTRAINT "PersonaStatusChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaReview" ADD CONSTRAINT "PersonaReview_personaId_fkey" FOREIGN KEY ("personaId") REFERENCES "Persona"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaReview" ADD CONSTRAINT "PersonaReview_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
