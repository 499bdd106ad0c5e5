/** Structural sharing for lists re-queried whole (the sidebar after every read toggle): the
 * fresh list keeps the old objects that did not change, and is the old list itself when
 * nothing did, so Svelte re-renders only the rows that changed (a library of 2,000 feeds
 * otherwise redraws its whole sidebar each time an article is opened). */
export function reuseUnchanged<T extends object>(old: readonly T[], fresh: T[], key: (x: T) => unknown): T[] {
  const byKey = new Map(old.map((x) => [key(x), x]));
  let same = old.length === fresh.length;
  const out = fresh.map((x, i) => {
    const prev = byKey.get(key(x));
    const kept = prev !== undefined && shallowEqual(prev, x) ? prev : x;
    if (kept !== old[i]) same = false;
    return kept;
  });
  return same ? (old as T[]) : out;
}

/** Equal own fields, compared with Object.is (the lists hold flat records). */
export function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
