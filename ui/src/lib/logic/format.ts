const numberFormat = new Intl.NumberFormat();

/** Counts as people read them: "1,234". Empty for zero, so badges disappear quietly. */
export function formatCount(n: number): string {
  return n > 0 ? numberFormat.format(n) : "";
}

export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}

/** "12.3 MB" for enclosure sizes; null when the feed gave no (or a nonsense) length. */
export function formatBytes(length: number | null | undefined): string | null {
  if (length == null || !Number.isFinite(length) || length <= 0) return null;
  const units = ["B", "KB", "MB", "GB"];
  let value = length;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** The Settings dialog's cache line: "Saved images: 1,234 (56.7 MB)". */
export function cacheSummary(info: { images: number; bytes: number }): string {
  if (info.images <= 0) return "Saved images: none";
  const size = formatBytes(info.bytes);
  return `Saved images: ${numberFormat.format(info.images)}${size ? ` (${size})` : ""}`;
}

/** The last path segment of a URL, for naming a download. */
export function fileNameFromUrl(url: string): string {
  try {
    const path = new URL(url).pathname;
    const last = decodeURIComponent(path.split("/").filter(Boolean).pop() ?? "");
    return last || url;
  } catch {
    return url;
  }
}
