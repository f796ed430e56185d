import "server-only";
import { cache } from "react";
import { disputeSetting } from "./server";

/**
 * disputeSetting once per request. A dispute's pages call it from
 * generateMetadata (the title names the reference) and from the page: one
 * permission-checked load, so one "viewed" entry in the audit trail, and a
 * dispute the reader may not see is the not-found page with its own title.
 */
export const disputeSettingForRequest = cache(disputeSetting);
