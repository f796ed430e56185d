"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { SignInFormState } from "@/lib/auth/sign-in-form";
import { Button, TextInput } from "./form-fields";
import { ErrorSummary } from "./error-summary";

export type DemoAccount = { name: string; role: string; agency: string; email: string };
export type DemoPartnership = { id: string; name: string; accounts: DemoAccount[] };

/**
 * The sign-in form. It posts to a server action, so it works as a plain form
 * without JavaScript; with it, React sends the form and shows the answer in
 * place. Whatever went wrong, it says one thing: the message the server gives
 * for every failure, with the email address as typed and never the password.
 * In demo mode it lists the demo accounts, each with a "Use" button that fills
 * in the form (without JavaScript, a request for this page with the form filled in).
 */
export function SignInForm({
  next,
  action,
  oidcAction,
  initialState,
  prefilledPassword,
  oidc,
  demo,
}: {
  /** Where to go after signing in (already checked). */
  next: string;
  action: (state: SignInFormState, form: FormData) => Promise<SignInFormState>;
  oidcAction: (form: FormData) => Promise<void>;
  /** The form on arrival: an error from an earlier redirect, or a demo account chosen without JavaScript. */
  initialState: SignInFormState;
  /** Demo mode only, for an account chosen with "Use" without JavaScript. */
  prefilledPassword?: string;
  oidc: { displayName: string } | null;
  demo: { password: string; partnerships: DemoPartnership[]; nextParam: string | null } | null;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(action, initialState);
  // "Use" clears the errors of the attempt it follows.
  const [clearedAttempt, setClearedAttempt] = useState<number | null>(null);
  const errors = clearedAttempt === state.attempt ? [] : state.errors;
  const hasErrors = errors.length > 0;

  useEffect(() => {
    const base = document.title.replace(/^Error: /, "");
    document.title = hasErrors ? `Error: ${base}` : base;
  }, [hasErrors, state.attempt]);

  function field(name: "email" | "password"): HTMLInputElement | null {
    const element = formRef.current?.elements.namedItem(name);
    return element instanceof HTMLInputElement ? element : null;
  }

  function fillAccount(email: string) {
    const emailField = field("email");
    const passwordField = field("password");
    if (!emailField || !passwordField || !demo) return;
    emailField.value = email;
    passwordField.value = demo.password;
    setClearedAttempt(state.attempt);
    formRef.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
  }

  const errorFor = (name: string) => errors.find((e) => e.field === name)?.message;

  return (
    <>
      <ErrorSummary errors={errors} version={state.attempt} />
      <h1 className="mb-6 text-3xl font-bold">Sign in</h1>
      {/* A new key after each attempt: the email address as posted, the password empty. */}
      <form
        key={state.attempt}
        ref={formRef}
        action={formAction}
        noValidate
        onSubmit={(event) => {
          if (pending) event.preventDefault();
        }}
        className="max-w-md"
      >
        <input type="hidden" name="next" value={next} />
        <TextInput name="email" type="email" label="Email address" autoComplete="username" defaultValue={state.email} error={errorFor("email")} />
        <TextInput
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          defaultValue={state.attempt === 0 ? prefilledPassword : undefined}
          error={errorFor("password")}
        />
        <Button>{pending ? "Signing in…" : "Sign in"}</Button>
      </form>

      {oidc ? (
        <section aria-labelledby="oidc-heading" className="mt-8 max-w-md">
          <h2 id="oidc-heading" className="mb-2 text-xl font-bold">
            Or use your organisation&apos;s account
          </h2>
          <form action={oidcAction}>
            <input type="hidden" name="next" value={next} />
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
            <code className="bg-[var(--color-panel)] px-1 font-bold">{demo.password}</code>. Choose &lsquo;Use&rsquo; to fill in the form with that account,
            then sign in.
          </p>
          {/* Without JavaScript, "Use" asks for this page again with the account filled in. */}
          <form method="get" action="/sign-in">
            {demo.nextParam ? <input type="hidden" name="next" value={demo.nextParam} /> : null}
            {demo.partnerships.map((p, index) => (
              <details key={p.id} open={index === 0} className="mb-4 border-b border-[var(--color-border)] pb-2">
                <summary className="cursor-pointer py-2 text-lg font-bold text-[var(--color-link)] underline">{p.name}</summary>
                {/* Narrow screens: a card per account, so "Use" is never off the edge. */}
                <ul className="sm:hidden">
                  {p.accounts.map((a) => (
                    <li key={a.email} className="border-b border-[var(--color-border)] py-3">
                      <p className="font-bold">{a.name}</p>
                      <p className="text-sm">
                        {a.role}, {a.agency}
                      </p>
                      <p className="mb-2 text-sm break-all">{a.email}</p>
                      <UseButton email={a.email} fill={fillAccount} />
                    </li>
                  ))}
                </ul>
                <div className="hidden overflow-x-auto sm:block">
                  <table className="w-full border-collapse text-left text-sm">
                    <caption className="sr-only">Demo accounts in {p.name}</caption>
                    <thead>
                      <tr className="border-b-2 border-[var(--color-border)]">
                        <th scope="col" className="py-2 pr-3">
                          Name
                        </th>
                        <th scope="col" className="py-2 pr-3">
                          Role
                        </th>
                        <th scope="col" className="py-2 pr-3">
                          Agency
                        </th>
                        <th scope="col" className="py-2 pr-3">
                          Email address
                        </th>
                        <th scope="col" className="py-2">
                          <span className="sr-only">Action</span>
                        </th>
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
                            <UseButton email={a.email} fill={fillAccount} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            ))}
          </form>
        </section>
      ) : null}
    </>
  );
}

/** Fills the form with a demo account; without JavaScript, asks for the page again with it filled in. */
function UseButton({ email, fill }: { email: string; fill: (email: string) => void }) {
  return (
    <button
      type="submit"
      name="use"
      value={email}
      onClick={(event) => {
        event.preventDefault();
        fill(email);
      }}
      className="min-h-10 bg-[#e5e6e7] px-3 py-1 font-bold text-[var(--color-ink)] shadow-[0_2px_0_#929191]"
    >
      Use<span className="sr-only"> {email}</span>
    </button>
  );
}
