// Serves the CSP fixture pages of test/elements/csp.test.ts with real response headers.
// Use in web-test-runner.config.mjs:
//   import { cspHeaders } from './test/elements/csp/headers.mjs';
//   export default { ..., middleware: [cspHeaders], ... };
// The pages also carry the same policy in a <meta http-equiv> so they are enforced either way;
// the header adds what a meta policy cannot: nonce hiding (the `nonce` attribute reads "" once
// a header-delivered policy is present) and the header path every real site uses.

/** Content-Security-Policy per fixture page (request path → policy). */
export const policies = {
  '/test/elements/csp/strict.html':
    "default-src 'self'; style-src 'self'; script-src 'self' 'nonce-abc'; require-trusted-types-for 'script'; trusted-types candor lit-html",
  '/test/elements/csp/strict-dynamic.html':
    "script-src 'nonce-abc' 'strict-dynamic'; object-src 'none'; base-uri 'none'; style-src 'nonce-abc'; require-trusted-types-for 'script'; trusted-types candor lit-html",
  '/test/elements/csp/forge.html':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'",
};

/** Koa middleware: adds the fixture's Content-Security-Policy header to its response. */
export async function cspHeaders(ctx, next) {
  await next();
  const policy = policies[ctx.path];
  if (policy) ctx.set('Content-Security-Policy', policy);
}
