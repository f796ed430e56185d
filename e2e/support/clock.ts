/** The e2e server's clock starts here (playwright.config.ts): Thursday 4 June 2026, 9am London. */
export const E2E_TODAY = "2026-06-04";
