/** What the webhook pages show and post: plain data, no React. */
import type { WebhookDeliveryStatus, WebhookEvent } from "../db/generated/enums";
import { formatDateTime } from "../policy/format";
import type { LastDelivery, WebhookDeliverySummary, WebhookEndpointSummary } from "../webhooks/admin";
import { MAX_ATTEMPTS } from "../webhooks/deliver";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, typeOf } from "../webhooks/outbox";
import { list, text, type FieldSpec, type FormValues } from "./form-spec";

export function webhookFields(agencies: { id: string; name: string }[]): FieldSpec[] {
  return [
    {
      kind: "text",
      name: "name",
      label: "Name",
      hint: "Which system it is, so that you can tell endpoints apart. For example, Mosaic case records.",
      autoComplete: "off",
    },
    {
      kind: "select",
      name: "agencyId",
      label: "Agency whose system it is",
      hint: "It is told about disputes this agency raised or that were raised with it.",
      options: agencies.map((a) => ({ value: a.id, label: a.name })),
      placeholder: "Choose an agency",
    },
    {
      kind: "text",
      name: "url",
      label: "Address (URL)",
      hint: "Where Parley sends each message, starting https://. The agency's supplier gives you this.",
      autoComplete: "off",
      inputMode: "text",
    },
    {
      kind: "checkboxes",
      name: "events",
      label: "What to tell it about",
      hint: "Select all that apply.",
      options: WEBHOOK_EVENTS.map((e) => ({ value: e, label: WEBHOOK_EVENT_LABELS[e], hint: `Sent as ${typeOf(e)}` })),
    },
  ];
}

/** The posted form as the use case's input. */
export function webhookInput(values: FormValues): { name: string; agencyId: string; url: string; events: string[] } {
  return { name: text(values, "name"), agencyId: text(values, "agencyId"), url: text(values, "url"), events: list(values, "events") };
}

export const eventWords = (events: readonly WebhookEvent[]): string[] => events.map((e) => WEBHOOK_EVENT_LABELS[e]);

export const ENDPOINT_TAGS = {
  live: { text: "Live", colour: "green" },
  disabled: { text: "Disabled", colour: "grey" },
} as const;

export const DELIVERY_TAGS: Record<WebhookDeliveryStatus, { text: string; colour: "green" | "grey" | "red" | "blue" }> = {
  pending: { text: "Waiting", colour: "blue" },
  sending: { text: "Sending", colour: "blue" },
  delivered: { text: "Delivered", colour: "green" },
  failed: { text: "Failed", colour: "red" },
};

/** "Delivered at 10:04am on Friday 18 December 2026 (answered 204)", "Never tried yet". */
export function lastDeliveryWords(last: LastDelivery | null, timeZone: string): string {
  if (!last) return "Nothing sent yet";
  const answered = last.httpStatus !== null ? ` (answered ${last.httpStatus})` : "";
  const verb = last.status === "delivered" ? "Delivered" : last.status === "failed" ? "Failed" : "Tried";
  return `${verb} at ${formatDateTime(last.at, timeZone)}${answered}`;
}

/** What happened to one delivery so far, in a sentence. */
export function deliveryWords(d: WebhookDeliverySummary, timeZone: string): string {
  const tries = `${d.attempts} ${d.attempts === 1 ? "try" : "tries"}`;
  switch (d.status) {
    case "delivered":
      return `Delivered at ${formatDateTime(d.deliveredAt!, timeZone)} after ${tries}.`;
    case "failed":
      return `Failed after ${tries}: ${d.lastError ?? "no reason recorded"}`;
    case "pending":
    case "sending":
      return d.attempts === 0
        ? "Not tried yet."
        : `${tries} of ${MAX_ATTEMPTS} so far. ${d.lastError ?? ""} Next try at ${d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, timeZone) : "once the current one finishes"}.`.replace(
            "  ",
            " ",
          );
    default: {
      const never: never = d.status;
      throw new Error(String(never));
    }
  }
}

export const endpointState = (e: Pick<WebhookEndpointSummary, "disabledAt">) => (e.disabledAt ? ENDPOINT_TAGS.disabled : ENDPOINT_TAGS.live);
