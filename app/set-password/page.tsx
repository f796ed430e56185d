import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/set-password-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { getDatabase } from "@/lib/db/client";
import { findSetupLink, LINK_INVALID_MESSAGE } from "@/lib/users/set-password";
import { setPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose your password" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const link = await findSetupLink(await getDatabase(), token);
  if (!link) {
    return (
      <div className="max-w-2xl">
        <h1 className="mb-6 text-3xl font-bold">{LINK_INVALID_MESSAGE}</h1>
        <p className="mb-4">Links to choose a password work once, for 72 hours.</p>
        <p className="mb-4">Ask your partnership administrator for a new link.</p>
        <p>
          <Link href="/sign-in">Go to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <SetPasswordForm
        token={token}
        email={link.email}
        action={setPasswordAction}
        hint={`Use ${PASSWORD_MIN_LENGTH} characters or more. A few unrelated words together make a strong password that is easy to remember. Do not use a password that is commonly used or contains your email address.`}
      />
    </div>
  );
}
