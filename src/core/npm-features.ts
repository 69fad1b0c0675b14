/**
 * What only the npm build of Candor does, because only the npm build has the adapters and hosts
 * it serves: host cookie consent (Atlassian Forge's `getCookieConsentPreferences`, see host.ts),
 * and keeping choices for the visit when a server refuses an anonymous viewer (`forgeStorage`,
 * `httpStorage`). `candor.min.js` has neither adapter; rollup.config.mjs builds it with this
 * flag `false`, so tree-shaking leaves both out of every page that uses the script tag.
 */
export const NPM_FEATURES = true;
