/**
 * The OpenAPI 3.1 document for /api/v1, generated from the same zod schemas
 * that validate requests (the use cases' inputs) and shape responses (json.ts).
 * Served at /api/v1/openapi.json.
 */
import { z } from "zod";
import { RaiseEscalationInput, ListEscalationsInput } from "../../escalations";
import { COMMANDS } from "./commands";
import { AgencyContactsJson, AgencyListJson, CommandResultJson, EscalationDetailJson, EscalationPageJson, ErrorJson } from "./json";
import { AddAgencyContactInput } from "../../agencies/contacts-admin";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: unknown) => ({ "application/json": { schema } });

const ERRORS = {
  "400": "The request is malformed: see error.fields",
  "401": "Not signed in, or the session has ended",
  "403": "Signed in and able to see the dispute, but not allowed to do this (or a cross-site request)",
  "404": "No such dispute, or one the caller may not see (the two are indistinguishable)",
  "409": "Someone else changed the dispute since expectedVersion: reload and try again",
  "422": "Well formed, but the policy does not allow it now (e.g. escalating past the last stage)",
} as const;

function errors(...codes: (keyof typeof ERRORS)[]) {
  return Object.fromEntries(codes.map((code) => [code, { description: ERRORS[code], content: jsonContent(ref("Error")) }]));
}

const partnershipParam = {
  name: "partnership",
  in: "query",
  required: false,
  description: "The partnership to act in, e.g. torbay. May be left out by someone who belongs to only one.",
  schema: { type: "string" },
};
const idParam = { name: "id", in: "path", required: true, description: "The dispute's id", schema: { type: "string", format: "uuid" } };

function listParameters(): unknown[] {
  const shape = (ListEscalationsInput as unknown as { shape: Record<string, z.ZodType> }).shape;
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    schema: schemaOf(schema, "input"),
    ...(name === "status" ? { explode: true } : {}),
  }));
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {
    "/api/v1/agencies": {
      get: {
        operationId: "listAgencies",
        summary: "The partnership's agencies (a raise names one as the responding agency)",
        parameters: [partnershipParam],
        responses: { "200": { description: "The agencies", content: jsonContent(ref("AgencyList")) }, ...errors("400", "401", "404") },
      },
    },
    "/api/v1/escalations": {
      get: {
        operationId: "listEscalations",
        summary: "The disputes the caller may see, filtered, soonest due first",
        parameters: [partnershipParam, ...listParameters()],
        responses: { "200": { description: "A page of disputes", content: jsonContent(ref("EscalationPage")) }, ...errors("400", "401", "403", "404") },
      },
      post: {
        operationId: "raiseEscalation",
        summary: "Raise a disagreement under the partnership's policy in force",
        parameters: [partnershipParam],
        requestBody: { required: true, content: jsonContent(ref("RaiseEscalationInput")) },
        responses: { "201": { description: "Raised", content: jsonContent(ref("CommandResult")) }, ...errors("400", "401", "403", "404", "422") },
      },
    },
    "/api/v1/escalations/{id}": {
      get: {
        operationId: "getEscalation",
        summary: "The record, its history, its deadlines with explanations, and the actions the caller may take now",
        parameters: [idParam],
        responses: { "200": { description: "The dispute", content: jsonContent(ref("EscalationDetail")) }, ...errors("401", "404") },
      },
    },
  };
  const agencyErrors = (...codes: ("400" | "401" | "404")[]) =>
    Object.fromEntries(
      codes.map((code) => [
        code,
        {
          description: code === "404" ? "No such agency, or the caller is not an administrator of its partnership (the two are indistinguishable)" : ERRORS[code],
          content: jsonContent(ref("Error")),
        },
      ]),
    );
  const agencyIdParam = { name: "agencyId", in: "path", required: true, description: "The agency's id (from /api/v1/agencies)", schema: { type: "string", format: "uuid" } };
  const contactIdParam = { name: "userId", in: "path", required: true, description: "The named contact's user id", schema: { type: "string", format: "uuid" } };
  paths["/api/v1/agencies/{agencyId}/contacts"] = {
    get: {
      operationId: "listAgencyContacts",
      summary: "Partnership administrators: who takes disputes raised against the agency while nobody there owns one, who is named, and who could be",
      parameters: [agencyIdParam],
      responses: { "200": { description: "The agency's contacts", content: jsonContent(ref("AgencyContacts")) }, ...agencyErrors("401", "404") },
    },
    post: {
      operationId: "addAgencyContact",
      summary: "Partnership administrators: name an active member of the agency with a case role as one of its contacts",
      parameters: [agencyIdParam],
      requestBody: { required: true, content: jsonContent(ref("AddAgencyContactInput")) },
      responses: { "201": { description: "Named; the agency's contacts after", content: jsonContent(ref("AgencyContacts")) }, ...agencyErrors("400", "401", "404") },
    },
  };
  paths["/api/v1/agencies/{agencyId}/contacts/{userId}/remove"] = {
    post: {
      operationId: "removeAgencyContact",
      summary: "Partnership administrators: stop naming someone as a contact of the agency",
      parameters: [agencyIdParam, contactIdParam],
      responses: { "200": { description: "Removed; the agency's contacts after", content: jsonContent(ref("AgencyContacts")) }, ...agencyErrors("400", "401", "404") },
    },
  };
  const inputs: Record<string, JsonSchema> = {
    RaiseEscalationInput: schemaOf(RaiseEscalationInput, "input"),
    AddAgencyContactInput: schemaOf(AddAgencyContactInput.omit({ agencyId: true }), "input"),
  };
  for (const command of COMMANDS) {
    const inputName = `${command.operationId[0]!.toUpperCase()}${command.operationId.slice(1)}Input`;
    inputs[inputName] = schemaOf(command.input, "input");
    paths[`/api/v1/escalations/{id}/${command.path}`] = {
      post: {
        operationId: command.operationId,
        summary: command.summary,
        parameters: [idParam],
        requestBody: { required: true, content: jsonContent(ref(inputName)) },
        responses: { "200": { description: "Done", content: jsonContent(ref("CommandResult")) }, ...errors("400", "401", "403", "404", "409", "422") },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1",
      description:
        "Raise and follow professional disagreements under a safeguarding partnership's escalation policy. " +
        "Authenticate with the session cookie from signing in; state-changing requests from outside a browser " +
        "send the parley-csrf cookie's value as X-CSRF-Token. Every failure answers { error: { code, message, fields } }. See docs/api.md.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "parley.session", description: "__Host-parley.session over HTTPS" },
        csrf: { type: "apiKey", in: "header", name: "X-CSRF-Token" },
      },
      schemas: {
        ...inputs,
        AgencyList: schemaOf(AgencyListJson, "output"),
        AgencyContacts: schemaOf(AgencyContactsJson, "output"),
        EscalationPage: schemaOf(EscalationPageJson, "output"),
        EscalationDetail: schemaOf(EscalationDetailJson, "output"),
        CommandResult: schemaOf(CommandResultJson, "output"),
        Error: schemaOf(ErrorJson, "output"),
      },
    },
  };
}
