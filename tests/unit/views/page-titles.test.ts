import { describe, expect, it } from "vitest";
import { ACTION_SLUGS } from "../../../lib/views/dispute";
import { DISPUTE_ACTION_TITLES, disputeActionTitle, disputeTitle, NOT_FOUND_TITLE } from "../../../lib/views/page-titles";

describe("page titles (the root layout adds ' – Parley')", () => {
  it("name a dispute by its reference", () => {
    expect(disputeTitle("PLY-TOR-2026-0007")).toBe("PLY-TOR-2026-0007 – Dispute");
  });

  it("name an action's page and then the dispute it is on", () => {
    expect(disputeActionTitle("escalate", "PLY-TOR-2026-0007")).toBe("Escalate the dispute – PLY-TOR-2026-0007");
    expect(disputeActionTitle("comment", "PLY-TOR-2026-0007")).toBe("Add a comment – PLY-TOR-2026-0007");
  });

  it("have a title for every action's page", () => {
    expect(Object.keys(DISPUTE_ACTION_TITLES).sort()).toEqual(Object.keys(ACTION_SLUGS).sort());
    for (const title of Object.values(DISPUTE_ACTION_TITLES)) expect(title).toMatch(/^[A-Z][^–]+$/);
  });

  it("call a missing page what its heading calls it", () => {
    expect(NOT_FOUND_TITLE).toBe("Page not found");
  });
});
