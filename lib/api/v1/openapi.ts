/**
 * The OpenAPI 3.1 document for /api/v1, generated from the same zod schemas
 * that validate requests (the use cases' inputs) and shape responses (json.ts).
 * Served at /api/v1/openapi.json.
 */
import { z } from "zod";
import { RaiseEscalationInput, ListEscalationsInput } from "../../escalations";
import { TOKEN_PERMISSIONS } from "../../auth/permissions";
import type { ApiTokenPermission } from "../../db/generated/enums";
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
  "400": "The request is malformed: see error.fields (or it carries both a session cookie and an API token)",
  "401": "Not signed in, the session has ended, or the API token is unknown, expired or revoked",
  "403": "Signed in and able to see the dispute, but not allowed to do this (or a cross-site request, or an API token without the permission this needs)",
  "404": "No such dispute, or one the caller may not see (the two are indistinguishable)",
  "409": "Someone else changed the dispute since expectedVersion: reload and try again",
  "422": "Well formed, but the policy does not allow it now (e.g. escalating past the last stage)",
} as const;

/** An API token over its rate limit (PARLEY_API_TOKEN_REQUESTS_PER_MINUTE, per token, per clock minute). */
const RATE_LIMITED = {
  description: "An API token has made more requests this minute than its limit: wait the Retry-After seconds",
  headers: { "Retry-After": { description: "Seconds until the next minute, when the token's count starts again", schema: { type: "integer", minimum: 1 } } },
  content: jsonContent(ref("Error")),
};

function errors(...codes: (keyof typeof ERRORS)[]) {
  return { ...Object.fromEntries(codes.map((code) => [code, { description: ERRORS[code], content: jsonContent(ref("Error")) }])), "429": RATE_LIMITED };
}

/**
 * Who may call an operation: a person's session (state-changing requests also
 * send the CSRF header), or an API token with `permission` ("any": every token
 * of the partnership; none: no token).
 */
function security(method: "get" | "post", permission: ApiTokenPermission | "any" | undefined) {
  const session = method === "get" ? { session: [] } : { session: [], csrf: [] };
  return permission === undefined ? [session] : [session, { bearer: [] }];
}

function tokenNote(permission: ApiTokenPermission | "any" | undefined): string {
  if (permission === undefined) return "Not for API tokens (404).";
  if (permission === "any") return "API tokens: any token of the partnership.";
  return `API tokens: needs the \`${permission}\` permission (${TOKEN_PERMISSIONS[permission].label.toLowerCase()}).`;
}

/** The operation with its security and a line on what an API token needs. */
function op(method: "get" | "post", permission: ApiTokenPermission | "any" | undefined, operation: Record<string, unknown>) {
  return { ...operation, description: tokenNote(permission), security: security(method, permission) };
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
    ...(name === "status" || name === "routeIds" ? { explode: true } : {}),
  }));
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {
    "/api/v1/agencies": {
      get: op("get", "any", {
        operationId: "listAgencies",
        summary: "The partnership's agencies (a raise names one as the responding agency)",
        parameters: [partnershipParam],
        responses: { "200": { description: "The agencies", content: jsonContent(ref("AgencyList")) }, ...errors("400", "401", "404") },
      }),
    },
    "/api/v1/escalations": {
      get: op("get", "read", {
        operationId: "listEscalations",
        summary: "The disputes the caller may see, filtered, soonest due first",
        parameters: [partnershipParam, ...listParameters()],
        responses: { "200": { description: "A page of disputes", content: jsonContent(ref("EscalationPage")) }, ...errors("400", "401", "403", "404") },
      }),
      post: op("post", "raise", {
        operationId: "raiseEscalation",
        summary: "Raise a disagreement under the partnership's policy in force",
        parameters: [partnershipParam],
        requestBody: { required: true, content: jsonContent(ref("RaiseEscalationInput")) },
        responses: { "201": { description: "Raised", content: jsonContent(ref("CommandResult")) }, ...errors("400", "401", "403", "404", "422") },
      }),
    },
    "/api/v1/escalations/{id}": {
      get: op("get", "read", {
        operationId: "getEscalation",
        summary: "The record, its history, its deadlines with explanations, and the actions the caller may take now",
        parameters: [idParam],
        responses: { "200": { description: "The dispute", content: jsonContent(ref("EscalationDetail")) }, ...errors("401", "403", "404") },
      }),
    },
  };
  const agencyErrors = (...codes: ("400" | "401" | "404")[]) => ({
    ...Object.fromEntries(
      codes.map((code) => [
        code,
        {
          description:
            code === "404" ? "No such agency, or the caller is not an administrator of its partnership (the two are indistinguishable)" : ERRORS[code],
          content: jsonContent(ref("Error")),
        },
      ]),
    ),
    "429": RATE_LIMITED,
  });
  const agencyIdParam = {
    name: "agencyId",
    in: "path",
    required: true,
    description: "The agency's id (from /api/v1/agencies)",
    schema: { type: "string", format: "uuid" },
  };
  const contactIdParam = { name: "userId", in: "path", required: true, description: "The named contact's user id", schema: { type: "string", format: "uuid" } };
  paths["/api/v1/agencies/{agencyId}/contacts"] = {
    get: op("get", undefined, {
      operationId: "listAgencyContacts",
      summary: "Partnership administrators: who takes disputes raised against the agency while nobody there owns one, who is named, and who could be",
      parameters: [agencyIdParam],
      responses: { "200": { description: "The agency's contacts", content: jsonContent(ref("AgencyContacts")) }, ...agencyErrors("401", "404") },
    }),
    post: op("post", undefined, {
      operationId: "addAgencyContact",
      summary: "Partnership administrators: name an active member of the agency with a case role as one of its contacts",
      parameters: [agencyIdParam],
      requestBody: { required: true, content: jsonContent(ref("AddAgencyContactInput")) },
      responses: {
        "201": { description: "Named; the agency's contacts after", content: jsonContent(ref("AgencyContacts")) },
        ...agencyErrors("400", "401", "404"),
      },
    }),
  };
  paths["/api/v1/agencies/{agencyId}/contacts/{userId}/remove"] = {
    post: op("post", undefined, {
      operationId: "removeAgencyContact",
      summary: "Partnership administrators: stop naming someone as a contact of the agency",
      parameters: [agencyIdParam, contactIdParam],
      responses: {
        "200": { description: "Removed; the agency's contacts after", content: jsonContent(ref("AgencyContacts")) },
        ...agencyErrors("400", "401", "404"),
      },
    }),
  };
  const inputs: Record<string, JsonSchema> = {
    RaiseEscalationInput: schemaOf(RaiseEscalationInput, "input"),
    AddAgencyContactInput: schemaOf(AddAgencyContactInput.omit({ agencyId: true }), "input"),
  };
  for (const command of COMMANDS) {
    const inputName = `${command.operationId[0]!.toUpperCase()}${command.operationId.slice(1)}Input`;
    inputs[inputName] = schemaOf(command.input, "input");
    paths[`/api/v1/escalations/{id}/${command.path}`] = {
      post: op("post", command.token, {
        operationId: command.operationId,
        summary: command.summary,
        parameters: [idParam],
        requestBody: { required: true, content: jsonContent(ref(inputName)) },
        responses: { "200": { description: "Done", content: jsonContent(ref("CommandResult")) }, ...errors("400", "401", "403", "404", "409", "422") },
      }),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1",
      description:
        "Raise and follow professional disagreements under a safeguarding partnership's escalation policy. " +
        "A person authenticates with the session cookie from signing in; state-changing requests from outside a browser " +
        "send the parley-csrf cookie's value as X-CSRF-Token. An agency's case-management system sends an API token " +
        "that a partnership administrator made (Authorization: Bearer parley_…), with no cookie and no CSRF header; it acts for its agency, " +
        "within its permissions, at most PARLEY_API_TOKEN_REQUESTS_PER_MINUTE requests a minute (default 120; 429 and Retry-After beyond). " +
        "Every failure answers { error: { code, message, fields } }. See docs/api.md.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "parley.session", description: "A person's session: __Host-parley.session over HTTPS" },
        csrf: {
          type: "apiKey",
          in: "header",
          name: "X-CSRF-Token",
          description: "With the session, on state-changing requests from outside a browser: the parley-csrf cookie's value",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "parley_ followed by 43 characters",
          description: "An API token a partnership administrator made for an agency's system (Administration → API tokens). Never with a session cookie (400).",
        },
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
