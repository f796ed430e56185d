import { describe, expect, it } from "vitest";
import {
  afterAttempt,
  chosenDemoAccount,
  credentialsAccepted,
  initialSignInState,
  missingCredentials,
  oidcDestination,
  readSignInForm,
} from "../../../lib/auth/sign-in-form";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("the sign-in form", () => {
  it("reads the email address trimmed, the password as typed, and next unchecked", () => {
    expect(readSignInForm(form({ email: "  teacher@torbay.example ", password: " secret ", next: "/p/torbay" }))).toEqual({
      email: "teacher@torbay.example",
      password: " secret ",
      next: "/p/torbay",
    });
    expect(readSignInForm(form({}))).toEqual({ email: "", password: "", next: "" });
    const data = form({});
    data.set("email", new Blob(["x"]));
    expect(readSignInForm(data).email).toBe("");
    expect(readSignInForm(form({ email: "a".repeat(1000) })).email).toHaveLength(320);
  });

  it("names each empty field, in the order of the form", () => {
    expect(missingCredentials("", "")).toEqual([
      { field: "email", message: "Enter your email address" },
      { field: "password", message: "Enter your password" },
    ]);
    expect(missingCredentials("a@b.example", "")).toEqual([{ field: "password", message: "Enter your password" }]);
    expect(missingCredentials("a@b.example", "x")).toEqual([]);
  });

  it("keeps the email address after an attempt, never the password, and counts the attempts", () => {
    const first = afterAttempt(initialSignInState(), "teacher@torbay.example", [{ field: "email", message: "Wrong" }]);
    expect(first).toEqual({ attempt: 1, email: "teacher@torbay.example", errors: [{ field: "email", message: "Wrong" }] });
    expect(JSON.stringify(first)).not.toContain("password");
    expect(afterAttempt(first, "", []).attempt).toBe(2);
    expect(initialSignInState("x@y.example")).toEqual({ attempt: 0, email: "x@y.example", errors: [] });
  });
});

describe("reading next-auth's answer", () => {
  it("signed in: a 200 with the address to go to", () => {
    expect(credentialsAccepted(200, "http://localhost:3000/p/torbay")).toBe(true);
  });

  it("not signed in: its error route, a CSRF refusal, or no address", () => {
    expect(credentialsAccepted(401, "http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials")).toBe(false);
    expect(credentialsAccepted(200, "http://localhost:3000/api/auth/error?error=CredentialsSignin")).toBe(false);
    expect(credentialsAccepted(200, "http://localhost:3000/api/auth/signin?csrf=true")).toBe(false);
    expect(credentialsAccepted(200, null)).toBe(false);
    expect(credentialsAccepted(500, "http://localhost:3000/p")).toBe(false);
  });

  it("OpenID Connect: on to the provider, or back to sign in with next-auth's error", () => {
    const provider = "https://login.example/tenant/oauth2/v2.0/authorize?client_id=x&state=y";
    expect(oidcDestination(provider, "/p")).toBe(provider);
    expect(oidcDestination("http://localhost:3000/api/auth/error?error=OAuthSignin", "/p/torbay")).toBe("/sign-in?error=OAuthSignin&next=%2Fp%2Ftorbay");
    expect(oidcDestination("http://localhost:3000/api/auth/signin?csrf=true", "/p")).toBe("/sign-in?error=OAuthSignin&next=%2Fp");
    expect(oidcDestination(null, "/p")).toBe("/sign-in?error=OAuthSignin&next=%2Fp");
    expect(oidcDestination("/somewhere", "/p")).toBe("/sign-in?error=OAuthSignin&next=%2Fp");
    expect(oidcDestination("javascript:alert(1)", "/p")).toBe("/sign-in?error=OAuthSignin&next=%2Fp");
  });
});

describe("a demo account chosen without JavaScript", () => {
  const listed = ["teacher@torbay.example", "shared-police@parley.example"];
  it("is one of the listed accounts, whatever its case", () => {
    expect(chosenDemoAccount("Teacher@Torbay.example", listed)).toBe("teacher@torbay.example");
    expect(chosenDemoAccount("someone@else.example", listed)).toBeNull();
    expect(chosenDemoAccount(undefined, listed)).toBeNull();
    expect(chosenDemoAccount("", listed)).toBeNull();
  });
});
