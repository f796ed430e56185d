"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db/client";
import { requestContextFromHeaders } from "@/lib/auth/request-context";
import { LINK_INVALID_MESSAGE, setPasswordWithLink } from "@/lib/users/set-password";

export type SetPasswordState = {
  fields: { password?: string; confirmPassword?: string };
  linkInvalid?: string;
  version: number;
};

/** The set-password form's action: the same rules as everywhere, then on to sign in. */
export async function setPasswordAction(previous: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  const result = await setPasswordWithLink(
    await getDatabase(),
    {
      token: String(form.get("token") ?? ""),
      password: String(form.get("password") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    },
    requestContextFromHeaders(await headers(), config().trustedProxies),
  );
  if (result.ok) redirect("/sign-in?password-set=1");
  return {
    fields: result.fields,
    linkInvalid: result.linkInvalid ? LINK_INVALID_MESSAGE : undefined,
    version: previous.version + 1,
  };
}
