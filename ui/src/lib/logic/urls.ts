// Where links may go. The window itself never navigates: every outside link is handed to
// the system (plugin-opener), and only schemes that are safe to hand over pass.

const OPENABLE = new Set(["http:", "https:", "mailto:"]);

/** True for absolute http, https and mailto URLs; everything else (javascript:, file:,
 * data:, tidings:, relative or malformed URLs) is refused. */
export function isOpenableUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return false;
  }
  if (!OPENABLE.has(parsed.protocol)) return false;
  if (parsed.protocol === "mailto:") return parsed.pathname.length > 0;
  return parsed.hostname.length > 0;
}

/** The origin of the shell's custom protocol. WebView2 on Windows only routes custom schemes
 * through the http://<scheme>.localhost form. */
function protocolOrigin(userAgent: string): string {
  return userAgent.includes("Windows") ? "http://tidings.localhost" : "tidings://localhost";
}

const currentUserAgent = () => globalThis.navigator?.userAgent ?? "";

/** The custom-protocol URL serving an article's sanitized body. */
export function articleBodyUrl(id: number, userAgent: string = currentUserAgent()): string {
  return `${protocolOrigin(userAgent)}/article/${id}`;
}

/** The custom-protocol URL serving a feed's saved icon (only there when `icon_cached`). */
export function feedIconUrl(feedId: number, userAgent: string = currentUserAgent()): string {
  return `${protocolOrigin(userAgent)}/icon/${feedId}`;
}

/** mailto: for an e-mail address (feeds give bare addresses, sometimes already prefixed). */
export function mailtoHref(email: string | null | undefined): string | null {
  const trimmed = email?.trim();
  if (!trimmed) return null;
  if (/^mailto:/i.test(trimmed)) return trimmed;
  // RSS <author> is often "addr@example.com (Name)"; only the address belongs in the link.
  const address = trimmed.split(/\s+/)[0];
  if (!address.includes("@")) return null;
  return `mailto:${address}`;
}

/** The "Contact author" target: e-mail when the feed gave one, else the author's page. */
export function contactHref(meta: { author_email: string | null; author_url: string | null }): string | null {
  const mail = mailtoHref(meta.author_email);
  if (mail && isOpenableUrl(mail)) return mail;
  return isOpenableUrl(meta.author_url) ? meta.author_url : null;
}

/** The host of a URL without "www.", for quiet display next to links. */
export function displayHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}
