/** The `candor` Trusted Types policy: script URLs and text the page owner put in its own HTML. */
export interface CandorTrustedTypes {
  createScriptURL(url: string): string;
  createScript(text: string): string;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string; createScript(text: string): string }): CandorTrustedTypes;
}

const KEY = Symbol.for('candor.trustedTypes');
const identity: CandorTrustedTypes = { createScriptURL: (url) => url, createScript: (text) => text };

/**
 * One policy per page (creating a second policy of the same name can be refused by CSP).
 * Where Trusted Types are not supported, strings pass through unchanged.
 */
export function candorPolicy(): CandorTrustedTypes {
  const holder = globalThis as unknown as Record<symbol, CandorTrustedTypes | undefined>;
  const existing = holder[KEY];
  if (existing) return existing;
  const factory = (globalThis as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  let policy = identity;
  if (factory) {
    try {
      policy = factory.createPolicy('candor', identity);
    } catch (error) {
      console.error('[candor] the Trusted Types policy "candor" could not be created; allow it with `trusted-types candor`', error);
    }
  }
  holder[KEY] = policy;
  return policy;
}
