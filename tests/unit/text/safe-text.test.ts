import { describe, expect, it } from "vitest";
import {
  findUnsafeAddress,
  findUnsafeText,
  firstUnsafeCharacter,
  placeOf,
  replaceUnsafe,
  subjectOfJsonPath,
  subjectOfLabel,
  unsafeAddressMessage,
  unsafeTextMessage,
} from "../../../lib/text/safe-text";

describe("firstUnsafeCharacter", () => {
  it("finds a null character, a lone surrogate of either half, and other C0 and C1 control characters", () => {
    expect(firstUnsafeCharacter("a\u0000b")).toEqual({ kind: "null", index: 1 });
    expect(firstUnsafeCharacter("a\ud800b")).toEqual({ kind: "surrogate", index: 1 });
    expect(firstUnsafeCharacter("ab\udc00")).toEqual({ kind: "surrogate", index: 2 });
    expect(firstUnsafeCharacter("a\ud800")).toEqual({ kind: "surrogate", index: 1 });
    expect(firstUnsafeCharacter("\u0007bell")).toEqual({ kind: "control", index: 0 });
    expect(firstUnsafeCharacter("del\u007f")).toEqual({ kind: "control", index: 3 });
    expect(firstUnsafeCharacter("next\u0085line")).toEqual({ kind: "control", index: 4 });
    expect(firstUnsafeCharacter("esc\u001b[0m")).toEqual({ kind: "control", index: 3 });
  });

  it("accepts ordinary text: accents, symbols, emoji (a whole surrogate pair), and tab, LF and CR in free text", () => {
    for (const ok of ["", "Plain text.", "Zoë, Siân & Ōtā: £5 — “quoted”", "Thumbs up 👍🏽 and 𝒳", "Line one\r\nLine two\ttabbed", "\u00a0non-breaking"]) {
      expect(firstUnsafeCharacter(ok), ok).toBeNull();
    }
  });

  it("refuses tab, LF and CR in a single-line value", () => {
    expect(firstUnsafeCharacter("a\tb", "single-line")).toEqual({ kind: "control", index: 1 });
    expect(firstUnsafeCharacter("a\nb", "single-line")).toEqual({ kind: "control", index: 1 });
    expect(firstUnsafeCharacter("a\rb", "single-line")).toEqual({ kind: "control", index: 1 });
    expect(firstUnsafeCharacter("torbay 👍", "single-line")).toBeNull();
  });
});

describe("findUnsafeText", () => {
  it("names the first bad string in nested JSON by its path, in reading order", () => {
    const body = {
      expectedVersion: 3,
      subjects: [
        { kind: "child", initials: "JS" },
        { kind: "child", initials: "A\u0000", note: "x\ud800" },
      ],
      text: "later\u0000",
    };
    expect(findUnsafeText(body)).toEqual({ kind: "null", index: 1, path: "subjects.1.initials", inName: false, text: "A\u0000" });
    expect(findUnsafeText({ text: "a\ud800b" })).toEqual({ kind: "surrogate", index: 1, path: "text", inName: false, text: "a\ud800b" });
    expect(findUnsafeText(["ok", ["fine", "bad\u0001"]])).toMatchObject({ path: "1.1", kind: "control" });
  });

  it("checks object keys too, and quotes a bad key with the character replaced", () => {
    expect(findUnsafeText({ outer: { "te\u0000xt": "fine" } })).toEqual({ kind: "null", index: 2, path: "outer.te\ufffdxt", inName: true, text: "te\u0000xt" });
  });

  it("finds nothing in good values, numbers, booleans and null", () => {
    expect(findUnsafeText({ a: 1, b: true, c: null, d: ["x\ny"], e: { f: "👍" } })).toBeNull();
    expect(findUnsafeText(42)).toBeNull();
    expect(findUnsafeText(undefined)).toBeNull();
  });

  it("takes a bare string, with the path it is given", () => {
    expect(findUnsafeText("a\u0000")).toMatchObject({ path: "", inName: false });
    expect(findUnsafeText("a\u0000", "multi-line", "text")).toMatchObject({ path: "text" });
  });

  it("reads FormData and URLSearchParams, names and values, leaving files alone", () => {
    const form = new FormData();
    form.append("with", "Sam");
    form.append("upload", new Blob(["\u0000binary"]), "file.bin");
    form.append("said", "We talked\u0000");
    expect(findUnsafeText(form)).toMatchObject({ path: "said", kind: "null", inName: false });
    expect(findUnsafeText(new URLSearchParams([["area", "\u0000"]]), "single-line")).toMatchObject({ path: "area", kind: "null" });
    expect(findUnsafeText(new URLSearchParams([["area", "a\tb"]]), "single-line")).toMatchObject({ path: "area", kind: "control" });
    expect(findUnsafeText(new URLSearchParams([["area", "a\tb"]]), "multi-line")).toBeNull();
  });

  it("walks very deep JSON without overflowing the stack", () => {
    let deep: unknown = "bottom\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).toMatchObject({ kind: "null" });
  });
});

describe("findUnsafeAddress", () => {
  it("finds encoded control characters and lone surrogates in the path, after decoding", () => {
    expect(findUnsafeAddress("/p/torbay%00")).toMatchObject({ part: "path", segment: 2, kind: "null" });
    expect(findUnsafeAddress("/p/torbay%0A/disputes")).toMatchObject({ part: "path", segment: 2, kind: "control" });
    expect(findUnsafeAddress("/p/%C2%85")).toMatchObject({ part: "path", kind: "control" });
  });

  it("refuses a broken %-escape in the path: not %XX, or not valid UTF-8", () => {
    expect(findUnsafeAddress("/p/torbay%E0%A4%A")).toMatchObject({ part: "path", segment: 2, kind: "escape" });
    expect(findUnsafeAddress("/p/%ED%A0%80")).toMatchObject({ part: "path", kind: "escape" }); // a surrogate, encoded as UTF-8
    expect(findUnsafeAddress("/p/100%")).toMatchObject({ kind: "escape" });
  });

  it("names the query parameter, for its value or its name", () => {
    expect(findUnsafeAddress("/api/v1/escalations", "?partnership=torbay%00")).toMatchObject({
      part: "query",
      name: "partnership",
      inName: false,
      kind: "null",
    });
    expect(findUnsafeAddress("/p/torbay", "?partnership=torbay&area=%00")).toMatchObject({ part: "query", name: "area", kind: "null" });
    expect(findUnsafeAddress("/p/torbay", "?area=a%E0%A4%A")).toMatchObject({ part: "query", name: "area", kind: "escape" });
    expect(findUnsafeAddress("/p/torbay", "?ar%00ea=1")).toMatchObject({ part: "query", name: "ar\ufffdea", inName: true, kind: "null" });
    expect(findUnsafeAddress("/p/torbay", "?area=a%09b")).toMatchObject({ name: "area", kind: "control" });
  });

  it("lets ordinary addresses through: encoded spaces, plus signs, accents, emoji, empty pairs", () => {
    for (const [path, search] of [
      ["/", ""],
      ["/p/torbay/disputes/0190c6c0-0000-7000-8000-000000000001", "?done=comment"],
      ["/p/torbay", "?area=levels%20of%20need&status=open,resolved&&x"],
      ["/sign-in", "?next=%2Fp%2Ftorbay%3Fa%3D1&q=a+b"],
      ["/p/caf%C3%A9", "?q=%F0%9F%91%8D"],
    ] as const) {
      expect(findUnsafeAddress(path, search), `${path}${search}`).toBeNull();
    }
  });
});

describe("messages", () => {
  it("names the field as the form labels it, and says what to do", () => {
    expect(unsafeTextMessage(subjectOfLabel("Your comment"), "null")).toBe(
      "Your comment contains a character Parley cannot store (a null character). Remove it and try again.",
    );
    expect(subjectOfLabel("Note (optional)")).toBe("Note");
    expect(subjectOfLabel("What was agreed? (optional)")).toBe('Your answer to "What was agreed?"');
    expect(subjectOfLabel("Who did you speak with?")).toBe('Your answer to "Who did you speak with?"');
    expect(unsafeTextMessage("Full name", "surrogate")).toBe(
      "Full name contains a character Parley cannot store (a broken character, such as half of an emoji). Remove it and try again.",
    );
  });

  it("says where the character is, since most cannot be seen", () => {
    expect(unsafeTextMessage("Your comment", "null", { text: "We talked it through\u0000 and", index: 20 })).toBe(
      'Your comment contains a character Parley cannot store (a null character, just after "We talked it through"). Remove it and try again.',
    );
    expect(placeOf("\u0000abc", 0)).toBe("at the start");
    expect(placeOf("  \n\u0007", 3)).toBe("at the start");
    const long = "The first line\r\nof a long comment that goes on\u0000";
    expect(placeOf(long, long.indexOf("\u0000"))).toBe('just after "…comment that goes on"');
    expect(placeOf("a\u0001b\u0000", 3)).toBe('just after "a\ufffdb"');
    expect(placeOf("👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍\u0000", 42)).toBe(`just after "…${"👍".repeat(20)}"`);
  });

  it("names the JSON field by its path", () => {
    expect(subjectOfJsonPath({ path: "subjects.0.initials", inName: false })).toBe('The field "subjects.0.initials"');
    expect(subjectOfJsonPath({ path: "", inName: false })).toBe("The request body");
    expect(subjectOfJsonPath({ path: "a\ufffd", inName: true })).toBe('A field name ("a\ufffd")');
  });

  it("names the query parameter, or the address", () => {
    expect(unsafeAddressMessage(findUnsafeAddress("/p", "?area=%00")!)).toBe(
      'The query parameter "area" in the address contains a character Parley cannot use (a null character). Remove it and try again.',
    );
    expect(unsafeAddressMessage(findUnsafeAddress("/p/torbay%E0%A4%A")!)).toBe(
      "The address contains a character Parley cannot use (a broken %-code). Check the link, or type the address again.",
    );
  });

  it("replaceUnsafe makes a name safe to quote back", () => {
    expect(replaceUnsafe("a\u0000b\ud800c\u0007")).toBe("a\ufffdb\ufffdc\ufffd");
    expect(replaceUnsafe("fine 👍")).toBe("fine 👍");
  });
});
