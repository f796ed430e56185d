/**
 * A real OpenID Provider for the end-to-end suite: panva's certified
 * `oidc-provider`, on loopback, with no network. playwright.config.ts starts it
 * before Parley (node e2e/support/oidc-provider.mjs) and points Parley's
 * OIDC_ISSUER at it.
 *
 * It is set up as docs/sign-in.md tells a Microsoft Entra ID administrator to
 * set up Parley's app registration:
 * - discovery at <issuer>/.well-known/openid-configuration;
 * - one confidential client (client_secret_basic) whose only redirect URI is
 *   <parley>/api/auth/callback/oidc, authorization code flow only, PKCE (S256)
 *   required, responses in the query (not form_post);
 * - ID tokens signed with RS256 by a key made at start, carrying a pairwise
 *   `sub` (as Entra's is) and the person's `email`, `email_verified` /
 *   `xms_edov` and `name` (Entra puts optional claims in the ID token;
 *   oidc-provider's default would keep them for userinfo);
 * - the first-party client is never asked for consent (an admin-consented app).
 *
 * Its sign-in page asks for an account name only (no password: a test
 * provider) and knows only the accounts it is given. Settings, from the
 * environment (playwright.config.ts sets them from e2e/support/oidc.ts):
 *   OIDC_PROVIDER_ISSUER   http://127.0.0.1:<port>: it listens there
 *   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI
 *   OIDC_TEST_ACCOUNTS     JSON: [{ login, sub, claims: { email, name, … } }]
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`oidc-provider.mjs: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const issuer = new URL(required("OIDC_PROVIDER_ISSUER"));
const accounts = new Map(JSON.parse(required("OIDC_TEST_ACCOUNTS")).map((account) => [account.login.toLowerCase(), account]));

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: `e2e-${randomBytes(4).toString("hex")}`, alg: "RS256", use: "sig" };

const provider = new Provider(issuer.origin, {
  clients: [
    {
      client_id: required("OIDC_CLIENT_ID"),
      client_secret: required("OIDC_CLIENT_SECRET"),
      redirect_uris: [required("OIDC_REDIRECT_URI")],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
      // Entra's `sub` is pairwise: one value per person per app.
      subject_type: "pairwise",
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  // Scope → claims, as Entra's `email` optional claim and `xms_edov` come with the email scope.
  claims: { openid: ["sub"], email: ["email", "email_verified", "xms_edov"], profile: ["name"] },
  // Put the scopes' claims in the ID token itself, as Entra does (Parley reads the ID token, not userinfo).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  subjectTypes: ["pairwise"],
  // The account's `sub` from the table; two logins may share one (a renamed mailbox).
  async pairwiseIdentifier(_ctx, accountId) {
    const account = accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    return account.sub;
  },
  responseTypes: ["code"],
  features: { devInteractions: { enabled: false } },
  // Entra's lifetimes, roughly: an hour for tokens, minutes for a code.
  ttl: { AuthorizationCode: 600, AccessToken: 3600, IdToken: 3600, Interaction: 3600, Grant: 86400, Session: 86400 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const account = accounts.get(id);
    if (!account) return undefined;
    // oidc-provider makes `sub` the accountId (the login) and then pairwiseIdentifier maps it to the account's sub.
    return { accountId: id, claims: async () => ({ ...account.claims, sub: id }) };
  },
  // Parley is a first-party app, consented for everyone by the tenant's administrator: no consent screen.
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return Grant.find(grantId);
    const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("Sign-in error", `<h1>Sign-in error</h1><p>${escape(out.error)}: ${escape(out.error_description ?? "")}</p>`);
  },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function page(title, body) {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – Test Council identity provider</title></head>
<body><main>${body}</main></body>
</html>`;
}

function signInPage(uid, { login = "", error = "" } = {}) {
  return page(
    error ? `Error: Sign in` : "Sign in",
    `<p>Test Council identity provider (the end-to-end suite's, on loopback)</p>
<h1>Sign in</h1>
${error ? `<div role="alert"><p id="login-error">${escape(error)}</p></div>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label for="login">Email address</label>
  <input id="login" name="login" type="email" autocomplete="username" value="${escape(login)}"${error ? ' aria-describedby="login-error" aria-invalid="true"' : ""}>
  <button type="submit">Next</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort">
  <button type="submit">Cancel</button>
</form>`,
  );
}

async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res, status, html) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(html);
}

const handleProtocol = provider.callback();

async function handleInteraction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid)
    return send(res, 400, page("Sign-in error", "<h1>Sign-in error</h1><p>This sign-in has expired. Start again from the application.</p>"));
  if (req.method === "GET" && !action) {
    if (details.prompt.name !== "login")
      return send(res, 501, page("Sign-in error", `<h1>Sign-in error</h1><p>Prompt ${escape(details.prompt.name)} is not handled here.</p>`));
    return send(res, 200, signInPage(uid));
  }
  if (req.method === "POST" && action === "login") {
    const login = ((await formBody(req)).get("login") ?? "").trim();
    if (!accounts.has(login.toLowerCase())) {
      return send(res, 200, signInPage(uid, { login, error: login ? "There is no account with that email address here." : "Enter your email address." }));
    }
    return provider.interactionFinished(req, res, { login: { accountId: login.toLowerCase() } }, { mergeWithLastSubmission: false });
  }
  if (req.method === "POST" && action === "abort") {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The person cancelled the sign-in." },
      { mergeWithLastSubmission: false },
    );
  }
  return send(res, 405, page("Sign-in error", "<h1>Sign-in error</h1>"));
}

const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(new URL(req.url ?? "/", issuer).pathname);
  if (!match) return handleProtocol(req, res);
  handleInteraction(req, res, match[1], match[2]).catch((error) => {
    console.error(`oidc-provider.mjs: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) send(res, 400, page("Sign-in error", `<h1>Sign-in error</h1><p>${escape(error instanceof Error ? error.message : error)}</p>`));
  });
});

server.listen(Number(issuer.port), issuer.hostname, () => {
  console.log(`OpenID Provider for the end-to-end suite: ${issuer.origin}/.well-known/openid-configuration (${accounts.size} accounts)`);
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
