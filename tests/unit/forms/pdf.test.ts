import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFormDocument } from "../../../lib/forms/build";
import { formFingerprint, formHtml } from "../../../lib/forms/html";
import { DEFAULT_CHROMIUM_PATH, PdfRenderError, chromiumArgs, pdfRendererFrom, renderPdf } from "../../../lib/forms/pdf";
import { formSourceOf } from "../../../lib/forms/source";
import { DIRECTORY, PEOPLE, atStage2, torbay, torbayCalendar, uuid } from "../views/fixtures";

describe("which browser prints PDFs", () => {
  const none = () => false;
  const all = () => true;

  it("is /usr/bin/chromium when it is there and nothing says otherwise", () => {
    expect(pdfRendererFrom({}, (p) => p === DEFAULT_CHROMIUM_PATH)).toEqual({ kind: "chromium", path: "/usr/bin/chromium" });
    expect(pdfRendererFrom({}, none)).toEqual({
      kind: "none",
      reason: "No browser is configured to print PDFs (set PARLEY_CHROMIUM_PATH, or install Chromium at /usr/bin/chromium).",
    });
  });

  it("is PARLEY_CHROMIUM_PATH when set, if it exists; none when it is off", () => {
    expect(pdfRendererFrom({ PARLEY_CHROMIUM_PATH: "/opt/chrome/chrome" }, all)).toEqual({ kind: "chromium", path: "/opt/chrome/chrome" });
    expect(pdfRendererFrom({ PARLEY_CHROMIUM_PATH: "/opt/chrome/chrome" }, none)).toMatchObject({
      kind: "none",
      reason: "PARLEY_CHROMIUM_PATH names /opt/chrome/chrome, which does not exist.",
    });
    expect(pdfRendererFrom({ PARLEY_CHROMIUM_PATH: "chromium" }, all)).toMatchObject({ kind: "none" });
    expect(pdfRendererFrom({ PARLEY_CHROMIUM_PATH: "off" }, all)).toMatchObject({
      kind: "none",
      reason: "PDFs are turned off on this server (PARLEY_CHROMIUM_PATH=off).",
    });
  });

  it("runs with no network, no profile of its own and no header or footer of Chromium's", () => {
    const args = chromiumArgs("/tmp/x/profile", "/tmp/x/form.pdf", "/tmp/x/form.html", false);
    expect(args).toEqual(
      expect.arrayContaining([
        "--headless",
        "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--disable-background-networking",
        "--user-data-dir=/tmp/x/profile",
        "--no-pdf-header-footer",
        "--print-to-pdf=/tmp/x/form.pdf",
      ]),
    );
    expect(args.at(-1)).toBe("file:///tmp/x/form.html");
    expect(args).not.toContain("--no-sandbox");
    expect(chromiumArgs("/p", "/o.pdf", "/i.html", true)).toContain("--no-sandbox");
  });
});

const renderer = pdfRendererFrom();

describe.skipIf(renderer.kind === "none" || !existsSync(renderer.kind === "chromium" ? renderer.path : ""))("printing with Chromium", () => {
  const chromium = renderer as Extract<typeof renderer, { kind: "chromium" }>;
  let server: Server;
  let port = 0;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      res.writeHead(200, { "Content-Type": "text/css" });
      res.end("body{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("prints a form to a PDF", async () => {
    const people = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.userId, p.name]));
    const doc = buildFormDocument(
      formSourceOf({ disputeId: uuid(999), policy: torbay(), calendar: torbayCalendar(), events: atStage2(), people, agencies: DIRECTORY.agencies }),
      "record-of-escalation",
    )!;
    const pdf = await renderPdf(formHtml(doc, { fingerprint: formFingerprint(doc) }), chromium);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Tagged (a structure tree for screen readers) and with an outline from the headings.
    expect(pdf.includes("StructTreeRoot")).toBe(true);
  }, 60_000);

  it("fetches nothing, even when the HTML asks it to (no CSP here), from loopback or by name", async () => {
    const html = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>t</title>
      <link rel="stylesheet" href="http://127.0.0.1:${port}/by-address.css">
      <link rel="stylesheet" href="http://localhost:${port}/by-name.css"></head>
      <body><p>Hello</p><img alt="" src="http://127.0.0.1:${port}/image.png"></body></html>`;
    const pdf = await renderPdf(html, chromium);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(requests).toEqual([]);
  }, 60_000);

  it("says why when the browser cannot be run", async () => {
    await expect(renderPdf("<p>x</p>", { kind: "chromium", path: "/nonexistent/chromium" })).rejects.toBeInstanceOf(PdfRenderError);
  });
});
