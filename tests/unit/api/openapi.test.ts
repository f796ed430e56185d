import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../lib/api/v1/commands";
import { openApiDocument } from "../../../lib/api/v1/openapi";

describe("the OpenAPI document", () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>;
    components: { schemas: Record<string, { type?: string; properties?: Record<string, unknown>; required?: string[] }> };
  };

  it("is OpenAPI 3.1 and describes every endpoint the API serves", () => {
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    const contacts = ["listAgencyContacts", "addAgencyContact", "removeAgencyContact"];
    expect(operations).toEqual(
      expect.arrayContaining(["listAgencies", "listEscalations", "raiseEscalation", "getEscalation", ...contacts, ...COMMANDS.map((c) => c.operationId)]),
    );
    expect(operations).toHaveLength(4 + contacts.length + COMMANDS.length);
  });

  it("takes each request body's schema from the use case's zod input, with its limits", () => {
    for (const command of COMMANDS) {
      const op = doc.paths[`/api/v1/escalations/{id}/${command.path}`]!.post!;
      const name = op.requestBody!.content["application/json"]!.schema.$ref.split("/").pop()!;
      const schema = doc.components.schemas[name]!;
      expect(schema.type, name).toBe("object");
      expect(schema.required, name).toContain("expectedVersion");
    }
    const raise = doc.components.schemas.RaiseEscalationInput!;
    expect(raise.required).toEqual(expect.arrayContaining(["respondingAgencyId", "subjects", "areas", "decisionDisputed", "immediateRisk"]));
    expect(raise.properties!.decisionDisputed).toMatchObject({ type: "string", maxLength: 5000 });
  });

  it("documents the one error shape", () => {
    expect(doc.components.schemas.Error!.properties).toHaveProperty("error");
  });
});
