-- AlterEnum
ALTER TYPE "KpiStatus" ADD VALUE 'REJECTED';

-- AlterTable
ALTER TABLE "Kpi" ADD COLUMN     "evidence" TEXT,
ADD COLUMN     "retiredIn" DATE,
ADD COLUMN     "statusRationale" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "KpiProposalPersona" (
    "kpiId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,

    CONSTRAINT "KpiProposalPersona_pkey" PRIMARY KEY ("kpiId","personaId")
);

-- CreateIndex
CREATE INDEX "KpiProposalPersona_personaId_idx" ON "KpiProposalPersona"("personaId");

-- AddForeignKey
ALTER TABLE "KpiProposalPersona" ADD CONSTRAINT "KpiProposalPersona_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiProposalPersona" ADD CONSTRAINT "KpiProposalPersona_personaId_fkey" FOREIGN KEY ("personaId") REFERENCES "Persona"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot declare CHECKs): a KPI has the month it was retired in exactly when it is RETIRED.
ALTER TABLE "Kpi" ADD CONSTRAINT "Kpi_retiredIn_only_when_retired" CHECK ((status = 'RETIRED') = ("retiredIn" IS NOT NULL));
