// The Custom UI page: Candor's banner, preference centre and policy page inside Jira.
// Everything Forge-specific is passed in; Candor itself imports no @forge/* module.
import { getCookieConsentPreferences, invoke, router, view } from '@forge/bridge';
import { forgeStorage, type CandorConfig } from 'candor';
import 'candor/define'; // <candor-consent>, <candor-banner>, <candor-preferences>, …
import { definePolicy } from 'candor/policy'; // <candor-policy>
import config from '../../candor.json';

definePolicy();

async function main(): Promise<void> {
  // Host theme first: Atlassian's --ds-* design tokens on <html>, which Candor's styles use.
  await view.theme.enable();

  // Locale (and colour mode) for display only: never use getContext() for identity.
  const context = await view.getContext();
  const locale = typeof context.locale === 'string' ? context.locale : 'en-US';
  document.documentElement.lang = locale;

  const root = document.createElement('candor-consent');
  if (context.theme?.colorMode === 'dark' || context.theme?.colorMode === 'light') root.setAttribute('theme', context.theme.colorMode);
  root.config = { ...(config as CandorConfig), locale };
  // Consent is kept per Atlassian account by the resolver (src/index.ts) through invoke.
  root.storage = forgeStorage({ invoke });
  // The host's own cookie consent decides the purposes mapped in candor.json's host.cookieCategories.
  root.host = { cookiePreferences: getCookieConsentPreferences };
  // The iframe cannot navigate the top window: links go through Forge's router.
  root.navigate = (url: string) => void router.open(url);
  root.addEventListener('candor-error', (event) => {
    console.warn('[quillmate] consent:', (event as CustomEvent<{ code: string; message: string }>).detail.code);
  });
  root.append(document.createElement('candor-banner'));
  document.body.append(root);
}

main().catch((error: unknown) => {
  console.error('[quillmate] could not start', error);
  document.querySelector('[data-status]')?.removeAttribute('hidden');
});
