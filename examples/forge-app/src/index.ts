// The Forge function behind the Custom UI: Candor's consent handlers on Forge's key-value store.
// Identity comes only from the platform (`context.accountId`, set by @forge/resolver from the
// runtime principal); the page never sends an account id. See candor/forge's docs for the rules.
import Resolver from '@forge/resolver';
import { kvs } from '@forge/kvs';
import { consentHandlers } from 'candor/forge';
import config from '../candor.json';

const resolver = new Resolver();

// candor.consent.get | set | delete: exactly what forgeStorage({ invoke }) calls from the page.
for (const [key, handler] of Object.entries(consentHandlers({ store: kvs, purposes: config.purposes }))) {
  resolver.define(key, handler);
}

export const handler = resolver.getDefinitions();
