"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions, OIDC_PROVIDER_ID, prepareNextAuthEnvironment } from "@/lib/auth/next-auth";
import { postToNextAuth, type NextAuthAnswer } from "@/lib/auth/next-auth-post";
import { afterSignIn } from "@/lib/auth/redirects";
import { requestContextFromHeaders } from "@/lib/auth/request-context";
import { SIGN_IN_FAILED_MESSAGE } from "@/lib/auth/sign-in";
import { afterAttempt, credentialsAccepted, missingCredentials, oidcDestination, readSignInForm, type SignInFormState } from "@/lib/auth/sign-in-form";
import { config } from "@/lib/config";

/**
 * The sign-in page's actions. A plain form post reaches them without
 * JavaScript; with it, React sends the same form. Both go through next-auth
 * with this request's headers and cookies, as the route handler under
 * /api/auth does (lib/auth/next-auth-post.ts), and set the cookies it answers with.
 */

async function askNextAuth(target: { action: "callback" | "signin"; provider: string }, fields: Record<string, string>): Promise<NextAuthAnswer> {
  const c = config();
  prepareNextAuthEnvironment(c);
  const requestHeaders = await headers();
  const jar = await cookies();
  const options = authOptions(requestContextFromHeaders(requestHeaders, c.trustedProxies), c, undefined, requestHeaders.get("cookie"));
  const answer = await postToNextAuth(
    options,
    { headers: Object.fromEntries(requestHeaders), cookies: Object.fromEntries(jar.getAll().map((cookie) => [cookie.name, cookie.value])) },
    target,
    fields,
  );
  for (const cookie of answer.cookies) jar.set(cookie);
  return answer;
}

/** Email and password: on to where they were going, or back to the form with one message for every failure. */
export async function signInAction(previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const { email, password, next: asked } = readSignInForm(form);
  const next = afterSignIn(asked);
  const missing = missingCredentials(email, password);
  if (missing.length > 0) return afterAttempt(previous, email, missing);

  let signedIn = false;
  try {
    const answer = await askNextAuth({ action: "callback", provider: "credentials" }, { email, password, callbackUrl: next });
    signedIn = credentialsAccepted(answer.status, answer.url);
  } catch (error) {
    // Reads as any other failure to the person; the reason goes to the log.
    console.error(`[sign-in] ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signedIn) redirect(next);
  return afterAttempt(previous, email, [{ field: "email", message: SIGN_IN_FAILED_MESSAGE }]);
}

/** OpenID Connect: off to the provider, or back to the sign-in page with its message if next-auth could not start. */
export async function oidcSignInAction(form: FormData): Promise<void> {
  const next = afterSignIn(readSignInForm(form).next);
  if (!config().oidc) redirect("/sign-in");
  const answer = await askNextAuth({ action: "signin", provider: OIDC_PROVIDER_ID }, { callbackUrl: next });
  redirect(oidcDestination(answer.url, next));
}
