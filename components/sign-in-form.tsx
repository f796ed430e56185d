"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, TextInput } from "./form-fields";
import { ErrorSummary, type ErrorSummaryItem } from "./error-summary";

export type DemoAccount = { name: string; role: string; agency: string; email: string };
export type DemoPartnership = { id: string; name: string; accounts: DemoAccount[] };

/**
 * The sign-in form. It posts through next-auth (which adds its own CSRF token)
 * and, whatever went wrong, says one thing: the message the server gives for
 * every failure. In demo mode it lists the demo accounts, each with a button
 * that fills in the form.
 */
export function SignInForm({
  next,
  failureMessage,
  initialError,
  oidc,
  demo,
}: {
  next: string;
  failureMessage: string;
  /** An error to show on arrival: a failed password sign-in (the email field) or a refused OpenID Connect one. */
  initialError: ErrorSummaryItem | null;
  oidc: { displayName: string } | null;
  demo: { password: string; partnerships: DemoPartnership[] } | null;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<ErrorSummaryItem[]>(initialError ? [initialError] : []);
  const [version, setVersion] = useState(0);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = errors.length > 0 ? `Error: ${base}` : base;
  }, [errors]);

  function field(name: "email" | "password"): HTMLInputElement | null {
    const element = formRef.current?.elements.namedItem(name);
    return element instanceof HTMLInputElement ? element : null;
  }

  function fail(found: ErrorSummaryItem[]) {
    setErrors(found);
    setVersion((v) => v + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const email = field("email")?.value.trim() ?? "";
    const password = field("password")?.value ?? "";
    const missing: ErrorSummaryItem[] = [];
    if (!email) missing.push({ field: "email", message: "Enter your email address" });
    if (!password) missing.push({ field: "password", message: "Enter your password" });
    if (missing.length > 0) return fail(missing);

    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl: next });
      if (result?.ok && !result.error) {
        window.location.assign(next);
        return;
      }
    } catch {
      // A network failure reads the same as any other: try again.
    }
    const passwordField = field("password");
    if (passwordField) passwordField.value = "";
    setPending(false);
    fail([{ field: "email", message: failureMessage }]);
  }

  function fillAccount(email: string) {
    const emailField = field("email");
    const passwordField = field("password");
    if (!emailField || !passwordField || !demo) return;
    emailField.value = email;
    passwordField.value = demo.password;
    setErrors([]);
    formRef.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
  }

  const errorFor = (name: string) => errors.find((e) => e.field === name)?.message;

  return (
    <>
      <ErrorSummary errors={errors} version={version} />
      <h1 className="mb-6 text-3xl font-bold">Sign in</h1>
      <form ref={formRef} method="post" action="/api/auth/callback/credentials" noValidate onSubmit={onSubmit} className="max-w-md">
        <TextInput name="email" type="email" label="Email address" autoComplete="username" error={errorFor("email")} />
        <TextInput name="password" type="password" label="Password" autoComplete="current-password" error={errorFor("password")} />
        <Button>{pending ? "Signing in…" : "Sign in"}</Button>
      </form>
      <noscript>
        <p className="mb-4 max-w-md font-bold">You need to turn on JavaScript in your browser to sign in.</p>
      </noscript>

      {oidc ? (
        <section aria-labelledby="oidc-heading" className="mt-8 max-w-md">
          <h2 id="oidc-heading" className="mb-2 text-xl font-bold">
            Or use your organisation&apos;s account
          </h2>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void signIn("oidc", { callbackUrl: next });
            }}
          >
            <button
              id="oidc"
              type="submit"
              className="mb-4 inline-block bg-[#e5e6e7] px-4 py-2 text-lg font-bold text-[var(--color-ink)] shadow-[0_2px_0_#929191]"
            >
              Sign in with {oidc.displayName}
            </button>
          </form>
        </section>
      ) : null}

      {demo ? (
        <section aria-labelledby="demo-heading" className="mt-10">
          <h2 id="demo-heading" className="mb-2 text-2xl font-bold">
            Demo accounts
          </h2>
          <p className="mb-2 max-w-2xl">
            This is a demonstration installation. Every demo account&apos;s password is{" "}
            <code className="bg-[var(--color-panel)] px-1 font-bold">{demo.password}</code>. Choose &lsquo;Use&rsquo; to fill in
            the form with that account, then sign in.
          </p>
          {demo.partnerships.map((p, index) => (
            <details key={p.id} open={index === 0} className="mb-4 border-b border-[var(--color-border)] pb-2">
              <summary className="cursor-pointer py-2 text-lg font-bold text-[var(--color-link)] underline">{p.name}</summary>
              <div className="overflow-x-auto">
                <table className="w-full border-collapse text-left text-sm">
                  <caption className="sr-only">Demo accounts in {p.name}</caption>
                  <thead>
                    <tr className="border-b-2 border-[var(--color-border)]">
                      <th scope="col" className="py-2 pr-3">Name</th>
                      <th scope="col" className="py-2 pr-3">Role</th>
                      <th scope="col" className="py-2 pr-3">Agency</th>
                      <th scope="col" className="py-2 pr-3">Email address</th>
                      <th scope="col" className="py-2"><span className="sr-only">Action</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.accounts.map((a) => (
                      <tr key={a.email} className="border-b border-[var(--color-border)]">
                        <td className="py-2 pr-3">{a.name}</td>
                        <td className="py-2 pr-3">{a.role}</td>
                        <td className="py-2 pr-3">{a.agency}</td>
                        <td className="py-2 pr-3 break-all">{a.email}</td>
                        <td className="py-2">
                          <button
                            type="button"
                            onClick={() => fillAccount(a.email)}
                            className="bg-[#e5e6e7] px-3 py-1 font-bold text-[var(--color-ink)] shadow-[0_2px_0_#929191]"
                          >
                            Use<span className="sr-only"> {a.email}</span>
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ))}
        </section>
      ) : null}
    </>
  );
}
