/** Where a KPI's detail lives, for the persona shown. */
export function kpiHref(code: string, personaSlug: string): string {
  return `/kpis/${encodeURIComponent(code)}?persona=${encodeURIComponent(personaSlug)}`;
}
