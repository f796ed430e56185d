/**
 * The sign-in page's form, as plain rules: what it sends, what comes back after
 * a failed attempt, and how to read next-auth's answer. The form is a server
 * action (app/sign-in/actions.ts), so it works as a plain form post without
 * JavaScript and is enhanced by React when scripts run.
 */

export type SignInError = { field: string; message: string };

/**
 * What the form shows after an attempt: the email address as it was typed (never
 * the password), and the errors. `attempt` changes every time, so the error
 * summary takes focus again after another failure with the same message.
 */
export type SignInFormState = { attempt: number; email: string; errors: SignInError[] };

export const initialSignInState = (email = "", errors: SignInError[] = []): SignInFormState => ({ attempt: 0, email, errors });

/** Longer than any email address (254): whatever is longer is cut before it is shown again. */
const MAX_SHOWN_EMAIL = 320;

type FormLike = { get(name: string): unknown };

const text = (form: FormLike, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The fields of a posted sign-in form. `next` is still unchecked: pass it through afterSignIn. */
export function readSignInForm(form: FormLike): { email: string; password: string; next: string } {
  return { email: text(form, "email").trim().slice(0, MAX_SHOWN_EMAIL), password: text(form, "password"), next: text(form, "next") };
}

/** The fields left empty, in the order of the form. */
export function missingCredentials(email: string, password: string): SignInError[] {
  return [
    ...(email ? [] : [{ field: "email", message: "Enter your email address" }]),
    ...(password ? [] : [{ field: "password", message: "Enter your password" }]),
  ];
}

/** After an attempt: the next state. The password is never part of it. */
export function afterAttempt(previous: Pick<SignInFormState, "attempt">, email: string, errors: SignInError[]): SignInFormState {
  return { attempt: previous.attempt + 1, email, errors };
}

/** next-auth's own signs of a refusal in the address it answers with: an error, or a CSRF token it did not accept. */
function refusedIn(url: URL): boolean {
  return url.searchParams.has("error") || url.searchParams.has("csrf");
}

function parse(url: string | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url, "http://parley.invalid");
  } catch {
    return null;
  }
}

/**
 * Did next-auth's credentials callback sign the person in? It answers (as JSON)
 * with the address to go to: the callbackUrl when it did, its error route (with
 * `error=CredentialsSignin`, status 401) when it did not.
 */
export function credentialsAccepted(status: number, url: string | null): boolean {
  const parsed = parse(url);
  return status >= 200 && status < 300 && parsed !== null && !refusedIn(parsed);
}

/**
 * Where to send the browser after asking next-auth to start an OpenID Connect
 * sign-in: the provider's authorisation address, or (when next-auth could not
 * start, e.g. the issuer cannot be reached) back to the sign-in page with its
 * error, which the page turns into one message.
 */
export function oidcDestination(url: string | null, next: string): string {
  const parsed = parse(url);
  if (
    parsed &&
    url &&
    !refusedIn(parsed) &&
    !parsed.pathname.startsWith("/api/auth/") &&
    /^https?:$/.test(parsed.protocol) &&
    parsed.hostname !== "parley.invalid"
  ) {
    return url;
  }
  const error = parsed?.searchParams.get("error") || "OAuthSignin";
  return `/sign-in?${new URLSearchParams({ error, next })}`;
}

/** A demo account chosen with "Use" (without JavaScript, a link back to this page): only one of the listed accounts. */
export function chosenDemoAccount(value: string | undefined, listed: readonly string[]): string | null {
  if (!value) return null;
  const wanted = value.trim().toLowerCase();
  return listed.find((email) => email.toLowerCase() === wanted) ?? null;
}
