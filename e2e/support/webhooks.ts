import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page } from "@playwright/test";

export type NewEndpoint = { id: string; secret: string };

/**
 * Registers a webhook endpoint in Torbay's administration pages as a person
 * would (the page must be signed in as its administrator), and reads its
 * signing secret from the page that shows it once.
 */
export async function registerWebhook(page: Page, w: { name: string; agency: string; url: string; events: string[] }): Promise<NewEndpoint> {
  await page.goto("/p/torbay/admin/webhooks/new");
  await page.getByLabel("Name", { exact: true }).fill(w.name);
  await page.getByLabel("Agency whose system it is").selectOption({ label: w.agency });
  await page.getByLabel("Address (URL)").fill(w.url);
  for (const label of w.events) await page.getByRole("checkbox", { name: label, exact: true }).check();
  await page.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByRole("heading", { level: 1, name: w.name })).toBeVisible();
  const secret = (await page.locator("#new-webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const id = /\/webhooks\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  expect(id, page.url()).toBeTruthy();
  return { id: id!, secret };
}

export type Received = { headers: Record<string, string>; body: string };

/** An agency's case system on loopback: takes every POST with 204 and keeps it. */
export async function startReceiver(): Promise<{ url: string; received: Received[]; stop: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/parley-webhooks`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
