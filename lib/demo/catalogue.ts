import type {
  AttributeKind,
  Direction,
  Frequency,
  KpiMeasureType,
  KpiStatus,
  KpiTiming,
  KpiUnit,
  PersonaStatus,
  Role,
} from "@/lib/generated/prisma/enums";

// The demo content: who works here, the two scorecards, the personas, and each KPI's targets.
// Pure data. Dates are offsets from the demo's end period (see calendar.ts), so moving the
// window keeps the story intact: the sunset, the recalibration and the review dates move with it.

export const DEMO_PASSWORD = "persona-demo";
/** Months of history ending with the end period. */
export const DEMO_HISTORY_MONTHS = 24;

// ───────────────────────────── Types ─────────────────────────────

export type DepartmentName =
  | "Executive Office"
  | "Customer Success"
  | "Sales"
  | "Marketing"
  | "Product"
  | "Support"
  | "Finance"
  | "Data & Analytics"
  | "People & Learning";

export type DemoUserEmail =
  | "admin@demo.test"
  | "analyst@demo.test"
  | "owner@demo.test"
  | "exec@demo.test"
  | "exec.restricted@demo.test"
  | "analyst.restricted@demo.test"
  | "marta.weber@demo.test"
  | "jonas.berg@demo.test"
  | "lena.fischer@demo.test"
  | "omar.haddad@demo.test"
  | "tom.hughes@demo.test"
  | "nadia.karim@demo.test";

export type PersonaSlug =
  | "enterprise-it-buyer"
  | "smb-owner"
  | "expert-power-user"
  | "price-sensitive-shopper"
  | "public-sector-procurement"
  | "legacy-on-prem-admin";

export interface DepartmentSpec {
  name: DepartmentName;
  description: string;
}

export interface UserSpec {
  email: DemoUserEmail;
  name: string;
  role: Role;
  department: DepartmentName;
  /** Demo accounts sign in with DEMO_PASSWORD; the other owners only appear as KPI owners. */
  canSignIn: boolean;
  /** Per-persona access: the only personas this user sees (absent: every persona). */
  personas?: PersonaSlug[];
}

export interface PersonaSpec {
  slug: PersonaSlug;
  name: string;
  description: string;
  status: PersonaStatus;
  statusRationale: string;
  /** When the current status began, in months before the end period. */
  statusSinceMonthsBeforeEnd: number;
  priority: number;
  revenueInfluence: number;
  reviewCadenceMonths: number;
  /** Months after the end period (negative: the review is overdue); null: no more reviews. */
  nextReviewMonthsAfterEnd: number | null;
  attributes: Array<{ kind: AttributeKind; label: string; value: string }>;
  /**
   * In the persona's order; addressedBy names the objectives that address each one
   * (`<scorecard slug>|<objective key>`). An empty list is shown flagged as unaddressed.
   */
  painPoints: Array<{ text: string; addressedBy: string[] }>;
  /** Themes heard in surveys, used for the NPS comments. */
  voice: { praise: string[]; complaints: string[]; responses: readonly [number, number] };
}

export interface TargetSpec {
  baseline?: number;
  target: number;
  green: number;
  red: number;
  /** TARGET_RANGE only. */
  greenHigh?: number;
  redHigh?: number;
  rationale: string;
}

export interface TargetChangeSpec extends TargetSpec {
  /** Omitted: the KPI's default row. */
  persona?: PersonaSlug;
  monthsBeforeEnd: number;
}

export interface KpiSpec {
  code: string;
  name: string;
  description: string;
  /** Key of an objective of the same scorecard. */
  objective: string;
  timing: KpiTiming;
  measureType?: KpiMeasureType;
  scale?: readonly [number, number];
  unit: KpiUnit;
  currencyCode?: string;
  durationUnit?: string;
  direction: Direction;
  frequency: Frequency;
  weight: number;
  owner: DemoUserEmail;
  department: DepartmentName;
  sourceSystem: string;
  transformation: string;
  status: KpiStatus;
  justification?: string;
  proposedBy?: DemoUserEmail;
  /** PROPOSED: the evidence (a link or text) and the personas it is about. */
  evidence?: string;
  proposalPersonas?: PersonaSlug[];
  /** RETIRED: retired this many months before the end of the history (it counts up to that month), and why. */
  retiredMonthsBeforeEnd?: number;
  retirementRationale?: string;
  /** Values the random walk may produce (physical or plausible limits). */
  plausibleRange: readonly [number, number];
  /** The default thresholds, in force from the first period of the history. */
  target: TargetSpec;
  /** Only personas that differ from the default. */
  personaTargets?: Partial<Record<PersonaSlug, TargetSpec>>;
  /** Later rows (the history of a target); the walk is judged against the latest. */
  targetChanges?: TargetChangeSpec[];
}

export interface ObjectiveSpec {
  key: string;
  title: string;
  description: string;
  theme: string;
  owner: DemoUserEmail;
  /** The business units that share the objective. */
  departments: DepartmentName[];
}

export interface PerspectiveSpec {
  name: string;
  description: string;
  weight: number;
  objectives: ObjectiveSpec[];
  kpis: KpiSpec[];
}

export interface WeightSetSpec {
  /** Null: from the first period of the history. */
  monthsBeforeEnd: number | null;
  reason: string;
  setBy: DemoUserEmail;
  weights: Partial<Record<PersonaSlug, number>>;
}

export interface ScorecardSpec {
  slug: string;
  name: string;
  description: string;
  escalationStreakLength: number;
  /** Who approved the ACTIVE KPIs, and what they wrote. */
  kpiApproval: { reviewer: DemoUserEmail; comment: string };
  perspectives: PerspectiveSpec[];
  links: Array<{ cause: string; effect: string; description: string }>;
  weightHistory: WeightSetSpec[];
}

/** A deliberate run of breached (RED) periods for one KPI x persona. */
export interface BreachScenarioSpec {
  kpi: string;
  persona: PersonaSlug;
  /** Breached periods in a row (a quarterly KPI counts quarters). */
  periods: number;
  /** 0: the run ends with the last period; otherwise it ends this many months earlier. */
  endsMonthsBeforeEnd: number;
  /** Written as the comment of the first breached value: what the owner said. */
  note: string;
}

/** A value nobody entered. */
export interface GapSpec {
  kpi: string;
  persona: PersonaSlug;
  monthsBeforeEnd: number;
  reason: string;
  /**
   * "not-available": the owner marked the value not available with `reason` (a row without a
   * value); "missing": nothing was entered (no row at all).
   */
  kind: "not-available" | "missing";
}

// ───────────────────────────── People ─────────────────────────────

export const DEPARTMENTS: DepartmentSpec[] = [
  { name: "Executive Office", description: "Sets strategy and signs off scorecard weights." },
  { name: "Customer Success", description: "Onboarding, adoption and renewals." },
  { name: "Sales", description: "New business and expansion." },
  { name: "Marketing", description: "Segmentation, research and demand generation." },
  { name: "Product", description: "Product management, design and analytics." },
  { name: "Support", description: "Technical support across all channels." },
  { name: "Finance", description: "Billing, revenue reporting and cost allocation." },
  { name: "Data & Analytics", description: "Data warehouse, persona tagging and reporting." },
  { name: "People & Learning", description: "Hiring, training and certification." },
];

export const USERS: UserSpec[] = [
  { email: "admin@demo.test", name: "Alex Morgan", role: "ADMIN", department: "Data & Analytics", canSignIn: true },
  { email: "analyst@demo.test", name: "Priya Raman", role: "ANALYST", department: "Data & Analytics", canSignIn: true },
  { email: "owner@demo.test", name: "Sam Okafor", role: "KPI_OWNER", department: "Customer Success", canSignIn: true },
  { email: "exec@demo.test", name: "Elena Rossi", role: "EXECUTIVE", department: "Executive Office", canSignIn: true },
  // Per-persona access: a regional executive who sees two personas' detail and the totals.
  {
    email: "exec.restricted@demo.test",
    name: "Ravi Chen",
    role: "EXECUTIVE",
    department: "Executive Office",
    canSignIn: true,
    personas: ["smb-owner", "price-sensitive-shopper"],
  },
  // Per-persona access for an analyst: reads the weights of those two personas (the others as one
  // line) and may not recalibrate, which sets every persona's weight.
  {
    email: "analyst.restricted@demo.test",
    name: "Mei Tanaka",
    role: "ANALYST",
    department: "Marketing",
    canSignIn: true,
    personas: ["smb-owner", "price-sensitive-shopper"],
  },
  { email: "marta.weber@demo.test", name: "Marta Weber", role: "KPI_OWNER", department: "Support", canSignIn: false },
  { email: "jonas.berg@demo.test", name: "Jonas Berg", role: "KPI_OWNER", department: "Marketing", canSignIn: false },
  { email: "lena.fischer@demo.test", name: "Lena Fischer", role: "KPI_OWNER", department: "Finance", canSignIn: false },
  { email: "omar.haddad@demo.test", name: "Omar Haddad", role: "KPI_OWNER", department: "Data & Analytics", canSignIn: false },
  { email: "tom.hughes@demo.test", name: "Tom Hughes", role: "KPI_OWNER", department: "Product", canSignIn: false },
  { email: "nadia.karim@demo.test", name: "Nadia Karim", role: "KPI_OWNER", department: "People & Learning", canSignIn: false },
];

// ───────────────────────────── Personas ─────────────────────────────

export const PERSONAS: PersonaSpec[] = [
  {
    slug: "enterprise-it-buyer",
    name: "Enterprise IT Buyer",
    description:
      "IT leader who runs a formal evaluation for a rollout of 1,000+ seats. Buys on risk, integration and vendor stability; renews on proven adoption and support SLAs.",
    status: "ACTIVE",
    statusRationale: "Largest share of recurring revenue; tracked since the first persona scorecard.",
    statusSinceMonthsBeforeEnd: 23,
    priority: 1,
    revenueInfluence: 0.42,
    reviewCadenceMonths: 3,
    nextReviewMonthsAfterEnd: 2,
    attributes: [
      { kind: "DEMOGRAPHIC", label: "Role", value: "Head of IT or IT procurement lead" },
      { kind: "DEMOGRAPHIC", label: "Company size", value: "1,000–20,000 employees" },
      { kind: "DEMOGRAPHIC", label: "Age", value: "38–55" },
      { kind: "GEOGRAPHIC", label: "Region", value: "DACH, Benelux and the Nordics" },
      { kind: "GEOGRAPHIC", label: "Footprint", value: "Multi-site, often multi-country" },
      { kind: "PSYCHOGRAPHIC", label: "Values", value: "Risk reduction, compliance, vendor stability" },
      { kind: "PSYCHOGRAPHIC", label: "Decision style", value: "Committee-driven and evidence-based" },
      { kind: "BEHAVIOURAL", label: "Buying cycle", value: "6–9 months; annual or multi-year contracts" },
      { kind: "BEHAVIOURAL", label: "Channels", value: "RFPs, analyst reports, reference calls" },
      { kind: "BEHAVIOURAL", label: "Usage", value: "Broad rollout, admin-heavy, SSO and API integrations" },
    ],
    painPoints: [
      { text: "Security and compliance reviews stall every purchase", addressedBy: [] },
      { text: "Integrating with identity, ERP and ticketing systems", addressedBy: ["persona-bsc|ip-onboard"] },
      { text: "Proving adoption and ROI to the steering committee before renewal", addressedBy: ["persona-bsc|cus-engage", "customer-profiling|cp-embed"] },
    ],
    voice: {
      praise: ["SSO and audit logs that work out of the box", "a responsive named account team", "stable quarterly releases"],
      complaints: ["slow answers to security questionnaires", "SLA misses on priority tickets", "renewal pricing"],
      responses: [25, 60],
    },
  },
  {
    slug: "smb-owner",
    name: "SMB Owner",
    description:
      "Founder or managing director of a 10–100 person business who buys, sets up and uses the product with little IT help. Values time to value and a predictable bill.",
    status: "ACTIVE",
    statusRationale: "Fastest-growing segment by account count.",
    statusSinceMonthsBeforeEnd: 23,
    priority: 2,
    revenueInfluence: 0.27,
    reviewCadenceMonths: 3,
    nextReviewMonthsAfterEnd: 1,
    attributes: [
      { kind: "DEMOGRAPHIC", label: "Role", value: "Owner or managing director" },
      { kind: "DEMOGRAPHIC", label: "Company size", value: "10–100 employees" },
      { kind: "DEMOGRAPHIC", label: "Age", value: "30–50" },
      { kind: "GEOGRAPHIC", label: "Region", value: "Germany, France and the UK" },
      { kind: "GEOGRAPHIC", label: "Setting", value: "Mid-sized towns and cities" },
      { kind: "PSYCHOGRAPHIC", label: "Values", value: "Time to value, simplicity, fair pricing" },
      { kind: "PSYCHOGRAPHIC", label: "Attitude to technology", value: "Pragmatic; adopts what saves time this week" },
      { kind: "BEHAVIOURAL", label: "Buying cycle", value: "Days to weeks; monthly or annual plan" },
      { kind: "BEHAVIOURAL", label: "Channels", value: "Search, peer recommendations, free trial" },
      { kind: "BEHAVIOURAL", label: "Usage", value: "A few core modules, used in bursts" },
    ],
    painPoints: [
      { text: "No time to configure the product or train staff", addressedBy: ["persona-bsc|ip-onboard"] },
      { text: "Surprises on the invoice", addressedBy: [] },
      { text: "Support hours that do not match the working day", addressedBy: ["persona-bsc|ip-resolve"] },
    ],
    voice: {
      praise: ["quick setup", "clear pricing", "friendly chat support"],
      complaints: ["onboarding takes too long", "too many features to find the right one", "a price increase at renewal"],
      responses: [120, 260],
    },
  },
  {
    slug: "expert-power-user",
    name: "Expert Power User",
    description:
      "Hands-on specialist (analyst, engineer, operations lead) who pushes the product to its limits, automates through the API and influences what the company buys next.",
    status: "ACTIVE",
    statusRationale: "Champions or blocks renewals inside enterprise and SMB accounts alike.",
    statusSinceMonthsBeforeEnd: 23,
    priority: 2,
    revenueInfluence: 0.16,
    reviewCadenceMonths: 6,
    nextReviewMonthsAfterEnd: 3,
    attributes: [
      { kind: "DEMOGRAPHIC", label: "Role", value: "Analyst, engineer or operations lead" },
      { kind: "DEMOGRAPHIC", label: "Experience", value: "5+ years with tools in this category" },
      { kind: "GEOGRAPHIC", label: "Region", value: "Global, remote-first teams" },
      { kind: "PSYCHOGRAPHIC", label: "Values", value: "Depth, control, transparency" },
      { kind: "PSYCHOGRAPHIC", label: "Motivation", value: "Mastery and recognition among peers" },
      { kind: "BEHAVIOURAL", label: "Usage", value: "Daily; advanced features, API and scripting" },
      { kind: "BEHAVIOURAL", label: "Channels", value: "Documentation, community forum, changelog" },
      { kind: "BEHAVIOURAL", label: "Influence", value: "Champions or blocks renewals in their account" },
    ],
    painPoints: [
      { text: "First-line support cannot answer advanced questions", addressedBy: ["persona-bsc|lg-skills", "persona-bsc|ip-resolve"] },
      { text: "Missing API coverage for new features", addressedBy: ["persona-bsc|lg-learn"] },
      { text: "Breaking changes without notice", addressedBy: ["persona-bsc|cus-delight"] },
    ],
    voice: {
      praise: ["a powerful API", "the fast release cadence", "an active community"],
      complaints: ["support that cannot handle expert questions", "API gaps in new modules", "undocumented breaking changes"],
      responses: [60, 140],
    },
  },
  {
    slug: "price-sensitive-shopper",
    name: "Price-Sensitive Shopper",
    description:
      "Self-serve buyer on the entry plan who compares prices, responds to promotions and switches when a cheaper option is good enough.",
    status: "ACTIVE",
    statusRationale: "High volume, low margin; kept to watch churn and cost to serve.",
    statusSinceMonthsBeforeEnd: 23,
    priority: 3,
    revenueInfluence: 0.09,
    reviewCadenceMonths: 3,
    nextReviewMonthsAfterEnd: -1,
    attributes: [
      { kind: "DEMOGRAPHIC", label: "Role", value: "Freelancer or micro-business owner" },
      { kind: "DEMOGRAPHIC", label: "Company size", value: "1–9 people" },
      { kind: "GEOGRAPHIC", label: "Region", value: "Southern and Eastern Europe, Latin America" },
      { kind: "GEOGRAPHIC", label: "Payment", value: "Card, in local currency" },
      { kind: "PSYCHOGRAPHIC", label: "Values", value: "Low price, no commitment" },
      { kind: "PSYCHOGRAPHIC", label: "Attitude", value: "Sceptical of upsells" },
      { kind: "BEHAVIOURAL", label: "Buying cycle", value: "Impulse to a few days; monthly plan" },
      { kind: "BEHAVIOURAL", label: "Channels", value: "Comparison sites, coupons, app marketplaces" },
      { kind: "BEHAVIOURAL", label: "Usage", value: "Core features only, seasonal" },
    ],
    painPoints: [
      { text: "Price rises and paid add-ons", addressedBy: ["customer-profiling|cp-retain"] },
      { text: "Useful features locked behind higher plans", addressedBy: ["persona-bsc|fin-clv"] },
      { text: "Cancelling is harder than signing up", addressedBy: ["persona-bsc|cus-delight"] },
    ],
    voice: {
      praise: ["good value on the starter plan", "the promotions", "how simple it is to cancel"],
      complaints: ["the price increase", "features locked in higher plans", "slow email-only support"],
      responses: [200, 480],
    },
  },
  {
    slug: "public-sector-procurement",
    name: "Public Sector Procurement",
    description:
      "Procurement officer in a municipality, agency or university who buys through formal tenders under strict data-residency and accessibility rules.",
    status: "DRAFT",
    statusRationale:
      "Drafted after two public tenders; stays out of the scorecards until a year of tagged accounts exists to set targets from.",
    statusSinceMonthsBeforeEnd: 2,
    priority: 3,
    revenueInfluence: 0.04,
    reviewCadenceMonths: 3,
    nextReviewMonthsAfterEnd: 1,
    attributes: [
      { kind: "DEMOGRAPHIC", label: "Role", value: "Procurement officer or IT coordinator" },
      { kind: "DEMOGRAPHIC", label: "Organisation", value: "Municipalities, agencies, universities" },
      { kind: "GEOGRAPHIC", label: "Region", value: "EU member states" },
      { kind: "GEOGRAPHIC", label: "Data residency", value: "EU hosting required" },
      { kind: "PSYCHOGRAPHIC", label: "Values", value: "Compliance, transparency, lowest compliant bid" },
      { kind: "BEHAVIOURAL", label: "Buying cycle", value: "Tenders of 3–12 months" },
      { kind: "BEHAVIOURAL", label: "Channels", value: "Public tender portals, framework agreements" },
    ],
    painPoints: [
      { text: "Tenders demand certifications we do not hold yet", addressedBy: ["customer-profiling|cp-research"] },
      { text: "Accessibility evidence (EN 301 549)", addressedBy: ["persona-bsc|cus-delight"] },
      { text: "Fixed budgets per fiscal year", addressedBy: ["customer-profiling|cp-deepen"] },
    ],
    voice: { praise: ["EU hosting"], complaints: ["missing certifications"], responses: [5, 15] },
  },
  {
    slug: "legacy-on-prem-admin",
    name: "Legacy On-Prem Admin",
    description:
      "System administrator who runs the self-hosted edition in the customer's own data centre and controls when it is upgraded.",
    status: "SUNSET",
    statusRationale:
      "The on-premises edition reached end of sale; most admins moved to the cloud edition and are now profiled as Enterprise IT Buyers. " +
      "Fewer than 40 accounts remain, too few for reliable KPIs, so tracking stopped; the history is kept.",
    statusSinceMonthsBeforeEnd: 6,
    priority: 5,
    revenueInfluence: 0.02,
    reviewCadenceMonths: 12,
    nextReviewMonthsAfterEnd: null,
    attributes: [
      { kind: "DEMOGRAPHIC", label: "Role", value: "System administrator" },
      { kind: "DEMOGRAPHIC", label: "Age", value: "40–60" },
      { kind: "GEOGRAPHIC", label: "Region", value: "Germany and Switzerland" },
      { kind: "GEOGRAPHIC", label: "Deployment", value: "Customer data centre without internet egress" },
      { kind: "PSYCHOGRAPHIC", label: "Values", value: "Control, stability, long support windows" },
      { kind: "BEHAVIOURAL", label: "Usage", value: "Upgrades once a year; heavy use of the admin console" },
      { kind: "BEHAVIOURAL", label: "Channels", value: "Release notes, support portal" },
    ],
    painPoints: [
      { text: "Upgrade windows and downtime", addressedBy: ["persona-bsc|ip-resolve"] },
      { text: "The feature gap to the cloud edition", addressedBy: ["persona-bsc|cus-engage"] },
      { text: "Uncertainty about end of support", addressedBy: ["customer-profiling|cp-retain"] },
    ],
    voice: {
      praise: ["stable releases", "long support windows"],
      complaints: ["the feature gap to the cloud edition", "uncertainty after the end of sale"],
      responses: [10, 25],
    },
  },
];

// ───────────────────────────── Customer Profiling ─────────────────────────────

const CUSTOMER_PROFILING: ScorecardSpec = {
  slug: "customer-profiling",
  name: "Customer Profiling",
  description:
    "Tracks why the customer base forms, expands and dilutes: how well we profile customers, how the profiles are used across departments, " +
    "and what that does to buying behaviour and results.",
  escalationStreakLength: 3,
  kpiApproval: { reviewer: "exec@demo.test", comment: "Approved at the customer profiling workshop." },
  perspectives: [
    {
      name: "Benefits and Performance",
      description: "Results of knowing our customers: retention, issues addressed, growth of the base, cost to serve.",
      weight: 0.35,
      objectives: [
        {
          key: "cp-retain",
          title: "Retain and expand a profitable customer base",
          description: "Keep the customers we have, grow the base, and serve it at a sustainable cost.",
          theme: "Customer retention",
          owner: "exec@demo.test",
          departments: ["Customer Success", "Sales", "Finance"],
        },
      ],
      kpis: [
        {
          code: "CP-RETENTION",
          name: "Customer retention ratio",
          description: "Share of the persona's customers at the start of the month who are still customers at its end.",
          objective: "cp-retain",
          timing: "LAGGING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 3,
          owner: "owner@demo.test",
          department: "Customer Success",
          sourceSystem: "CRM (accounts)",
          transformation:
            "Accounts active at month end that were active at month start ÷ accounts active at month start, grouped by the account's persona tag at month start.",
          status: "ACTIVE",
          plausibleRange: [50, 100],
          target: { baseline: 90, target: 94, green: 91, red: 87, rationale: "Two years of retention history across personas." },
          personaTargets: {
            "smb-owner": { baseline: 86, target: 90, green: 87, red: 82, rationale: "Small businesses close or downsize more often." },
            "price-sensitive-shopper": {
              baseline: 78,
              target: 85,
              green: 80,
              red: 74,
              rationale: "Promotion-driven buyers churn more; judged against their own history, not the average.",
            },
            "legacy-on-prem-admin": { baseline: 84, target: 88, green: 84, red: 78, rationale: "Edition in end of sale: migrations count as churn here." },
          },
        },
        {
          code: "CP-ISSUES-ADDRESSED",
          name: "Issues addressing index",
          description: "Share of the issues the persona's customers raised that were fixed or answered for good within 30 days.",
          objective: "cp-retain",
          timing: "LAGGING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "marta.weber@demo.test",
          department: "Support",
          sourceSystem: "Helpdesk and CRM cases",
          transformation: "Issues closed with a documented fix within 30 days ÷ issues raised in the month, per persona tag of the requesting account.",
          status: "ACTIVE",
          plausibleRange: [30, 100],
          target: { baseline: 75, target: 85, green: 78, red: 65, rationale: "Median of the last two years plus the support plan's improvement goal." },
          // No persona overrides here, so the raise applies to every persona from its period on.
          targetChanges: [
            {
              monthsBeforeEnd: 9,
              baseline: 79,
              target: 88,
              green: 81,
              red: 68,
              rationale: "Raised in the FY26 plan after the support reorganisation.",
            },
          ],
        },
        {
          code: "CP-BASE-EXPANSION",
          name: "Customer base expansion",
          description: "Net growth of the persona's customer count in the month.",
          objective: "cp-retain",
          timing: "LAGGING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "jonas.berg@demo.test",
          department: "Sales",
          sourceSystem: "CRM (accounts)",
          transformation: "(Customers at month end − customers at month start) ÷ customers at month start.",
          status: "ACTIVE",
          plausibleRange: [-6, 8],
          target: { baseline: 0.8, target: 1.5, green: 1, red: 0, rationale: "Growth plan: 12–18% more customers a year." },
          personaTargets: {
            "price-sensitive-shopper": { baseline: 1.2, target: 2.5, green: 1.5, red: 0.3, rationale: "Volume segment: grows fast or not at all." },
            "legacy-on-prem-admin": { baseline: -1, target: 0, green: -1, red: -3, rationale: "Closed to new sales; a slow decline is expected." },
          },
        },
        {
          code: "CP-COST-REVENUE",
          name: "Cost:revenue ratio",
          description: "Cost to acquire and serve the persona's accounts per unit of revenue they bring.",
          objective: "cp-retain",
          timing: "LAGGING",
          unit: "RATIO",
          direction: "LOWER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 2,
          owner: "lena.fischer@demo.test",
          department: "Finance",
          sourceSystem: "ERP cost centres and billing",
          transformation:
            "Sales, marketing and support cost allocated to the persona by activity ÷ revenue recognised from its accounts in the quarter.",
          status: "ACTIVE",
          plausibleRange: [0.05, 1.2],
          target: { baseline: 0.38, target: 0.3, green: 0.35, red: 0.45, rationale: "Budget for FY25; cost to serve must fall as the base grows." },
          personaTargets: {
            "enterprise-it-buyer": { baseline: 0.3, target: 0.25, green: 0.3, red: 0.38, rationale: "Large contracts carry sales cost well." },
            "price-sensitive-shopper": { baseline: 0.55, target: 0.45, green: 0.52, red: 0.62, rationale: "Small tickets; self-serve keeps the ratio acceptable." },
          },
        },
      ],
    },
    {
      name: "Process",
      description: "How thoroughly and how quickly we study our customers.",
      weight: 0.2,
      objectives: [
        {
          key: "cp-research",
          title: "Profile every segment with sound, timely research",
          description: "Cover the areas that explain buying decisions, with several methods and tools, without taking months.",
          theme: "Customer insight",
          owner: "jonas.berg@demo.test",
          departments: ["Marketing", "Data & Analytics"],
        },
      ],
      kpis: [
        {
          code: "CP-AREAS-COVERED",
          name: "Number of areas covered",
          description: "Profile areas (needs, budget, decision process, channels, objections, usage...) with fresh evidence this quarter.",
          objective: "cp-research",
          timing: "LEADING",
          unit: "COUNT",
          direction: "HIGHER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 1,
          owner: "jonas.berg@demo.test",
          department: "Marketing",
          sourceSystem: "Research repository",
          transformation: "Count of the 12 standard profile areas with at least one study or data set tagged to the persona in the quarter.",
          status: "ACTIVE",
          plausibleRange: [0, 12],
          target: { baseline: 7, target: 10, green: 8, red: 5, rationale: "The research plan covers at least 10 of 12 areas a quarter." },
        },
        {
          code: "CP-METHODS",
          name: "Number of methods utilized",
          description: "Distinct research methods used for the persona this quarter (interviews, surveys, analytics cohorts, win/loss, ticket mining...).",
          objective: "cp-research",
          timing: "LEADING",
          unit: "COUNT",
          direction: "TARGET_RANGE",
          frequency: "QUARTERLY",
          weight: 1,
          owner: "jonas.berg@demo.test",
          department: "Marketing",
          sourceSystem: "Research repository",
          transformation: "Distinct method tags on the persona's studies completed in the quarter.",
          status: "ACTIVE",
          plausibleRange: [0, 10],
          target: {
            baseline: 3,
            target: 4,
            green: 3,
            red: 2,
            greenHigh: 6,
            redHigh: 8,
            rationale: "One or two methods give a one-sided picture; more than seven spreads the team too thin.",
          },
        },
        {
          code: "CP-TECHNOLOGIES",
          name: "Number of technologies utilized",
          description: "Systems feeding the persona's profile through a live, documented integration (CRM, product analytics, survey tool...).",
          objective: "cp-research",
          timing: "LEADING",
          unit: "COUNT",
          direction: "HIGHER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 1,
          owner: "omar.haddad@demo.test",
          department: "Data & Analytics",
          sourceSystem: "Data catalogue",
          transformation: "Source systems with a passing data contract that carry the persona tag, counted at quarter end.",
          status: "ACTIVE",
          plausibleRange: [0, 10],
          target: { baseline: 4, target: 6, green: 5, red: 3, rationale: "CRM, billing, product analytics, helpdesk, survey tool and CPQ." },
        },
        {
          code: "CP-PROCESS-TIME",
          name: "Time taken in the process",
          description: "Calendar days from the start of a profiling study to the published persona update.",
          objective: "cp-research",
          timing: "LAGGING",
          unit: "DURATION",
          durationUnit: "days",
          direction: "LOWER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 2,
          owner: "jonas.berg@demo.test",
          department: "Marketing",
          sourceSystem: "Research repository",
          transformation: "Median days between study kick-off and publication of the persona update, studies published in the quarter.",
          status: "ACTIVE",
          plausibleRange: [10, 120],
          target: { baseline: 45, target: 30, green: 40, red: 55, rationale: "A profile older than a quarter misses the next planning cycle." },
          personaTargets: {
            "enterprise-it-buyer": { baseline: 60, target: 45, green: 55, red: 70, rationale: "Committee interviews take longer to schedule." },
          },
        },
      ],
    },
    {
      name: "Integration and Best Practices",
      description: "Whether profiles are trustworthy and used across departments.",
      weight: 0.2,
      objectives: [
        {
          key: "cp-embed",
          title: "Make profiles part of everyday work",
          description: "Aligned customer data, a followed method, and staff in every department who use the profiles.",
          theme: "Customer insight",
          owner: "analyst@demo.test",
          departments: ["Data & Analytics", "Sales", "Customer Success", "Support"],
        },
      ],
      kpis: [
        {
          code: "CP-STAFF-FRACTION",
          name: "Staff fraction",
          description: "Share of customer-facing staff who used the persona's profile in their work this month.",
          objective: "cp-embed",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "nadia.karim@demo.test",
          department: "People & Learning",
          sourceSystem: "CRM usage logs and learning platform",
          transformation: "Staff in sales, support and success who opened the persona panel or completed its playbook ÷ staff in those teams.",
          status: "ACTIVE",
          plausibleRange: [10, 100],
          target: { baseline: 55, target: 75, green: 65, red: 50, rationale: "Adoption goal of the persona programme." },
        },
        {
          code: "CP-DB-ALIGNMENT",
          name: "Database alignment index",
          description: "Share of customer records whose persona tag agrees across CRM, billing and product analytics.",
          objective: "cp-embed",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "omar.haddad@demo.test",
          department: "Data & Analytics",
          sourceSystem: "Data warehouse reconciliation job",
          transformation: "Accounts whose persona tag matches in all three systems ÷ accounts tagged in any of them, nightly job, month-end snapshot.",
          status: "ACTIVE",
          plausibleRange: [60, 100],
          target: { baseline: 90, target: 97, green: 94, red: 88, rationale: "Below 88% persona KPIs are skewed by misclassified accounts." },
        },
        {
          code: "CP-BEST-PRACTICES",
          name: "Best practices abiding ratio",
          description: "Share of the profiling checklist met by this month's studies (consent, sample size, two sources, peer review...).",
          objective: "cp-embed",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 1,
          owner: "analyst@demo.test",
          department: "Data & Analytics",
          sourceSystem: "Research repository checklists",
          transformation: "Checklist items met ÷ items applicable, over the persona's studies reviewed in the month.",
          status: "ACTIVE",
          plausibleRange: [40, 100],
          target: { baseline: 80, target: 90, green: 85, red: 75, rationale: "Research quality standard." },
        },
        {
          code: "CP-COHESION",
          name: "Interdepartmental cohesion",
          description: "How far marketing, sales, support and product share one picture of the persona (staff survey, 1–5).",
          objective: "cp-embed",
          timing: "LEADING",
          measureType: "QUALITATIVE",
          scale: [1, 5],
          unit: "SCORE",
          direction: "HIGHER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 1,
          owner: "nadia.karim@demo.test",
          department: "People & Learning",
          sourceSystem: "Quarterly staff pulse survey",
          transformation: "Mean answer to “We share one picture of this persona” (1 strongly disagree … 5 strongly agree), four departments weighted equally.",
          status: "ACTIVE",
          plausibleRange: [1, 5],
          target: { baseline: 3.6, target: 4.2, green: 3.8, red: 3.2, rationale: "Pulse survey benchmark of the persona programme." },
        },
      ],
    },
    {
      name: "Buying Behavior",
      description: "How the persona's buying changes: frequency, recency, customization and spend.",
      weight: 0.25,
      objectives: [
        {
          key: "cp-deepen",
          title: "Deepen each customer's buying relationship",
          description: "Customers buy more often, more recently, more tailored and more in total.",
          theme: "Market differentiation",
          owner: "owner@demo.test",
          departments: ["Sales", "Customer Success"],
        },
      ],
      kpis: [
        {
          code: "CP-RISING-FREQUENCY",
          name: "Share of customers with rising buying frequency",
          description: "Customers whose purchases in the last 90 days exceed those of the 90 days before.",
          objective: "cp-deepen",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "owner@demo.test",
          department: "Customer Success",
          sourceSystem: "Billing order history",
          transformation: "Customers with more orders in the last 90 days than in the 90 before ÷ customers with an order in the last 180 days.",
          status: "ACTIVE",
          plausibleRange: [0, 60],
          target: { baseline: 22, target: 30, green: 25, red: 18, rationale: "Upper quartile of the last two years." },
          personaTargets: {
            "enterprise-it-buyer": { baseline: 11, target: 15, green: 12, red: 8, rationale: "Annual contracts: frequency moves slowly." },
          },
        },
        {
          code: "CP-RECENCY",
          name: "Increase in recency of purchase",
          description: "Fall in the median days since the last purchase against the same month a year earlier (positive: customers bought more recently).",
          objective: "cp-deepen",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 1,
          owner: "jonas.berg@demo.test",
          department: "Marketing",
          sourceSystem: "Billing order history",
          transformation: "(Median days since last purchase a year ago − today) ÷ median a year ago.",
          status: "ACTIVE",
          plausibleRange: [-25, 30],
          target: { baseline: 2, target: 8, green: 4, red: -2, rationale: "Lifecycle campaigns should bring purchases forward." },
        },
        {
          code: "CP-CUSTOMIZATION",
          name: "Level of customization climbing",
          description: "Share of orders and renewals with configured options, add-ons or tailored plans.",
          objective: "cp-deepen",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 1,
          owner: "tom.hughes@demo.test",
          department: "Product",
          sourceSystem: "CPQ order lines",
          transformation: "Orders with at least one configured option or add-on ÷ all orders in the month.",
          status: "ACTIVE",
          plausibleRange: [0, 90],
          target: { baseline: 24, target: 35, green: 28, red: 18, rationale: "Tailored plans retain better; product goal for add-on attach." },
          personaTargets: {
            "expert-power-user": { baseline: 42, target: 55, green: 45, red: 32, rationale: "Experts configure heavily; a drop is an early warning." },
            "price-sensitive-shopper": { baseline: 7, target: 12, green: 9, red: 5, rationale: "They buy standard plans; add-ons are the exception." },
          },
        },
        {
          code: "CP-SALES-PER-CUSTOMER",
          name: "Increase in sales per customer",
          description: "Revenue per active customer against the same month a year earlier.",
          objective: "cp-deepen",
          timing: "LAGGING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 3,
          owner: "lena.fischer@demo.test",
          department: "Finance",
          sourceSystem: "Billing",
          transformation: "(Revenue ÷ active customers this month) ÷ (the same a year earlier) − 1.",
          status: "ACTIVE",
          plausibleRange: [-20, 30],
          target: { baseline: 4, target: 8, green: 5, red: 0, rationale: "Expansion plan: high single-digit growth per customer." },
        },
      ],
    },
  ],
  links: [
    { cause: "cp-research", effect: "cp-embed", description: "Sound, timely profiles are the ones departments adopt." },
    { cause: "cp-embed", effect: "cp-deepen", description: "Staff who use the profiles sell and serve to the persona's real needs." },
    { cause: "cp-deepen", effect: "cp-retain", description: "Customers who buy more, and more often, stay and cost less to keep." },
  ],
  weightHistory: [
    {
      monthsBeforeEnd: null,
      reason: "Initial weights from each persona's revenue influence and strategic priority.",
      setBy: "exec@demo.test",
      weights: {
        "enterprise-it-buyer": 0.35,
        "smb-owner": 0.3,
        "expert-power-user": 0.15,
        "price-sensitive-shopper": 0.15,
        "legacy-on-prem-admin": 0.05,
      },
    },
  ],
};

// ───────────────────────────── Persona Balanced Scorecard ─────────────────────────────

const PERSONA_BSC: ScorecardSpec = {
  slug: "persona-bsc",
  name: "Persona Balanced Scorecard",
  description:
    "The company strategy in four perspectives, every KPI judged per persona: learning and growth drives internal processes, " +
    "which drive customer outcomes, which drive the financial results.",
  escalationStreakLength: 3,
  kpiApproval: { reviewer: "exec@demo.test", comment: "Approved in the annual strategy review." },
  perspectives: [
    {
      name: "Financial",
      description: "Recurring revenue and the value of each customer relationship.",
      weight: 0.3,
      objectives: [
        {
          key: "fin-recurring",
          title: "Grow recurring revenue from priority personas",
          description: "Renew the contracts of the personas that carry the revenue.",
          theme: "Customer retention",
          owner: "exec@demo.test",
          departments: ["Sales", "Finance"],
        },
        {
          key: "fin-clv",
          title: "Increase customer lifetime value",
          description: "More margin per account over a longer relationship.",
          theme: "Profitable growth",
          owner: "lena.fischer@demo.test",
          departments: ["Finance", "Customer Success"],
        },
      ],
      kpis: [
        {
          code: "BSC-RENEWAL-RATE",
          name: "Renewal rate",
          description: "Share of the persona's contracts up for renewal in the quarter that renewed.",
          objective: "fin-recurring",
          timing: "LAGGING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 3,
          owner: "owner@demo.test",
          department: "Customer Success",
          sourceSystem: "Billing (subscriptions)",
          transformation: "Contracts renewed in the quarter ÷ contracts up for renewal in the quarter, by count, persona from the account tag at renewal date.",
          status: "ACTIVE",
          plausibleRange: [40, 100],
          target: { baseline: 84, target: 88, green: 85, red: 80, rationale: "Renewal history FY23–FY24." },
          personaTargets: {
            "enterprise-it-buyer": { baseline: 91, target: 95, green: 92, red: 88, rationale: "Few, large contracts: every lost renewal hurts." },
            "price-sensitive-shopper": { baseline: 66, target: 75, green: 70, red: 62, rationale: "Monthly plans renewed on price; judged against their own history." },
          },
        },
        {
          code: "BSC-CLV",
          name: "Customer lifetime value",
          description: "Expected gross margin of an average account of the persona over its lifetime.",
          objective: "fin-clv",
          timing: "LAGGING",
          unit: "CURRENCY",
          currencyCode: "EUR",
          direction: "HIGHER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 2,
          owner: "lena.fischer@demo.test",
          department: "Finance",
          sourceSystem: "Billing and data warehouse",
          transformation: "Average monthly gross margin per account × expected lifetime in months (1 ÷ monthly churn), trailing twelve months, in EUR.",
          status: "ACTIVE",
          plausibleRange: [0, 1_000_000],
          target: { baseline: 11_000, target: 14_000, green: 12_000, red: 9_000, rationale: "SMB-sized account economics, the most common case." },
          personaTargets: {
            "enterprise-it-buyer": { baseline: 220_000, target: 260_000, green: 230_000, red: 180_000, rationale: "Enterprise contract economics." },
            "expert-power-user": { baseline: 30_000, target: 36_000, green: 32_000, red: 25_000, rationale: "Accounts led by expert users expand seats." },
            "price-sensitive-shopper": { baseline: 1_800, target: 2_400, green: 2_000, red: 1_400, rationale: "Entry plan economics." },
            "legacy-on-prem-admin": { baseline: 75_000, target: 90_000, green: 80_000, red: 60_000, rationale: "Maintenance contracts of the on-prem edition." },
          },
        },
      ],
    },
    {
      name: "Customer",
      description: "How each persona experiences and uses the product.",
      weight: 0.3,
      objectives: [
        {
          key: "cus-delight",
          title: "Delight each persona",
          description: "Every persona would recommend us and rates our support highly.",
          theme: "Customer intimacy",
          owner: "owner@demo.test",
          departments: ["Customer Success", "Support"],
        },
        {
          key: "cus-engage",
          title: "Deepen product engagement",
          description: "Each persona uses more of the product, more often.",
          theme: "Product leadership",
          owner: "tom.hughes@demo.test",
          departments: ["Product", "Customer Success"],
        },
      ],
      kpis: [
        {
          code: "BSC-NPS",
          name: "Net Promoter Score",
          description: "Promoters minus detractors among the persona's survey respondents; the comment sums up what they said.",
          objective: "cus-delight",
          timing: "LAGGING",
          measureType: "QUALITATIVE",
          scale: [-100, 100],
          unit: "SCORE",
          direction: "HIGHER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 2,
          owner: "owner@demo.test",
          department: "Customer Success",
          sourceSystem: "Survey tool (quarterly relationship NPS)",
          transformation: "% promoters (9–10) − % detractors (0–6) among the persona's respondents in the quarter; verbatims coded into themes.",
          status: "ACTIVE",
          plausibleRange: [-100, 100],
          target: { baseline: 30, target: 45, green: 35, red: 20, rationale: "Our NPS history; industry benchmarks do not split by persona." },
          personaTargets: {
            "expert-power-user": { baseline: 42, target: 55, green: 45, red: 30, rationale: "Experts are our most vocal promoters when things work." },
            "price-sensitive-shopper": { baseline: 10, target: 25, green: 15, red: 0, rationale: "Price-led buyers rarely promote; staying positive is the goal." },
          },
        },
        {
          code: "BSC-ENGAGEMENT-DEPTH",
          name: "Engagement depth",
          description: "Share of the persona's active accounts that use three or more core modules every week.",
          objective: "cus-engage",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "tom.hughes@demo.test",
          department: "Product",
          sourceSystem: "Product analytics",
          transformation: "Accounts with weekly events in ≥ 3 core modules in at least 3 weeks of the month ÷ active accounts.",
          status: "ACTIVE",
          plausibleRange: [0, 100],
          target: { baseline: 48, target: 60, green: 52, red: 40, rationale: "Accounts above 50% depth renew at twice the rate." },
          personaTargets: {
            "smb-owner": { baseline: 36, target: 45, green: 38, red: 28, rationale: "SMBs use fewer modules; depth, not breadth, predicts renewal." },
            "expert-power-user": { baseline: 70, target: 80, green: 72, red: 60, rationale: "Experts use most modules; a fall signals frustration." },
            "price-sensitive-shopper": { baseline: 22, target: 30, green: 24, red: 15, rationale: "Entry plans include few modules." },
          },
        },
        {
          code: "BSC-SUPPORT-QUALITY",
          name: "Support quality",
          description: "Mean satisfaction rating (1–5) of the persona's resolved support tickets.",
          objective: "cus-delight",
          timing: "LAGGING",
          measureType: "QUALITATIVE",
          scale: [1, 5],
          unit: "SCORE",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 1,
          owner: "marta.weber@demo.test",
          department: "Support",
          sourceSystem: "Helpdesk satisfaction survey",
          transformation: "Mean of post-resolution ratings (1–5) on tickets from the persona's accounts resolved in the month.",
          status: "ACTIVE",
          plausibleRange: [1, 5],
          target: { baseline: 4.1, target: 4.5, green: 4.2, red: 3.8, rationale: "Support charter." },
          personaTargets: {
            "expert-power-user": { baseline: 3.9, target: 4.4, green: 4, red: 3.5, rationale: "Experts ask the hardest questions and rate strictly." },
          },
        },
        {
          code: "BSC-COMMUNITY-ANSWERS",
          name: "Community answers by customers",
          description: "Accepted answers posted in the community forum by members of the persona's accounts.",
          objective: "cus-engage",
          timing: "LEADING",
          unit: "COUNT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 1,
          owner: "tom.hughes@demo.test",
          department: "Product",
          sourceSystem: "Community forum API",
          transformation: "Accepted answers in the month whose author's account carries the persona tag.",
          status: "PROPOSED",
          justification:
            "Expert Power Users write 38% of accepted community answers, and accounts whose admins answer at least one question a month renewed " +
            "6 points more often in the 2025 cohort analysis. Tracking it per persona shows whether the community programme reaches beyond experts.",
          proposedBy: "admin@demo.test",
          evidence: "Community cohort analysis 2025 (Data & Analytics), slide 7: renewal +6 points for accounts whose admins answer monthly.",
          proposalPersonas: ["expert-power-user", "smb-owner"],
          plausibleRange: [0, 500],
          target: { baseline: 70, target: 120, green: 90, red: 50, rationale: "Proposal: double the 2025 monthly average within a year." },
        },
      ],
    },
    {
      name: "Internal Process",
      description: "The processes each persona feels: onboarding and issue resolution.",
      weight: 0.2,
      objectives: [
        {
          key: "ip-onboard",
          title: "Onboard every persona quickly",
          description: "From signature to a working setup in the time each persona expects.",
          theme: "Operational excellence",
          owner: "owner@demo.test",
          departments: ["Customer Success"],
        },
        {
          key: "ip-resolve",
          title: "Resolve issues fast and for good",
          description: "Tickets resolved quickly at the first attempt, at the depth the persona needs.",
          theme: "Operational excellence",
          owner: "marta.weber@demo.test",
          departments: ["Support"],
        },
      ],
      kpis: [
        {
          code: "BSC-TIME-TO-RESOLUTION",
          name: "Time to resolution",
          description: "Median business hours from ticket creation to resolution for the persona's accounts.",
          objective: "ip-resolve",
          timing: "LEADING",
          unit: "DURATION",
          durationUnit: "hours",
          direction: "LOWER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "marta.weber@demo.test",
          department: "Support",
          sourceSystem: "Helpdesk",
          transformation: "Median business hours from creation to resolution, tickets resolved in the month, excluding time waiting on the customer.",
          status: "ACTIVE",
          plausibleRange: [1, 200],
          target: { baseline: 26, target: 16, green: 24, red: 40, rationale: "Support charter: next business day for most tickets." },
          personaTargets: {
            "enterprise-it-buyer": { baseline: 14, target: 8, green: 12, red: 20, rationale: "Contractual SLA for enterprise accounts." },
          },
        },
        {
          code: "BSC-PHONE-FCR",
          name: "Phone first-contact resolution",
          description: "Share of phone tickets solved in the first call, for the persona's accounts.",
          objective: "ip-resolve",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 1,
          owner: "marta.weber@demo.test",
          department: "Support",
          sourceSystem: "Telephony system (call outcomes)",
          transformation: "Phone tickets closed in the first call / phone tickets opened in the month.",
          status: "RETIRED",
          retiredMonthsBeforeEnd: 6,
          retirementRationale: "Phone support moved to chat and callbacks; time to resolution covers all channels, so this KPI stopped telling us anything new.",
          plausibleRange: [20, 100],
          target: { baseline: 68, target: 80, green: 75, red: 60, rationale: "Support charter: most calls solved in the first contact." },
        },
        {
          code: "BSC-ONBOARDING-TIME",
          name: "Onboarding completion time",
          description: "Median calendar days from contract signature to a completed onboarding checklist.",
          objective: "ip-onboard",
          timing: "LEADING",
          unit: "DURATION",
          durationUnit: "days",
          direction: "LOWER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "owner@demo.test",
          department: "Customer Success",
          sourceSystem: "Customer success platform (onboarding tracker)",
          transformation: "Median days from signature to checklist complete, accounts that completed onboarding in the month.",
          status: "ACTIVE",
          plausibleRange: [1, 150],
          target: { baseline: 15, target: 10, green: 14, red: 21, rationale: "Value within two weeks keeps first-year churn down." },
          personaTargets: {
            "enterprise-it-buyer": { baseline: 60, target: 45, green: 55, red: 70, rationale: "SSO, data migration and staged rollout." },
            "price-sensitive-shopper": { baseline: 6, target: 3, green: 5, red: 8, rationale: "Self-serve: if it takes a week they are gone." },
          },
        },
      ],
    },
    {
      name: "Learning and Growth",
      description: "Skills and data that let us serve each persona better.",
      weight: 0.2,
      objectives: [
        {
          key: "lg-skills",
          title: "Build expert support skills",
          description: "Agents certified in the product areas each persona relies on.",
          theme: "People",
          owner: "nadia.karim@demo.test",
          departments: ["People & Learning", "Support"],
        },
        {
          key: "lg-learn",
          title: "Learn from how each persona uses the product",
          description: "Every account tagged with its persona, and new features adopted and measured per persona.",
          theme: "Innovation",
          owner: "tom.hughes@demo.test",
          departments: ["Product", "Data & Analytics"],
        },
      ],
      kpis: [
        {
          code: "BSC-FEATURE-ADOPTION",
          name: "Feature adoption",
          description: "Share of the persona's active accounts that used a feature released in the last 90 days.",
          objective: "lg-learn",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 2,
          owner: "tom.hughes@demo.test",
          department: "Product",
          sourceSystem: "Product analytics",
          transformation: "Accounts with an event on a feature flagged as released in the last 90 days ÷ active accounts in the month.",
          status: "ACTIVE",
          plausibleRange: [0, 100],
          target: { baseline: 30, target: 40, green: 32, red: 20, rationale: "Release goals of the product plan." },
          personaTargets: {
            "expert-power-user": { baseline: 50, target: 60, green: 50, red: 35, rationale: "Experts try new features first." },
            "price-sensitive-shopper": { baseline: 15, target: 25, green: 18, red: 10, rationale: "Most new features sit in higher plans." },
          },
        },
        {
          code: "BSC-SUPPORT-CERTIFICATION",
          name: "Support agents certified for the persona",
          description: "Share of agents on the persona's queue with a current certification in its product areas.",
          objective: "lg-skills",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "QUARTERLY",
          weight: 1,
          owner: "nadia.karim@demo.test",
          department: "People & Learning",
          sourceSystem: "Learning platform",
          transformation: "Agents on the persona's queue with a certification valid at quarter end ÷ agents on that queue.",
          status: "ACTIVE",
          plausibleRange: [20, 100],
          target: { baseline: 70, target: 85, green: 75, red: 60, rationale: "Training plan." },
        },
        {
          code: "BSC-PERSONA-TAG-COVERAGE",
          name: "Persona tagging coverage",
          description: "Share of the persona's estimated accounts that carry a validated persona tag in the CRM.",
          objective: "lg-learn",
          timing: "LEADING",
          unit: "PERCENT",
          direction: "HIGHER_IS_BETTER",
          frequency: "MONTHLY",
          weight: 1,
          owner: "omar.haddad@demo.test",
          department: "Data & Analytics",
          sourceSystem: "CRM and classification model",
          transformation: "Accounts with a tag confirmed by the classifier and an owner ÷ accounts the classifier assigns to the persona.",
          status: "ACTIVE",
          plausibleRange: [40, 100],
          target: { baseline: 82, target: 95, green: 90, red: 80, rationale: "Below 80% the persona KPIs describe only part of the base." },
        },
      ],
    },
  ],
  links: [
    { cause: "lg-skills", effect: "ip-resolve", description: "Certified agents resolve expert tickets at the first attempt." },
    { cause: "lg-learn", effect: "ip-onboard", description: "Knowing which persona signed lets us pick the right onboarding track." },
    { cause: "ip-onboard", effect: "cus-engage", description: "Accounts onboarded fast reach deep usage sooner." },
    { cause: "ip-resolve", effect: "cus-delight", description: "Fast, lasting fixes drive satisfaction and recommendation." },
    { cause: "cus-delight", effect: "fin-recurring", description: "Promoters renew." },
    { cause: "cus-engage", effect: "fin-recurring", description: "Deeply engaged accounts renew." },
    { cause: "cus-engage", effect: "fin-clv", description: "Engaged accounts expand and stay longer." },
  ],
  weightHistory: [
    {
      monthsBeforeEnd: null,
      reason: "Initial weights from each persona's revenue influence and strategic priority.",
      setBy: "exec@demo.test",
      weights: {
        "enterprise-it-buyer": 0.35,
        "smb-owner": 0.25,
        "expert-power-user": 0.15,
        "price-sensitive-shopper": 0.1,
        "legacy-on-prem-admin": 0.15,
      },
    },
    {
      monthsBeforeEnd: 9,
      reason:
        "Quarterly recalibration: Legacy On-Prem Admin phased out ahead of its sunset; its weight moves to Enterprise IT Buyer and Expert Power User, " +
        "who absorb the migrated accounts.",
      setBy: "exec@demo.test",
      weights: {
        "enterprise-it-buyer": 0.4,
        "smb-owner": 0.25,
        "expert-power-user": 0.23,
        "price-sensitive-shopper": 0.12,
        "legacy-on-prem-admin": 0,
      },
    },
  ],
};

export const SCORECARDS: ScorecardSpec[] = [CUSTOMER_PROFILING, PERSONA_BSC];

// ───────────────────────────── Scenarios ─────────────────────────────

/** Runs of RED that the escalation screens should show (three or more in a row open an escalation). */
export const BREACH_SCENARIOS: BreachScenarioSpec[] = [
  {
    kpi: "BSC-TIME-TO-RESOLUTION",
    persona: "expert-power-user",
    periods: 4,
    endsMonthsBeforeEnd: 0,
    note: "Two senior agents left the expert queue; advanced tickets wait for the remaining specialists.",
  },
  {
    kpi: "BSC-RENEWAL-RATE",
    persona: "enterprise-it-buyer",
    periods: 3,
    endsMonthsBeforeEnd: 0,
    note: "Two enterprise accounts delayed renewal pending the security questionnaire; one moved to a competitor.",
  },
  {
    kpi: "CP-RETENTION",
    persona: "price-sensitive-shopper",
    periods: 5,
    endsMonthsBeforeEnd: 0,
    note: "A competitor launched a free tier; promotion cohorts from last year are not renewing.",
  },
  {
    kpi: "BSC-ONBOARDING-TIME",
    persona: "smb-owner",
    periods: 3,
    endsMonthsBeforeEnd: 0,
    note: "The new onboarding checklist added a data-import step most small businesses get stuck on.",
  },
  {
    kpi: "CP-DB-ALIGNMENT",
    persona: "enterprise-it-buyer",
    periods: 3,
    endsMonthsBeforeEnd: 10,
    note: "Persona tags were lost for merged parent accounts during the CRM migration.",
  },
];

/**
 * Holes in the history: one inside a breach run (it neither counts nor breaks the run), the rest
 * elsewhere. Where a source failed the owner marked the value not available with the reason;
 * the last one was simply not entered yet.
 */
export const GAPS: GapSpec[] = [
  { kpi: "CP-RETENTION", persona: "price-sensitive-shopper", monthsBeforeEnd: 2, reason: "Billing export failed; not re-run.", kind: "not-available" },
  { kpi: "CP-DB-ALIGNMENT", persona: "smb-owner", monthsBeforeEnd: 16, reason: "Reconciliation job disabled during the warehouse upgrade.", kind: "not-available" },
  { kpi: "BSC-ENGAGEMENT-DEPTH", persona: "price-sensitive-shopper", monthsBeforeEnd: 11, reason: "Analytics tracking outage.", kind: "not-available" },
  { kpi: "BSC-SUPPORT-QUALITY", persona: "enterprise-it-buyer", monthsBeforeEnd: 20, reason: "Survey tool migration.", kind: "not-available" },
  { kpi: "BSC-NPS", persona: "legacy-on-prem-admin", monthsBeforeEnd: 12, reason: "Too few responses to report.", kind: "not-available" },
  { kpi: "CP-STAFF-FRACTION", persona: "expert-power-user", monthsBeforeEnd: 0, reason: "Not entered yet.", kind: "missing" },
];
