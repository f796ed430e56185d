import type { IncomingHttpHeaders } from "node:http";

export function stampForwardedHeaders(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
  peer: string | undefined,
  trustedProxies: number,
): void;
export function trustedProxiesFrom(env: Record<string, string | undefined>): number;
