import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../lib/api/v1/commands";
import { openApiDocument } from "../../../lib/api/v1/openapi";

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  description: string;
  responses: Record<string, { headers?: Record<string, unknown> }>;
};

describe("the OpenAPI document and API tokens", () => {
  const doc = openApiDocument() as {
    security: Record<string, string[]>[];
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, Record<string, string>> };
  };
  const operations = Object.values(doc.paths).flatMap((methods) => Object.entries(methods).map(([method, op]) => ({ method, ...op })));
  const byId = (id: string) => operations.find((o) => o.operationId === id)!;

  it("declares both ways in: a session cookie with the CSRF header, and a bearer token", () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "parley.session" });
    expect(doc.components.securitySchemes.csrf).toMatchObject({ type: "apiKey", in: "header", name: "X-CSRF-Token" });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
  });

  it("says on each operation whether a token may call it, and with which permission", () => {
    expect(byId("listEscalations").security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(byId("raiseEscalation").security).toEqual([{ session: [], csrf: [] }, { bearer: [] }]);
    expect(byId("raiseEscalation").description).toContain("`raise` permission");
    expect(byId("listAgencies").description).toContain("any token");
    for (const command of COMMANDS) {
      const op = byId(command.operationId);
      expect(
        op.security.some((s) => "bearer" in s),
        command.path,
      ).toBe(command.token !== undefined);
    }
    for (const id of ["listAgencyContacts", "addAgencyContact", "removeAgencyContact"])
      expect(byId(id).security).toEqual([expect.not.objectContaining({ bearer: [] })]);
  });

  it("documents 429 with Retry-After on every operation", () => {
    for (const op of operations) expect(op.responses["429"]?.headers, op.operationId).toHaveProperty("Retry-After");
  });
});
