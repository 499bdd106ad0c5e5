// Dates in the list are short and relative ("3 h", "2 d"); in the reader they are full.
// Functions take `now` and a locale so tests are deterministic.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DateOptions {
  locale?: string;
  timeZone?: string;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "now", "12 min", "3 h", "2 d" within a week, then "May 23" (this year) or "May 23, 2023".
 * Slightly future dates (clock skew in feeds) read as "now". */
export function relativeDate(iso: string | null | undefined, now: Date = new Date(), opts: DateOptions = {}): string {
  const d = parse(iso);
  if (!d) return "";
  const diff = now.getTime() - d.getTime();
  if (diff < 5 * MINUTE && diff > -DAY) return "now";
  if (diff >= 0 && diff < HOUR) return `${Math.floor(diff / MINUTE)} min`;
  if (diff >= 0 && diff < DAY) return `${Math.floor(diff / HOUR)} h`;
  if (diff >= 0 && diff < 7 * DAY) return `${Math.floor(diff / DAY)} d`;
  const sameYear = yearIn(d, opts.timeZone) === yearIn(now, opts.timeZone);
  return new Intl.DateTimeFormat(opts.locale, {
    month: "short",
    day: "numeric",
    year: sameYear ? undefined : "numeric",
    timeZone: opts.timeZone,
  }).format(d);
}

function yearIn(d: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone }).format(d);
}

/** The reader's byline date: "Thursday, May 23, 2024 at 10:32 AM" in the user's locale. */
export function fullDate(iso: string | null | undefined, opts: DateOptions = {}): string {
  const d = parse(iso);
  if (!d) return "";
  return new Intl.DateTimeFormat(opts.locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: opts.timeZone,
  }).format(d);
}

/** "Updated 5 min ago" style phrasing for the refresh status line. */
export function agoPhrase(iso: string | null | undefined, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return "";
  const rel = relativeDate(iso, now);
  if (rel === "now") return "just now";
  return now.getTime() - d.getTime() < 7 * DAY ? `${rel} ago` : `on ${rel}`;
}
