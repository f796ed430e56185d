"use client";

import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";
import { ListRefreshError } from "@/lib/views/dashboard-client";

const MINUTE = 60_000;
const STORAGE_KEY = "parley.autoUpdate";

// The reader's choice lives in localStorage; other tabs hear of it through "storage" events.
const listeners = new Set<() => void>();
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

// Storage can be switched off (locked-down browsers): then the choice lasts only as long as the page.
let inMemory: string | null = null;
function readChoice(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return inMemory;
  }
}
function saveChoice(value: string): void {
  inMemory = value;
  try {
    window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // kept in memory only
  }
}

const noSubscription = () => () => {};

type AutoUpdate = { on: boolean; setOn: (on: boolean) => void };
const AutoUpdateContext = createContext<AutoUpdate>({ on: true, setOn: () => {} });

/** Whether the lists update themselves, and the switch (WCAG 2.2.2: content that updates itself can be stopped). */
export const useAutoUpdate = (): AutoUpdate => useContext(AutoUpdateContext);

/** The refresh options of one list, as the reader has chosen. */
export function useRefreshOptions(): { refetchOnWindowFocus: boolean; refetchInterval: number | false } {
  const { on } = useAutoUpdate();
  return { refetchOnWindowFocus: on, refetchInterval: on ? MINUTE : false };
}

/**
 * TanStack Query for the lists that refresh themselves (the dashboard). One
 * client per browser tab (kept in state, so it survives re-renders and is never
 * shared between server requests). Lists refetch when the window regains focus
 * and every minute while the tab is visible, unless the reader has stopped
 * automatic updates (remembered in this browser); a list whose session has
 * ended stops asking.
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
            refetchInterval: MINUTE,
            refetchIntervalInBackground: false,
            retry: (failures, error) => !(error instanceof ListRefreshError && error.signedOut) && failures < 2,
          },
        },
      }),
  );
  const on = useSyncExternalStore(
    subscribe,
    () => readChoice() !== "off",
    () => true,
  );
  const setOn = (next: boolean) => {
    saveChoice(next ? "on" : "off");
    listeners.forEach((l) => l());
  };
  return (
    <QueryClientProvider client={client}>
      <AutoUpdateContext.Provider value={{ on, setOn }}>{children}</AutoUpdateContext.Provider>
    </QueryClientProvider>
  );
}

/** Says that the lists update themselves, with a button to stop (or restart) it, and one to update now when stopped. */
export function AutoUpdateControl() {
  const { on, setOn } = useAutoUpdate();
  const client = useQueryClient();
  // Without JavaScript nothing updates itself, so there is nothing to say or stop.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!hydrated) return null;
  return (
    <div className="mb-8 flex flex-wrap items-center gap-x-4 gap-y-2">
      <p className="m-0" role="status">
        {on ? "These lists update every minute and when you come back to this page." : "Automatic updates are off."}
      </p>
      <button type="button" className="text-[var(--color-link)] underline" onClick={() => setOn(!on)}>
        {on ? "Stop automatic updates" : "Turn automatic updates on"}
      </button>
      {on ? null : (
        <button type="button" className="text-[var(--color-link)] underline" onClick={() => void client.invalidateQueries()}>
          Update now
        </button>
      )}
    </div>
  );
}
