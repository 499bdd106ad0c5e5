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

  it("exposes the kind to branch on", () => {
    expect(errorKind({ kind: "offline", message: "m" })).toBe("offline");
    expect(errorKind("x")).toBeNull();
  });
});
