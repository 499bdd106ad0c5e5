import { describe, expect, it } from "vitest";
import { reuseUnchanged, shallowEqual } from "./reuse";

describe("reuseUnchanged", () => {
  const a = { id: 1, unread: 3 };
  const b = { id: 2, unread: 0 };

  it("returns the old list when nothing changed", () => {
    const old = [a, b];
    expect(reuseUnchanged(old, [{ ...a }, { ...b }], (x) => x.id)).toBe(old);
  });

  it("keeps unchanged rows and takes changed ones", () => {
    const fresh = [{ id: 1, unread: 2 }, { ...b }];
    const out = reuseUnchanged([a, b], fresh, (x) => x.id);
    expect(out[0]).toBe(fresh[0]);
    expect(out[1]).toBe(b);
  });

  it("follows additions, removals and a new order", () => {
    const c = { id: 3, unread: 1 };
    expect(reuseUnchanged([a, b], [{ ...b }, { ...a }], (x) => x.id)).toEqual([b, a]);
    expect(reuseUnchanged([a, b], [{ ...a }], (x) => x.id)).toEqual([a]);
    const grown = reuseUnchanged([a], [{ ...a }, c], (x) => x.id);
    expect(grown[0]).toBe(a);
    expect(grown[1]).toBe(c);
  });
});

describe("shallowEqual", () => {
  it("compares own fields", () => {
    expect(shallowEqual({ x: 1, y: null }, { x: 1, y: null })).toBe(true);
    expect(shallowEqual({ x: 1 }, { x: 1, y: 2 })).toBe(false);
    expect(shallowEqual({ x: NaN }, { x: NaN })).toBe(true);
  });
});
