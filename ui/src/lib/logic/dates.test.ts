import { describe, expect, it } from "vitest";
import { agoPhrase, fullDate, relativeDate } from "./dates";

const NOW = new Date("2024-05-23T12:00:00Z");
const opts = { locale: "en-US", timeZone: "UTC" };
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("relativeDate", () => {
  it("says now for the last few minutes and for slightly future dates", () => {
    expect(relativeDate(ago(30_000), NOW, opts)).toBe("now");
    expect(relativeDate(ago(4 * MIN), NOW, opts)).toBe("now");
    expect(relativeDate(ago(-2 * HOUR), NOW, opts)).toBe("now");
  });

  it("counts minutes, hours and days", () => {
    expect(relativeDate(ago(12 * MIN), NOW, opts)).toBe("12 min");
    expect(relativeDate(ago(59 * MIN), NOW, opts)).toBe("59 min");
    expect(relativeDate(ago(3 * HOUR + 20 * MIN), NOW, opts)).toBe("3 h");
    expect(relativeDate(ago(23 * HOUR), NOW, opts)).toBe("23 h");
    expect(relativeDate(ago(2 * DAY + HOUR), NOW, opts)).toBe("2 d");
    expect(relativeDate(ago(6 * DAY), NOW, opts)).toBe("6 d");
  });

  it("gives a date after a week, with the year only when it differs", () => {
    expect(relativeDate("2024-05-01T08:00:00Z", NOW, opts)).toBe("May 1");
    expect(relativeDate("2023-12-24T08:00:00Z", NOW, opts)).toBe("Dec 24, 2023");
  });

  it("is empty for missing or unparseable dates", () => {
    expect(relativeDate(null, NOW, opts)).toBe("");
    expect(relativeDate(undefined, NOW, opts)).toBe("");
    expect(relativeDate("not a date", NOW, opts)).toBe("");
  });
});

describe("fullDate", () => {
  it("spells the date and time out", () => {
    const text = fullDate("2024-05-23T10:32:00Z", opts);
    expect(text).toContain("Thursday");
    expect(text).toContain("May 23, 2024");
    expect(text).toContain("10:32");
  });

  it("is empty without a date", () => {
    expect(fullDate(null, opts)).toBe("");
  });
});

describe("agoPhrase", () => {
  it("reads naturally in the status line", () => {
    expect(agoPhrase(ago(10_000), NOW)).toBe("just now");
    expect(agoPhrase(ago(12 * MIN), NOW)).toBe("12 min ago");
    expect(agoPhrase(ago(3 * HOUR), NOW)).toBe("3 h ago");
  });
});
