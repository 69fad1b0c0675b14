// Serves the CSP fixture pages of test/elements/csp.test.ts and test/forge/forge-csp.test.ts with real response headers.
// Use in web-test-runner.config.mjs:
//   import { cspHeaders } from './test/elements/csp/headers.mjs';
//   export default { ..., middleware: [cspHeaders], ... };
// The pages also carry the same policy in a <meta http-equiv> so they are enforced either way;
// the header adds what a meta policy cannot: nonce hiding (the `nonce` attribute reads "" once
// a header-delivered policy is present) and the header path every real site uses.

/**
 * Forge's default Custom UI policy as forge.md §4 gives it (`@forge/csp` 6.3.2), with the
 * placeholders filled in: `<env>` = prod, `<host>` = a site, the gateway = api.atlassian.com.
 * No 'unsafe-inline' anywhere; the `sandbox` flags are the two §4 names (any further flags Forge
 * adds only loosen it). Used by test/forge/forge-csp.test.ts (header only: <meta> cannot sandbox).
 */
export const FORGE_DEFAULT_CSP = [
  "script-src 'self' https://forge.cdn.prod.atlassian-dev.net",
  "style-src 'self' https://candor-test.atlassian.net https://forge.cdn.prod.atlassian-dev.net",
  "connect-src 'self' https://candor-test.atlassian.net https://api.atlassian.com",
  "img-src 'self' data: blob:",
  "form-action 'self'",
  'sandbox allow-same-origin allow-scripts',
].join('; ');

/** Content-Security-Policy per fixture page (request path → policy). */
export const policies = {
  // <candor-policy> under Trusted Types (test/policy/trusted-types.test.ts): candor-policy is its sanitiser's policy.
  '/test/policy/fixtures/tt.html':
    "default-src 'self'; style-src 'self'; script-src 'self' 'nonce-abc'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types candor candor-policy lit-html",
  '/test/policy/fixtures/tt-dompurify.html':
    "default-src 'self'; style-src 'self'; script-src 'self' 'nonce-abc'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types candor candor-policy lit-html",
  '/test/policy/fixtures/strict-dynamic.html':
    "script-src 'nonce-abc' 'strict-dynamic'; object-src 'none'; base-uri 'none'; style-src 'self'; require-trusted-types-for 'script'; trusted-types candor candor-policy lit-html",
  '/test/elements/csp/strict.html':
    "default-src 'self'; style-src 'self'; script-src 'self' 'nonce-abc'; require-trusted-types-for 'script'; trusted-types candor lit-html",
  '/test/elements/csp/strict-dynamic.html':
    "script-src 'nonce-abc' 'strict-dynamic'; object-src 'none'; base-uri 'none'; style-src 'nonce-abc'; require-trusted-types-for 'script'; trusted-types candor lit-html",
  '/test/elements/csp/forge.html':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'",
  '/test/forge/fixtures/forge-csp.html': FORGE_DEFAULT_CSP,
  '/test/forge/fixtures/forge-csp-policy.html': FORGE_DEFAULT_CSP,
  '/test/forge/fixtures/forge-csp-de.html': FORGE_DEFAULT_CSP,
  '/test/forge/fixtures/example-app.html': FORGE_DEFAULT_CSP,
};

/** Koa middleware: adds the fixture's Content-Security-Policy header to its response. */
export async function cspHeaders(ctx, next) {
  await next();
  const policy = policies[ctx.path];
  if (policy) ctx.set('Content-Security-Policy', policy);
}
