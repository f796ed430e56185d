"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ListRefreshError } from "@/lib/views/dashboard-client";

/**
 * TanStack Query for the lists that refresh themselves (the dashboard). One
 * client per browser tab (kept in state, so it survives re-renders and is never
 * shared between server requests). Lists refetch when the window regains focus
 * and every minute while the tab is visible; a list whose session has ended
 * stops asking.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // The server's first data counts as fresh for a moment, so hydrating does not refetch at once.
            staleTime: 15_000,
            refetchOnWindowFocus: true,
            refetchInterval: 60_000,
            refetchIntervalInBackground: false,
            retry: (failures, error) => !(error instanceof ListRefreshError && error.signedOut) && failures < 2,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
