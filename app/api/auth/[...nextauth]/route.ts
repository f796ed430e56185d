import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { config } from "@/lib/config";
import { authOptions, prepareNextAuthEnvironment } from "@/lib/auth/next-auth";
import { requestContextFromHeaders } from "@/lib/auth/request-context";

export const dynamic = "force-dynamic";

/** next-auth's endpoints (csrf, providers, signin, callback, session, signout), with options built per request. */
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const c = config();
  prepareNextAuthEnvironment(c);
  // The Cookie header: signing in again ends this browser's earlier session, however the sign-in happens.
  return NextAuth(request, context, authOptions(requestContextFromHeaders(request.headers, c.trustedProxies), c, undefined, request.headers.get("cookie")));
}

export { handler as GET, handler as POST };
