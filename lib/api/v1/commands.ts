/**
 * The commands of the JSON API (POST /api/v1/escalations/{id}/<path>), one for
 * each action on a dispute, as each action's descriptor gives them
 * (lib/escalations/action-registry.ts): path segment, use case, input schema,
 * what it does, and the API token permission it needs.
 */
import type { z } from "zod";
import type { ApiTokenPermission } from "../../db/generated/enums";
import { ACTIONS, type ActionName } from "../../escalations";
import type { ActionUseCase } from "../../escalations/action-descriptor";
import { ACTION_DESCRIPTORS, ACTION_REGISTRY } from "../../escalations/action-registry";

export type CommandSpec = {
  path: string;
  operationId: string;
  summary: string;
  input: z.ZodType;
  run: ActionUseCase;
  /** The API token permission that allows it; none: only people may (lib/auth/permissions.ts, TOKEN_PERMISSIONS). */
  token?: ApiTokenPermission;
};

export const COMMANDS: readonly CommandSpec[] = ACTION_DESCRIPTORS.map((d) => ({ ...d.api, input: d.input, run: d.run }));

export const commandByPath = (path: string): CommandSpec | undefined => COMMANDS.find((c) => c.path === path);

/** The token permission each of availableActions needs, so that a token is offered only what it may do. */
export const ACTION_TOKEN_PERMISSION = Object.fromEntries(ACTIONS.map((name) => [name, ACTION_REGISTRY[name].api.token ?? null])) as Readonly<
  Record<ActionName, ApiTokenPermission | null>
>;
