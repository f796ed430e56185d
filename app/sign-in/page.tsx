import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotificationBanner } from "@/components/notification-banner";
import { SignInForm, type DemoPartnership } from "@/components/sign-in-form";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { afterSignIn, safeNextPath } from "@/lib/auth/redirects";
import { getSession } from "@/lib/auth/server";
import { SIGN_IN_FAILED_MESSAGE, SIGN_IN_LOCKOUT_HINT } from "@/lib/auth/sign-in";
import { chosenDemoAccount, initialSignInState } from "@/lib/auth/sign-in-form";
import { config } from "@/lib/config";
import { DEMO_PARTNERSHIPS, DEMO_PASSWORD, DEMO_SHARED_USER, demoEmail } from "@/lib/seed/demo-data";
import { oidcSignInAction, signInAction } from "./actions";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const error = first((await searchParams).error);
  return { title: error ? "Error: Sign in" : "Sign in" };
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // next-auth sends people back with callbackUrl; Parley's own links use next.
  const next = afterSignIn(pathOf(first(params.next) ?? first(params.callbackUrl)));
  if (await getSession()) redirect(next);

  const c = config();
  const oidc = c.oidc ? { displayName: c.oidc.displayName } : null;
  const error = first(params.error);
  const initialError = !error
    ? null
    : error === "CredentialsSignin" || !oidc
      ? { field: "email", message: SIGN_IN_FAILED_MESSAGE }
      : { field: "oidc", message: oidcFailure(oidc.displayName) };
  const partnerships = c.demo ? demoPartnerships() : [];
  // Demo mode: "Use" without JavaScript comes back here with the account to fill in.
  const chosen = c.demo
    ? chosenDemoAccount(
        first(params.use),
        partnerships.flatMap((p) => p.accounts.map((a) => a.email)),
      )
    : null;

  return (
    <div className="max-w-3xl">
      {first(params["signed-out"]) ? (
        <NotificationBanner variant="success" title="Signed out">
          <p>You have signed out of Parley.</p>
        </NotificationBanner>
      ) : null}
      {first(params["password-set"]) ? (
        <NotificationBanner variant="success" title="Password set">
          <p>Your password has been set. Sign in with your email address and your new password.</p>
        </NotificationBanner>
      ) : null}
      {!error && safeNextPath(first(params.next)) ? (
        <NotificationBanner title="Sign in to continue">
          <p>You need to sign in to see that page. If you were signed in before, your session has ended.</p>
        </NotificationBanner>
      ) : null}
      <SignInForm
        next={next}
        action={signInAction}
        oidcAction={oidcSignInAction}
        initialState={initialSignInState(chosen ?? "", initialError ? [initialError] : [])}
        prefilledPassword={chosen ? DEMO_PASSWORD : undefined}
        oidc={oidc}
        demo={c.demo ? { password: DEMO_PASSWORD, partnerships, nextParam: next === afterSignIn(undefined) ? null : next } : null}
      />
      <p className="mt-2 max-w-md text-[var(--color-ink-muted)]">{SIGN_IN_LOCKOUT_HINT}</p>
      <p className="mt-4 max-w-md">If you do not have a password yet, or have forgotten it, ask your partnership administrator for a link to set one.</p>
    </div>
  );
}

function oidcFailure(displayName: string): string {
  return `You could not be signed in with ${displayName}. If you should be able to use Parley, ask your partnership administrator to check your invitation.`;
}

/** A callbackUrl may be absolute (next-auth makes it so); keep only its path on this site. */
function pathOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.startsWith("/")) return value;
  try {
    const url = new URL(value);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/** Demo mode only: the seeded demo accounts, per partnership, from the same data the seed loads. */
function demoPartnerships(): DemoPartnership[] {
  return DEMO_PARTNERSHIPS.map((p) => {
    const agencyName = (key: string) => p.agencies.find((a) => a.key === key)?.name ?? key;
    const accounts = p.users.map((u) => ({
      name: u.name,
      role: u.roles.map((r) => ROLE_LABELS[r]).join(", "),
      agency: agencyName(u.agency),
      email: demoEmail(u.key, p.id),
    }));
    for (const m of DEMO_SHARED_USER.memberships.filter((m) => m.partnership === p.id)) {
      accounts.push({
        name: `${DEMO_SHARED_USER.name} (also in another partnership)`,
        role: m.roles.map((r) => ROLE_LABELS[r]).join(", "),
        agency: agencyName(m.agency),
        email: demoEmail(DEMO_SHARED_USER.key),
      });
    }
    return { id: p.id, name: p.name, accounts };
  });
}
