/**
 * What only the npm build of Candor does, because only the npm build has the adapters and hosts
 * it serves: host cookie consent (Atlassian Forge's `getCookieConsentPreferences`, see host.ts),
 * keeping choices for the visit when a server refuses an anonymous viewer (`forgeStorage`,
 * `httpStorage`), and the fallbacks for Node, where there is no DOM (server rendering; see
 * define-element.ts, web.ts). `candor.min.js` has neither adapter and always runs in a page;
 * rollup.config.mjs builds it with this flag `false`, so tree-shaking leaves all of it out of
 * every page that uses the script tag.
 */
export const NPM_FEATURES = true;
