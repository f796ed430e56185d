"use client";

import { useActionState } from "react";
import type { SetPasswordState } from "@/app/set-password/actions";
import { Button, TextInput } from "./form-fields";
import { ErrorSummary, type ErrorSummaryItem } from "./error-summary";

/** Choosing a password from a one-time link. Works without JavaScript (a server action). */
export function SetPasswordForm({
  token,
  email,
  action,
  hint,
}: {
  token: string;
  email: string;
  action: (state: SetPasswordState, form: FormData) => Promise<SetPasswordState>;
  hint: string;
}) {
  const [state, formAction, pending] = useActionState(action, { fields: {}, version: 0 });
  const errors: ErrorSummaryItem[] = [
    ...(state.linkInvalid ? [{ field: "password", message: state.linkInvalid }] : []),
    ...(state.fields.password ? [{ field: "password", message: state.fields.password }] : []),
    ...(state.fields.confirmPassword ? [{ field: "confirmPassword", message: state.fields.confirmPassword }] : []),
  ];
  return (
    <>
      <ErrorSummary errors={errors} version={state.version} />
      <h1 className="mb-4 text-3xl font-bold">Choose your password</h1>
      <p className="mb-6">
        You are choosing a password for <strong>{email}</strong>.
      </p>
      <form action={formAction} className="max-w-md">
        <input type="hidden" name="token" value={token} />
        {/* Lets a password manager save the new password against the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextInput name="password" type="password" label="New password" hint={hint} autoComplete="new-password" error={state.fields.password} />
        <TextInput name="confirmPassword" type="password" label="Confirm new password" autoComplete="new-password" error={state.fields.confirmPassword} />
        <Button>{pending ? "Saving…" : "Set password"}</Button>
      </form>
    </>
  );
}
