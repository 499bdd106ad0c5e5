import { describe, expect, it } from "vitest";
import { errorKind, errorMessage } from "./errors";

describe("errorMessage", () => {
  it("turns the engine's lowercase messages into sentences", () => {
    expect(errorMessage({ kind: "no_feed_found", message: "no feed found at https://example.com" })).toBe(
      "No feed found at https://example.com.",
    );
    expect(errorMessage({ kind: "x", message: "Already fine." })).toBe("Already fine.");
    expect(errorMessage("plain string")).toBe("Plain string.");
    expect(errorMessage(undefined)).toBe("Something went wrong.");
  });

  it("leaves a message that starts with an address as it is", () => {
    expect(errorMessage({ kind: "http", message: "http://127.0.0.1:8080/feed.xml: HTTP 404" })).toBe(
      "http://127.0.0.1:8080/feed.xml: HTTP 404.",
    );
    expect(errorMessage("example.com: no feed found")).toBe("example.com: no feed found.");
    expect(errorMessage("mailto:someone@example.com is not a feed")).toBe("mailto:someone@example.com is not a feed.");
    expect(errorMessage("/home/me/feeds.opml: not found")).toBe("/home/me/feeds.opml: not found.");
    // A word followed by a colon and a space is still a word.
    expect(errorMessage("timeout: the server did not answer")).toBe("Timeout: the server did not answer.");
    expect(errorMessage("échec de connexion")).toBe("Échec de connexion.");
  });

  it("exposes the kind to branch on", () => {
    expect(errorKind({ kind: "offline", message: "m" })).toBe("offline");
    expect(errorKind("x")).toBeNull();
  });
});
