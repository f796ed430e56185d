import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "../../../lib/auth/password-hash";
import { PASSWORD_MESSAGES, passwordMessage, passwordProblem } from "../../../lib/auth/password-rules";
import { DEMO_PASSWORD } from "../../../lib/seed/demo-data";

describe("password rules", () => {
  it("needs 12 characters or more, counting each letter once however it is encoded", () => {
    expect(passwordProblem("short pass")).toBe("too_short");
    expect(passwordProblem("elevenchars")).toBe("too_short");
    expect(passwordProblem("tidal-marsh-lantern")).toBeNull();
    // 11 accented letters are 22 bytes in UTF-8 but still too short.
    expect(passwordProblem("ééééééééééé".replace(/é/g, (c, i: number) => String.fromCharCode(0xe0 + i)))).toBe("too_short");
  });

  it("refuses passwords from the common-password list, as typed or with digits on the end", () => {
    expect(passwordProblem("qwerty123456")).toBe("common");
    expect(passwordProblem("leavemealone")).toBe("common");
    expect(passwordProblem("password1234")).toBe("common");
    expect(passwordProblem("Password1234")).toBe("common");
    expect(passwordProblem("1q2w3e4r5t6y")).toBe("common");
    expect(passwordProblem("correct horse battery staple")).toBeNull();
  });

  it("refuses the same few characters repeated", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toBe("repetitive");
    expect(passwordProblem("abcabcabcabcabc")).toBe("repetitive");
  });

  it("refuses a password built from the person's own email address", () => {
    expect(passwordProblem("priya.shah-2026!", { email: "Priya.Shah@torbay.example" })).toBe("contains_email");
    expect(passwordProblem("tidal-marsh-lantern", { email: "priya.shah@torbay.example" })).toBeNull();
  });

  it("bounds the length", () => {
    expect(passwordProblem("x1".repeat(200))).toBe("too_long");
  });

  it("explains each problem in a sentence", () => {
    expect(passwordMessage("short")).toBe("Password must be 12 characters or more");
    expect(Object.values(PASSWORD_MESSAGES).every((m) => m.length > 0 && !m.endsWith("."))).toBe(true);
  });

  it("accepts the demo password", () => {
    expect(passwordProblem(DEMO_PASSWORD, { email: "teacher@torbay.example" })).toBeNull();
  });
});

describe("password hashing", () => {
  it("hashes with Argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("tidal-marsh-lantern");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "tidal-marsh-lantern")).toBe(true);
    expect(await verifyPassword(hash, "tidal-marsh-lanterns")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
    expect(await verifyAgainstNothing("anything")).toBe(false);
  });
});
