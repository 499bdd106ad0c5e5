import { describe, expect, it } from "vitest";
import { articleBodyUrl, contactHref, displayHost, feedIconUrl, isOpenableUrl, mailtoHref } from "./urls";

describe("isOpenableUrl", () => {
  it.each(["http://example.com/a?b=c", "https://example.com/", "HTTPS://EXAMPLE.COM", "mailto:editor@example.com", " https://example.com "])(
    "hands %s to the system",
    (url) => expect(isOpenableUrl(url)).toBe(true),
  );

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "tidings://localhost/article/1",
    "ftp://example.com/file",
    "about:blank",
    "/relative/path",
    "#fragment",
    "example.com",
    "http://",
    "mailto:",
    "",
    null,
    undefined,
  ])("refuses %s", (url) => expect(isOpenableUrl(url)).toBe(false));
});

describe("articleBodyUrl", () => {
  it("uses the custom scheme on Linux and macOS", () => {
    expect(articleBodyUrl(42, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15")).toBe("tidings://localhost/article/42");
    expect(articleBodyUrl(7, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15")).toBe("tidings://localhost/article/7");
  });

  it("uses the http form WebView2 needs on Windows", () => {
    expect(articleBodyUrl(42, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0")).toBe("http://tidings.localhost/article/42");
  });
});

describe("feedIconUrl", () => {
  it("follows the same rule as the article body", () => {
    expect(feedIconUrl(5, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15")).toBe("tidings://localhost/icon/5");
    expect(feedIconUrl(5, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0")).toBe("http://tidings.localhost/icon/5");
  });
});

describe("contact links", () => {
  it("prefers the author's e-mail as a mailto link", () => {
    expect(contactHref({ author_email: "news@example.cn", author_url: "https://example.cn/x" })).toBe("mailto:news@example.cn");
  });

  it("keeps only the address of an RSS-style author", () => {
    expect(mailtoHref("news@example.cn (Xinhua)")).toBe("mailto:news@example.cn");
    expect(mailtoHref("mailto:a@b.c")).toBe("mailto:a@b.c");
    expect(mailtoHref("Xinhua")).toBeNull();
  });

  it("falls back to the author's page, but only a web page", () => {
    expect(contactHref({ author_email: null, author_url: "https://example.cn/people/x" })).toBe("https://example.cn/people/x");
    expect(contactHref({ author_email: null, author_url: "javascript:alert(1)" })).toBeNull();
    expect(contactHref({ author_email: "", author_url: null })).toBeNull();
  });
});

describe("displayHost", () => {
  it("shows a quiet host name", () => {
    expect(displayHost("https://www.example.com/a/b")).toBe("example.com");
    expect(displayHost("nonsense")).toBeNull();
  });
});
