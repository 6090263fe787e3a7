import type { Metadata } from "next";
import { Suspense } from "react";
import { ScorecardCards } from "@/components/scorecard/scorecard-cards";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePermission } from "@/lib/auth/session";
import { requireActor } from "@/lib/auth/session";
import { getHomeData } from "@/lib/queries/home";

export const metadata: Metadata = { title: "Scorecards" };

export default async function ScorecardsPage() {
  await requirePermission("dashboard.read");
  return (
    <>
      <PageHeader
        title="Scorecards"
        description="Every scorecard with its total across personas in its latest reported month. Open one for its persona × perspective heatmap and strategy map."
      />
      <Suspense fallback={<Skeleton label="Loading scorecards…" blocks={["h-40", "h-40"]} />}>
        <Cards />
      </Suspense>
    </>
  );
}

async function Cards() {
  const data = await getHomeData(await requireActor());
  return <ScorecardCards scorecards={data.scorecards} />;
}
