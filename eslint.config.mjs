import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // Prisma turns partial unique indexes into unique selectors but drops their WHERE clause, so
      // these would match rows the index does not cover (a persona's target, a resolved escalation).
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name=/^(kpiId_effectiveFrom|kpiId_personaId)$/]",
          message: "Partial unique index: Prisma ignores its WHERE clause here. Use findFirst with the full condition.",
        },
      ],
    },
  },
];

export default config;
