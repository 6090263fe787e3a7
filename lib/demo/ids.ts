// Writers hand each other database ids by natural key (department name, user email, persona
// slug, KPI code, ...), so a later table can point at an earlier one without re-reading it.

export type Ids = Map<string, string>;

export function idOf(ids: Ids, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Demo seed: no ${what} "${key}"`);
  return id;
}
