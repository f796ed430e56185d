/**
 * Webhooks end to end on the real engines, with a receiver on loopback that
 * checks each request the way docs/webhooks.md tells an agency's system to:
 * deliveries are written with the change that causes them, signed, verified,
 * retried with back-off and marked failed without holding up anyone else,
 * replays outside the time window are rejected, and the administrator sees it all.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../lib/auth/actor";
import { NO_REQUEST } from "../../../lib/auth/audit";
import type { Database } from "../../../lib/db/connect";
import { asSystem } from "../../../lib/db/scope";
import { NotFoundError, PreconditionError, ValidationError } from "../../../lib/errors";
import { withdrawEscalation } from "../../../lib/escalations";
import { seedDemoData } from "../../../lib/seed/demo";
import { tick } from "../../../lib/worker";
import { createWebhookEndpoint, disableWebhookEndpoint, getWebhookEndpoint, listWebhookEndpoints, retryFailedDeliveries } from "../../../lib/webhooks/admin";
import { deliverWebhooksDue, MAX_ATTEMPTS, RETRY_SECONDS } from "../../../lib/webhooks/deliver";
import { verify } from "../../../lib/webhooks/signing";
import { createTestDatabase } from "../../support/db";
import { actorFor, agencyId, depsWith, raiseTorbayDispute, TestClock } from "../../support/escalations";
import { MailFolder, workerOptions } from "../../support/notices";

type Received = { path: string; headers: Record<string, string>; body: string; answered: number };

/**
 * An agency's system: each path is one endpoint, which checks the signature with
 * its secret at its own clock (the real one unless a test moves it), and answers as it is told to.
 */
class Receiver {
  readonly requests: Received[] = [];
  readonly secrets = new Map<string, string>();
  readonly answers = new Map<string, number | "hang">();
  readonly seen = new Set<string>();
  now: () => Date = () => new Date();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const path = req.url ?? "";
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const answer = this.answers.get(path) ?? 204;
    if (answer === "hang") return; // never answers
    const secret = this.secrets.get(path);
    const check = secret ? verify(secret, (name) => headers[name], body, this.now()) : { ok: false as const, reason: "unknown endpoint" };
    // The documented check: a bad signature or a stale timestamp is refused; a webhook-id seen before is acknowledged and ignored.
    const status = !check.ok ? 400 : answer;
    if (check.ok && status < 300) this.seen.add(check.id);
    this.requests.push({ path, headers, body, answered: status });
    res.writeHead(status, { "content-type": "text/plain" }).end(check.ok ? "" : check.reason);
  }

  to(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const deliveries = (db: Database, where: { endpointId?: string; escalationId?: string } = {}) =>
  asSystem(db, (tx) => tx.webhookDelivery.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }));

describe("webhooks", () => {
  let db: Database;
  let admin: Actor;
  let manxAdmin: Actor;
  let csc: string;
  let school: string;
  const receiver = new Receiver();
  const clock = new TestClock("2026-12-18T10:00:00Z"); // Friday 18 December 2026, 10am GMT
  const deps = depsWith(clock);
  const send = (options: { timeoutMs?: number; allowPrivateNetwork?: boolean } = {}) =>
    deliverWebhooksDue(db, { now: clock.now, allowPrivateNetwork: options.allowPrivateNetwork ?? true, timeoutMs: options.timeoutMs });
  const register = async (path: string, agency: string, events: string[], name = path) => {
    const made = await createWebhookEndpoint(db, admin, { name, agencyId: agency, url: receiver.url(path), events }, NO_REQUEST, true, clock.now());
    receiver.secrets.set(path, made.secret);
    return made;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db, { disputes: false });
    await receiver.start();
    admin = await actorFor(db, "admin", "torbay");
    manxAdmin = await actorFor(db, "admin", "isle-of-man");
    csc = await agencyId(db, "torbay", "csc");
    school = await agencyId(db, "torbay", "school");
  });
  afterAll(async () => {
    await receiver.stop();
    await db.close();
  });

  it("refuses an endpoint it could not or should not call, and only an administrator registers one", async () => {
    const teacher = await actorFor(db, "teacher", "torbay");
    const input = { name: "Mosaic", agencyId: csc, url: "https://mosaic.example.gov.uk/parley", events: ["raised"] };
    await expect(createWebhookEndpoint(db, teacher, input, NO_REQUEST, false, clock.now())).rejects.toThrow(NotFoundError);
    const refused = async (changes: Record<string, unknown>, allowPrivate = false) => {
      try {
        await createWebhookEndpoint(db, admin, { ...input, ...changes }, NO_REQUEST, allowPrivate, clock.now());
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).fields;
      }
      throw new Error("expected a refusal");
    };
    expect(await refused({ url: "http://mosaic.example.gov.uk/parley" })).toEqual({ url: "Enter an address starting https://" });
    expect(await refused({ url: "https://169.254.169.254/latest/meta-data" })).toEqual({
      url: "Enter a public address: this installation does not send webhooks to private or local networks.",
    });
    expect(await refused({ url: receiver.url("/x") })).toEqual({ url: "Enter an address starting https://" });
    expect(await refused({ events: [] })).toEqual({ events: "Choose at least one thing to be told about." });
    expect(await refused({ events: ["raised", "sneezed"] })).toHaveProperty(["events.1"]);
    expect(await refused({ agencyId: await agencyId(db, "isle-of-man", "csc") })).toEqual({ agencyId: "Choose one of this partnership's agencies." });
    expect(await listWebhookEndpoints(db, admin)).toEqual([]);
  });

  it("delivers signed, child-free bodies to the agencies that asked, retries a failing endpoint with back-off without holding up the others, and lets the administrator send it again", async () => {
    const all = ["raised", "owner_assigned", "escalated", "deadline_warning", "deadline_missed", "resolved", "withdrawn"];
    const mosaic = await register("/csc/mosaic", csc, all, "Mosaic");
    const onlyWithdrawn = await register("/csc/withdrawn-only", csc, ["withdrawn"]);
    const schoolSystem = await register("/school/broken", school, ["raised", "withdrawn"]);
    receiver.answers.set("/school/broken", 500);

    const raised = await raiseTorbayDispute(db, deps);
    // Written with the dispute, in its transaction: one per endpoint and cause, before anything is sent.
    const written = await deliveries(db, { escalationId: raised.id });
    expect(written.filter((d) => d.endpointId === mosaic.id).map((d) => d.event)).toContain("raised");
    expect(written.filter((d) => d.endpointId === onlyWithdrawn.id)).toEqual([]);
    expect(written.filter((d) => d.endpointId === schoolSystem.id).map((d) => d.event)).toEqual(["raised"]);
    expect(receiver.requests).toEqual([]);

    const first = await send();
    expect(first.claimed).toBe(written.length);
    const toMosaic = receiver.to("/csc/mosaic");
    expect(toMosaic.length).toBeGreaterThan(0);
    expect(toMosaic.every((r) => r.answered === 204)).toBe(true);
    const raisedRequest = toMosaic.find((r) => JSON.parse(r.body).type === "dispute.raised")!;
    expect(raisedRequest.headers["content-type"]).toBe("application/json");
    expect(raisedRequest.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const body = JSON.parse(raisedRequest.body);
    expect(body).toEqual({
      type: "dispute.raised",
      timestamp: "2026-12-18T10:00:00.000Z",
      data: {
        disputeId: raised.id,
        reference: raised.reference,
        partnershipId: "torbay",
        raisingAgencyId: school,
        respondingAgencyId: csc,
        status: "open",
        urgent: false,
        stage: { key: expect.any(String), number: 1, title: expect.any(String) },
        nextDueAt: expect.stringMatching(/^2026-12-29T/),
        api: `/api/v1/escalations/${raised.id}`,
      },
    });
    // Nothing about the child or the disagreement leaves Parley this way.
    for (const r of receiver.requests) {
      expect(r.body).not.toContain("JS");
      expect(r.body).not.toContain("left alone overnight");
      expect(r.body).not.toContain("Sam Riley");
    }
    expect((await deliveries(db, { endpointId: mosaic.id })).every((d) => d.status === "delivered" && d.lastStatus === 204)).toBe(true);

    // The school's system answers 500: tried again after 5 seconds, then 5 minutes, 30 minutes… and then failed.
    const [broken] = await deliveries(db, { endpointId: schoolSystem.id });
    expect(broken).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "The endpoint answered 500." });
    expect(broken!.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(RETRY_SECONDS[0] * 1000);
    clock.advance(RETRY_SECONDS[0] * 1000 - 1);
    expect((await send()).claimed).toBe(0);

    // Meanwhile a withdrawal reaches the endpoints that asked for it at once, failing endpoint or not.
    const teacher = await actorFor(db, "teacher", "torbay");
    const current = (await deliveries(db, { escalationId: raised.id })).length;
    const withdrawn = await withdrawEscalation(db, teacher, raised.id, { expectedVersion: raised.version, reason: "Resolved between us by phone." }, deps);
    expect((await deliveries(db, { escalationId: raised.id })).length).toBe(current + 3);
    await send();
    expect(receiver.to("/csc/withdrawn-only").map((r) => [JSON.parse(r.body).type, r.answered])).toEqual([["dispute.withdrawn", 204]]);
    expect(JSON.parse(receiver.to("/csc/withdrawn-only")[0]!.body).data).toMatchObject({ status: "withdrawn", nextDueAt: null });
    expect(withdrawn.version).toBeGreaterThan(raised.version);

    for (const wait of RETRY_SECONDS) {
      clock.advance(wait * 1000);
      await send();
    }
    const failed = (await deliveries(db, { endpointId: schoolSystem.id })).find((d) => d.event === "raised")!;
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastStatus: 500, nextAttemptAt: null, deliveredAt: null });
    const tries = receiver.to("/school/broken").filter((r) => JSON.parse(r.body).type === "dispute.raised");
    expect(tries.length).toBe(MAX_ATTEMPTS);
    // Every try carries the same webhook-id (the idempotency key), and each is signed afresh with the time
    // it was sent: the receiver found every signature good (it answers 400 to a bad one) and answered 500.
    expect(new Set(tries.map((t) => t.headers["webhook-id"]))).toEqual(new Set([failed.id]));
    expect(tries.map((t) => t.answered)).toEqual(Array(MAX_ATTEMPTS).fill(500));

    // The administrator sees how each endpoint is doing…
    const list = await listWebhookEndpoints(db, admin);
    const school_ = list.find((e) => e.id === schoolSystem.id)!;
    expect(school_).toMatchObject({ name: "/school/broken", agencyName: expect.any(String), failed: 2, waiting: 0 });
    expect(school_.last).toMatchObject({ status: "failed", httpStatus: 500, error: "The endpoint answered 500." });
    expect(list.find((e) => e.id === mosaic.id)!.last).toMatchObject({ status: "delivered", httpStatus: 204, error: null });
    const detail = await getWebhookEndpoint(db, admin, schoolSystem.id);
    expect(detail.deliveries.map((d) => [d.event, d.status, d.reference])).toEqual([
      ["withdrawn", "failed", raised.reference],
      ["raised", "failed", raised.reference],
    ]);

    // …and, once the school's system is mended, sends the failed deliveries again: same ids, so the receiver can tell.
    receiver.answers.set("/school/broken", 200);
    expect(await retryFailedDeliveries(db, admin, schoolSystem.id, NO_REQUEST, clock.now())).toBe(2);
    await expect(retryFailedDeliveries(db, admin, schoolSystem.id, NO_REQUEST, clock.now())).rejects.toThrow(PreconditionError);
    await send();
    expect((await deliveries(db, { endpointId: schoolSystem.id })).map((d) => [d.status, d.lastStatus])).toEqual([
      ["delivered", 200],
      ["delivered", 200],
    ]);
    expect(
      new Set(
        receiver
          .to("/school/broken")
          .slice(-2)
          .map((r) => r.headers["webhook-id"]),
      ),
    ).toContain(failed.id);
    const audits = await asSystem(db, (tx) =>
      tx.auditEvent.findMany({ where: { type: { in: ["webhook_endpoint_created", "webhook_delivery_retried"] } }, orderBy: { at: "asc" } }),
    );
    expect(audits.map((a) => a.type)).toEqual(["webhook_endpoint_created", "webhook_endpoint_created", "webhook_endpoint_created", "webhook_delivery_retried"]);

    // Another partnership's administrator cannot see or touch any of it.
    await expect(getWebhookEndpoint(db, manxAdmin, schoolSystem.id)).rejects.toThrow(NotFoundError);
    await expect(retryFailedDeliveries(db, manxAdmin, schoolSystem.id, NO_REQUEST)).rejects.toThrow(NotFoundError);
    await expect(disableWebhookEndpoint(db, manxAdmin, schoolSystem.id, NO_REQUEST)).rejects.toThrow(NotFoundError);
    expect(await listWebhookEndpoints(db, manxAdmin)).toEqual([]);

    for (const e of [mosaic, onlyWithdrawn, schoolSystem]) await disableWebhookEndpoint(db, admin, e.id, NO_REQUEST, clock.now());
  });

  it("rejects a captured delivery replayed outside the five-minute window, by the documented check", async () => {
    const made = await register("/csc/replay", csc, ["raised"]);
    await raiseTorbayDispute(db, deps);
    await send();
    const [original] = receiver.to("/csc/replay");
    expect(original!.answered).toBe(204);
    const replay = (after: number) => {
      receiver.now = () => new Date(Date.now() + after);
      const { host: _host, connection: _connection, "content-length": _length, ...headers } = original!.headers;
      return fetch(receiver.url("/csc/replay"), { method: "POST", headers, body: original!.body });
    };
    // Within the window the signature still holds (the receiver then ignores the id it has seen).
    expect((await replay(4 * 60_000)).status).toBe(204);
    const late = await replay(6 * 60_000);
    expect(late.status).toBe(400);
    expect(await late.text()).toBe("The webhook-timestamp is more than five minutes from now.");
    // A body changed in transit fails the signature.
    receiver.now = () => new Date();
    const tampered = await fetch(receiver.url("/csc/replay"), {
      method: "POST",
      headers: {
        "webhook-id": original!.headers["webhook-id"]!,
        "webhook-timestamp": original!.headers["webhook-timestamp"]!,
        "webhook-signature": original!.headers["webhook-signature"]!,
      },
      body: original!.body.replace("open", "resolved"),
    });
    expect(tampered.status).toBe(400);
    await disableWebhookEndpoint(db, admin, made.id, NO_REQUEST, clock.now());
  });

  it("tells systems of deadline warnings and misses from the worker's sweep, gives up on an endpoint that never answers, and stops for a disabled one", async () => {
    const made = await register("/csc/deadlines", csc, ["deadline_warning", "deadline_missed"]);
    const hanging = await register("/csc/hangs", csc, ["deadline_missed"]);
    receiver.answers.set("/csc/hangs", "hang");
    clock.set("2026-12-18T10:00:00Z");
    const raised = await raiseTorbayDispute(db, deps);
    const options = { ...workerOptions(deps, new MailFolder()), webhooksPrivateNetwork: true, webhookTimeoutMs: 1_000 };
    await tick(db, options);
    expect(receiver.to("/csc/deadlines")).toEqual([]);

    // Due by 5pm on Tuesday 29 December: warned at 8am on Thursday 24 December, missed after 5pm on the 29th.
    clock.set("2026-12-24T08:00:00Z");
    await tick(db, options);
    const warning = receiver
      .to("/csc/deadlines")
      .map((r) => JSON.parse(r.body))
      .filter((b) => b.data.disputeId === raised.id);
    expect(warning.map((b) => b.type)).toEqual(["dispute.deadline_warning"]);
    expect(warning[0].timestamp).toBe("2026-12-24T08:00:00.000Z");
    expect(warning[0].data.deadline).toEqual({ id: expect.any(String), label: expect.any(String), dueAt: "2026-12-29T17:00:00.000Z" });

    clock.set("2026-12-29T17:00:01Z");
    const before = Date.now();
    await tick(db, options); // the hanging endpoint's try times out (a second, here) without holding up the other
    expect(
      receiver
        .to("/csc/deadlines")
        .map((r) => JSON.parse(r.body))
        .filter((b) => b.data.disputeId === raised.id)
        .map((b) => b.type),
    ).toEqual(["dispute.deadline_warning", "dispute.deadline_missed"]);
    expect(Date.now() - before).toBeLessThan(20_000);
    const [hung] = await deliveries(db, { endpointId: hanging.id });
    expect(hung).toMatchObject({ status: "pending", attempts: 1, lastStatus: null, lastError: "Not delivered: no answer within 1 second." });

    // A timer seen again (a restart) writes nothing twice.
    const count = (await deliveries(db, { escalationId: raised.id })).length;
    await tick(db, options);
    expect((await deliveries(db, { escalationId: raised.id })).length).toBe(count);

    // Disabled: what waits is not sent, and nothing new is written.
    await disableWebhookEndpoint(db, admin, hanging.id, NO_REQUEST, clock.now());
    await expect(disableWebhookEndpoint(db, admin, hanging.id, NO_REQUEST, clock.now())).rejects.toThrow(PreconditionError);
    clock.advance(RETRY_SECONDS[0] * 1000);
    await send();
    expect((await deliveries(db, { endpointId: hanging.id }))[0]).toMatchObject({ status: "failed", lastError: "Not sent: the endpoint was disabled." });
    await disableWebhookEndpoint(db, admin, made.id, NO_REQUEST, clock.now());
    const later = await raiseTorbayDispute(db, deps);
    clock.advance(15 * 86_400_000); // past its warning and its miss
    await tick(db, options);
    expect(await deliveries(db, { endpointId: made.id, escalationId: later.id })).toEqual([]);
    expect(receiver.to("/csc/deadlines").filter((r) => JSON.parse(r.body).data.disputeId === later.id)).toEqual([]);
  });

  it("does not call a private address unless the installation allows it, even for an endpoint registered when it did", async () => {
    const made = await register("/csc/private", csc, ["raised"]);
    await raiseTorbayDispute(db, deps);
    await send({ allowPrivateNetwork: false });
    expect(receiver.to("/csc/private")).toEqual([]);
    const [refused] = await deliveries(db, { endpointId: made.id });
    expect(refused).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "Not sent: this installation sends webhooks only to https addresses on public networks (PARLEY_WEBHOOKS_PRIVATE_NETWORK is off).",
    });
    await disableWebhookEndpoint(db, admin, made.id, NO_REQUEST, clock.now());
  });
});
