-- AlterTable
ALTER TABLE "User" ADD COLUMN     "personaScopeRestricted" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "UserPersonaAccess" (
    "userId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserPersonaAccess_pkey" PRIMARY KEY ("userId","personaId")
);

-- CreateIndex
CREATE INDEX "UserPersonaAccess_personaId_idx" ON "UserPersonaAccess"("personaId");

-- AddForeignKey
ALTER TABLE "UserPersonaAccess" ADD CONSTRAINT "UserPersonaAccess_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserPersonaAccess" ADD CONSTRAINT "UserPersonaAccess_personaId_fkey" FOREIGN KEY ("personaId") REFERENCES "Persona"("id") ON DELETE CASCADE ON UPDATE CASCADE;
