import { describe, expect, it } from "vitest";
import { isPrivateAddress, urlProblem } from "../../../lib/webhooks/addresses";
import { newSecret, sign, signedHeaders, verify } from "../../../lib/webhooks/signing";

const headersOf = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe("webhook signatures (Standard Webhooks)", () => {
  it("reproduces the specification's published test vector exactly", () => {
    // The vector every Standard Webhooks library tests against: a receiver's library accepts what Parley sends.
    expect(sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("verifies its own headers, and rejects a changed body, another secret, a missing header or a stale timestamp", () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const at = new Date("2026-11-29T10:00:00Z");
    const body = '{"type":"dispute.raised"}';
    const h = signedHeaders(secret, "0199-delivery", at, body);
    expect(h["webhook-timestamp"]).toBe(String(at.getTime() / 1000));
    expect(verify(secret, headersOf(h), body, at)).toEqual({ ok: true, id: "0199-delivery" });
    // Within five minutes either way of the receiver's clock: accepted.
    expect(verify(secret, headersOf(h), body, new Date(at.getTime() + 300_000)).ok).toBe(true);
    expect(verify(secret, headersOf(h), body, new Date(at.getTime() - 300_000)).ok).toBe(true);
    // A replay later than that: rejected, however good the signature.
    expect(verify(secret, headersOf(h), body, new Date(at.getTime() + 301_000))).toEqual({
      ok: false,
      reason: "The webhook-timestamp is more than five minutes from now.",
    });
    expect(verify(secret, headersOf(h), body + " ", at).ok).toBe(false);
    expect(verify(newSecret(), headersOf(h), body, at).ok).toBe(false);
    expect(verify(secret, headersOf({ ...h, "webhook-id": "another" }), body, at).ok).toBe(false);
    expect(verify(secret, headersOf({ "webhook-id": h["webhook-id"], "webhook-timestamp": h["webhook-timestamp"] }), body, at).ok).toBe(false);
    // Several signatures (a secret being rotated): one match is enough.
    expect(verify(secret, headersOf({ ...h, "webhook-signature": `v1,bm9wZQ== ${h["webhook-signature"]}` }), body, at).ok).toBe(true);
  });
});

describe("webhook addresses", () => {
  it("requires https on a public address unless the installation allows its private network", () => {
    expect(urlProblem("https://case-system.example.gov.uk/parley", false)).toBeNull();
    expect(urlProblem("http://case-system.example.gov.uk/parley", false)).toBe("Enter an address starting https://");
    expect(urlProblem("not a url", false)).toBe("Enter the endpoint's full address, starting https://");
    expect(urlProblem("https://user:pw@case-system.example.gov.uk/", false)).toMatch(/without a user name or password/);
    for (const inside of [
      "https://127.0.0.1/x",
      "https://localhost/x",
      "https://10.1.2.3/x",
      "https://169.254.169.254/latest",
      "https://[::1]/x",
      "https://192.168.0.4/x",
    ]) {
      expect(urlProblem(inside, false), inside).toMatch(/public address/);
    }
    expect(urlProblem("https://10.1.2.3/x", true)).toBeNull();
    expect(urlProblem("http://127.0.0.1:4000/hook", true)).toBeNull();
    // Plain http only ever on loopback.
    expect(urlProblem("http://10.1.2.3/x", true)).toBe("Enter an address starting https://");
  });

  it("knows private, loopback and link-local addresses of both families", () => {
    for (const a of [
      "10.0.0.1",
      "127.0.0.1",
      "169.254.169.254",
      "172.31.255.255",
      "192.168.1.1",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:10.0.0.1",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "172.32.0.1", "2a00:1450:4009:81f::200e", "81.2.69.160"]) expect(isPrivateAddress(a), a).toBe(false);
  });
});
