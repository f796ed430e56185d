/**
 * What Parley needs to know about one action on a dispute besides who may take
 * it when (that is actions.ts): its use case and input schema, where the JSON
 * API offers it, its page (address, title, the links to it, the banner after
 * it), and its form (the fields, and how a posted form becomes the use case's
 * input). Each action's descriptor sits beside its use case
 * (record-discussion.ts and record-discussion.action.ts); action-registry.ts
 * lists them all, and the API's commands, the OpenAPI document, the action
 * pages, the links on a dispute and the permissions document are derived from it.
 *
 * The descriptors are the one place in lib/escalations that knows about forms:
 * only the registry imports them, and only the API, the views and the pages
 * import the registry; the use cases never do.
 */
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/connect";
import type { ApiTokenPermission } from "../db/generated/enums";
import type { Policy } from "../policy";
import type { ActionFormContext } from "../views/dispute-form-parts";
import type { FieldSpec, FormValues } from "../views/form-spec";
import type { ActionName, AvailableAction } from "./actions";
import type { CommandResult } from "./command";
import type { EscalationDeps } from "./deps";
import type { EscalationView } from "./get-escalation";

/** A use case on an existing dispute. It parses its own input, so the API can pass the request's JSON as it came. */
export type ActionUseCase = (db: Database, actor: Actor, escalationId: string, input: unknown, deps: EscalationDeps) => Promise<CommandResult>;

/**
 * The input a form gives a use case: every field of the schema's input (less
 * expectedVersion, which every form carries), with the same names and the same
 * optional ones, any of which may be missing (a blank answer) or hold text the
 * use case refuses. Renaming or adding a required field in the schema makes the
 * form's toInput fail to compile.
 */
export type Draft<T> = T extends string
  ? string | undefined
  : T extends number
    ? number | undefined
    : T extends boolean
      ? boolean | undefined
      : T extends readonly (infer U)[]
        ? Draft<U>[] | undefined
        : T extends object
          ? { [K in keyof T]: Draft<T[K]> }
          : T | undefined;
export type FormInputOf<S extends z.ZodType> = Draft<Omit<z.input<S>, "expectedVersion">>;

/** A posted form as a descriptor's toInput reads it. */
export type PostedForm = {
  /** What the page's address named (?side=, ?action=, ?form=), when the page reads one (page.target). */
  target: string | undefined;
  /** The answer, trimmed; undefined when blank. */
  optional(name: string): string | undefined;
  /** Every ticked box of a group. */
  list(name: string): string[];
  /** The positions of a repeated group's items that were posted, in order. */
  repeatIndexes(name: string): number[];
  /**
   * A date question's Day, Month, Year (and Time) boxes as the text the use case
   * accepts; undefined when they cannot be read, with what is wrong kept for
   * `path` (the input's path: the name unless given) to show instead of the use
   * case's message. `subject` starts the messages ("Date of the discussion").
   */
  date(name: string, withTime: boolean, subject: string, path?: string): string | undefined;
  /** Errors the use case reports at `inputPath` belong to the form's field `field`. */
  alias(inputPath: string, field: string): void;
};

/** The form an action's page shows. */
export type ActionFormSpec = {
  heading: string;
  submitLabel: string;
  fields: FieldSpec[];
  values?: FormValues;
  counts?: Record<string, number>;
  variant?: "primary" | "warning";
};

/** What the links to an action on the dispute page are worked out from. */
export type ActionLinkContext = { view: EscalationView; policy: Policy };

/** The available action `N` as availableActions gives it (with what it may apply to). */
export type AvailableOf<N extends ActionName> = AvailableAction & { action: N };

export type ActionDescriptor<N extends ActionName = ActionName, Slug extends string = string, S extends z.ZodType = z.ZodType> = {
  name: N;
  run: ActionUseCase;
  /** The use case's input schema: the API's request body and the OpenAPI document's. */
  input: S;
  api: {
    /** POST /api/v1/escalations/{id}/<path> */
    path: string;
    operationId: string;
    summary: string;
    /** The API token permission that allows it; none: only a person may (lib/auth/permissions.ts, TOKEN_PERMISSIONS). */
    token?: ApiTokenPermission;
  };
  page: {
    /** /p/<partnership>/disputes/<id>/<slug> */
    slug: Slug;
    /** The page's title, before the dispute's reference ("Record a discussion – PLY-TOR-2026-0007"). */
    title: string;
    /** The query parameter naming what the action applies to, when it needs one (?side=raising). */
    target?: "side" | "action" | "form";
    /** The links to the page on the dispute, when the reader may take the action; none: it is offered elsewhere. */
    links(available: AvailableOf<N>, ctx: ActionLinkContext): { label: string; query?: string }[];
    /** The banner on the dispute afterwards; `here` is the stage it is now at ("Stage 2: Manager to manager"). */
    done(here: string): string;
  };
  form: {
    view(ctx: ActionFormContext): ActionFormSpec;
    /** Repeated groups of fields and how many of each ("Add another"). */
    repeats?: Readonly<Record<string, { min: number; max: number }>>;
    toInput(form: PostedForm): FormInputOf<S>;
  };
};

/** Declares one action's descriptor; the type parameters keep its slug and its schema for the registry. */
export const defineAction = <const N extends ActionName, const Slug extends string, S extends z.ZodType>(d: ActionDescriptor<N, Slug, S>) => d;

/** One link with this label, for the actions offered once. */
export const oneLink = (label: string) => () => [{ label }];
