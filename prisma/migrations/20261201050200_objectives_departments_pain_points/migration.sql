-- Objectives shared by business units, and persona pain points as rows that strategic
-- objectives address (issue 11). Persona."painPoints" (text[]) moves into "PersonaPainPoint"
-- (one row per non-blank entry, in its array order, trimmed) before the column is dropped.

-- CreateTable
CREATE TABLE "ObjectiveDepartment" (
    "objectiveId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,

    CONSTRAINT "ObjectiveDepartment_pkey" PRIMARY KEY ("objectiveId","departmentId")
);

-- CreateTable
CREATE TABLE "PersonaPainPoint" (
    "id" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "order" INTEGER NOT NULL,

    CONSTRAINT "PersonaPainPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PainPointObjective" (
    "painPointId" TEXT NOT NULL,
    "objectiveId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PainPointObjective_pkey" PRIMARY KEY ("painPointId","objectiveId")
);

-- CreateIndex
CREATE INDEX "ObjectiveDepartment_departmentId_idx" ON "ObjectiveDepartment"("departmentId");

-- CreateIndex
CREATE INDEX "PersonaPainPoint_personaId_order_idx" ON "PersonaPainPoint"("personaId", "order");

-- CreateIndex
CREATE INDEX "PainPointObjective_objectiveId_idx" ON "PainPointObjective"("objectiveId");

-- AddForeignKey
ALTER TABLE "ObjectiveDepartment" ADD CONSTRAINT "ObjectiveDepartment_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "StrategicObjective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObjectiveDepartment" ADD CONSTRAINT "ObjectiveDepartment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaPainPoint" ADD CONSTRAINT "PersonaPainPoint_personaId_fkey" FOREIGN KEY ("personaId") REFERENCES "Persona"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PainPointObjective" ADD CONSTRAINT "PainPointObjective_painPointId_fkey" FOREIGN KEY ("painPointId") REFERENCES "PersonaPainPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PainPointObjective" ADD CONSTRAINT "PainPointObjective_objectiveId_fkey" FOREIGN KEY ("objectiveId") REFERENCES "StrategicObjective"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Move the data: each non-blank entry of Persona."painPoints" becomes a row, numbered 0.. in
-- array order. The id is derived from the persona and position (deterministic, id-safe text).
INSERT INTO "PersonaPainPoint" ("id", "personaId", "text", "order")
SELECT 'pp' || md5(e."personaId" || ':' || e.ord::text),
       e."personaId",
       btrim(e.text),
       (row_number() OVER (PARTITION BY e."personaId" ORDER BY e.ord) - 1)::integer
FROM (
    SELECT p."id" AS "personaId", t.text, t.ord
    FROM "Persona" p
    CROSS JOIN LATERAL unnest(p."painPoints") WITH ORDINALITY AS t(text, ord)
) e
WHERE e.text IS NOT NULL AND btrim(e.text) <> '';

-- AlterTable
ALTER TABLE "Persona" DROP COLUMN "painPoints";
