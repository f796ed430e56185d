/**
 * One text rule for everything that comes in (JSON bodies, forms, query
 * strings, paths): no character Parley cannot store or use. PostgreSQL refuses
 * a null character (0x00) in text and anything that is not valid UTF-8 (such as
 * half of an emoji: a lone UTF-16 surrogate), so without this check such input
 * fails as a 500 deep inside a write. Other control characters have no meaning
 * in what people type, except tab, line feed and carriage return in free text;
 * a single-line value (a query parameter, a path segment) may have none at all.
 *
 * Pure: no Next.js, no database. The edges (lib/api/responses.ts, proxy.ts via
 * lib/text/unsafe-address.ts, the forms via lib/views/form-text.ts) call it and
 * say what is wrong in their own way; the messages are built here.
 */

/** "multi-line": free text, where tab, line feed and carriage return are allowed; "single-line": no control character at all. */
export type TextMode = "multi-line" | "single-line";

/** What is wrong: a null character, half of a surrogate pair, another control character, or (in an address) a broken %-escape. */
export type UnsafeKind = "null" | "surrogate" | "control" | "escape";

export type UnsafeCharacter = { kind: UnsafeKind; /** Index (UTF-16 code units) in the text. */ index: number };

export type UnsafeText = UnsafeCharacter & {
  /** Where it is: "text", "subjects.0.initials" ("" for a value that is itself the text). */
  path: string;
  /** True when the bad character is in a name (an object key, a form field or query parameter name), not its value. */
  inName: boolean;
  /** The text it is in (the value, or the name), so a message can say where in it. */
  text: string;
};

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const MAYBE_UNSAFE = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

/** The first character of `text` Parley cannot store (or, single-line, use), or null when there is none. */
export function firstUnsafeCharacter(text: string, mode: TextMode = "multi-line"): UnsafeCharacter | null {
  if (!MAYBE_UNSAFE.test(text)) return null; // the usual case: nothing to look at
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return { kind: "null", index: i };
    if (isHighSurrogate(c)) {
      if (i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        i++; // a whole pair: an emoji or another character beyond the first 65,536
        continue;
      }
      return { kind: "surrogate", index: i };
    }
    if (isLowSurrogate(c)) return { kind: "surrogate", index: i };
    if (c < 0x20) {
      if (mode === "multi-line" && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return { kind: "control", index: i };
    }
    if (c >= 0x7f && c <= 0x9f) return { kind: "control", index: i };
  }
  return null;
}

/** Replaces each unsafe character with U+FFFD, so a bad name can be quoted back safely. */
export function replaceUnsafe(text: string, mode: TextMode = "single-line"): string {
  let out = text;
  for (let found = firstUnsafeCharacter(out, mode); found; found = firstUnsafeCharacter(out, mode)) {
    out = `${out.slice(0, found.index)}\ufffd${out.slice(found.index + 1)}`;
  }
  return out;
}

const join = (path: string, key: string | number) => (path === "" ? String(key) : `${path}.${key}`);

type Entries = Iterable<[string, unknown]>;
const isEntries = (value: object): value is { entries(): Entries } =>
  (typeof FormData !== "undefined" && value instanceof FormData) || value instanceof URLSearchParams;

/**
 * The first string in `value` with a character Parley cannot store, in the
 * order a person reads it, with its path ("subjects.0.initials"); null when
 * there is none. `value` may be a string, an array, an object parsed from JSON
 * (its keys are checked too), FormData (files are left alone) or
 * URLSearchParams. Walks without recursion, so deeply nested JSON cannot overflow the stack.
 */
export function findUnsafeText(value: unknown, mode: TextMode = "multi-line", path = ""): UnsafeText | null {
  const stack: { value: unknown; path: string }[] = [{ value, path }];
  while (stack.length > 0) {
    const { value: v, path: at } = stack.pop()!;
    if (typeof v === "string") {
      const found = firstUnsafeCharacter(v, mode);
      if (found) return { ...found, path: at, inName: false, text: v };
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    const children: { value: unknown; path: string }[] = [];
    if (Array.isArray(v)) {
      v.forEach((item, i) => children.push({ value: item, path: join(at, i) }));
    } else {
      const entries: Entries = isEntries(v) ? v.entries() : Object.entries(v);
      for (const [key, item] of entries) {
        // A name is never more than one line.
        const inKey = firstUnsafeCharacter(key, "single-line");
        if (inKey) return { ...inKey, path: join(at, replaceUnsafe(key)), inName: true, text: key };
        children.push({ value: item, path: join(at, key) });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}

/** Decodes one %-encoded component; null when its %-escapes are broken (not %XX, or not valid UTF-8). */
export function decodeComponent(raw: string, form = false): string | null {
  try {
    return decodeURIComponent(form ? raw.replaceAll("+", " ") : raw);
  } catch {
    return null;
  }
}

/** Which part of an address: a path segment (its position, from 0), or a query parameter (by name). */
export type UnsafeAddress = UnsafeCharacter & ({ part: "path"; segment: number } | { part: "query"; name: string; inName: boolean });

/**
 * The first problem in an address's path and query string, as they arrive
 * (still %-encoded): a broken %-escape, or, once decoded, any control
 * character, null character or half of a surrogate pair. Null when it is fine.
 */
export function findUnsafeAddress(pathname: string, search = ""): UnsafeAddress | null {
  const segments = pathname.split("/");
  for (let segment = 0; segment < segments.length; segment++) {
    const decoded = decodeComponent(segments[segment]!);
    if (decoded === null) return { kind: "escape", index: 0, part: "path", segment };
    const found = firstUnsafeCharacter(decoded, "single-line");
    if (found) return { ...found, part: "path", segment };
  }
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query === "") return null;
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const rawName = at < 0 ? pair : pair.slice(0, at);
    const rawValue = at < 0 ? "" : pair.slice(at + 1);
    const name = decodeComponent(rawName, true);
    const shownName = name === null ? replaceUnsafe(rawName) : replaceUnsafe(name);
    if (name === null) return { kind: "escape", index: 0, part: "query", name: shownName, inName: true };
    const inName = firstUnsafeCharacter(name, "single-line");
    if (inName) return { ...inName, part: "query", name: shownName, inName: true };
    const value = decodeComponent(rawValue, true);
    if (value === null) return { kind: "escape", index: 0, part: "query", name, inName: false };
    const inValue = firstUnsafeCharacter(value, "single-line");
    if (inValue) return { ...inValue, part: "query", name, inName: false };
  }
  return null;
}

// --- What to say --------------------------------------------------------------

/** The character in words, for "… a character Parley cannot store (a null character)". */
export const UNSAFE_KIND_WORDS: Record<UnsafeKind, string> = {
  null: "a null character",
  surrogate: "a broken character, such as half of an emoji",
  control: "an invisible control character",
  escape: "a broken %-code",
};

/**
 * Where the character is, for someone who cannot see it (most are invisible):
 * "at the start", or "just after \"we talked it\"" (the 20 or so characters
 * before it, on one line).
 */
export function placeOf(text: string, index: number): string {
  let before = replaceUnsafe(text.slice(0, index), "multi-line").replace(/\s+/g, " ").trimStart();
  if (before.trim() === "") return "at the start";
  const chars = [...before];
  if (chars.length > 20) before = `…${chars.slice(-20).join("").trimStart()}`;
  return `just after "${before}"`;
}

/**
 * What to say about a field, named as the person knows it ("Your comment",
 * "The field \"text\""), and where in it when `found` is given: "Your comment
 * contains a character Parley cannot store (a null character, just after
 * \"We talked\"). Remove it and try again."
 */
export function unsafeTextMessage(subject: string, kind: UnsafeKind, found?: { text: string; index: number }): string {
  const where = found ? `, ${placeOf(found.text, found.index)}` : "";
  return `${subject} contains a character Parley cannot store (${UNSAFE_KIND_WORDS[kind]}${where}). Remove it and try again.`;
}

/**
 * A form field's label as the subject of that message: "(optional)" and
 * similar asides are dropped, and a question is quoted ("Your answer to
 * \"Who did you speak with?\""), so the message reads as a sentence.
 */
export function subjectOfLabel(label: string): string {
  const bare = label.replace(/\s*\([^)]*\)\s*$/, "").trim();
  if (bare === "") return "This answer";
  return bare.endsWith("?") ? `Your answer to "${bare}"` : bare;
}

/** The subject for a path in a JSON body: `The field "subjects.0.initials"`, or "The request body" for a bare value. */
export function subjectOfJsonPath(found: Pick<UnsafeText, "path" | "inName">): string {
  if (found.inName) return `A field name ("${found.path}")`;
  return found.path === "" ? "The request body" : `The field "${found.path}"`;
}

/** What to say about an address: the query parameter it is in, by name, or the address itself. */
export function unsafeAddressMessage(found: UnsafeAddress): string {
  const what = UNSAFE_KIND_WORDS[found.kind];
  if (found.part === "query") {
    const subject = found.inName ? `A query parameter name ("${found.name}")` : `The query parameter "${found.name}"`;
    return `${subject} in the address contains a character Parley cannot use (${what}). Remove it and try again.`;
  }
  return `The address contains a character Parley cannot use (${what}). Check the link, or type the address again.`;
}
