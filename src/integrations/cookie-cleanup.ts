import type { Consent } from '../core/consent.js';
import { cookieTest } from '../core/cookie-pattern.js';

/**
 * Expires a first-party cookie on this host and each parent domain it could have been set for,
 * at every path it could have been set for from this page (`/`, `/shop`, `/shop/cart` …).
 */
function expire(name: string): void {
  const parts = location.hostname.split('.');
  const domains = [''];
  for (let i = 0; i < parts.length - 1; i++) domains.push(`; Domain=${parts.slice(i).join('.')}`);
  const segments = location.pathname.split('/');
  const paths = new Set(segments.map((_, i) => segments.slice(0, i + 1).join('/') || '/'));
  for (const path of paths) for (const domain of domains) document.cookie = `${name}=; Max-Age=0; Path=${path}${domain}`;
}

/** Deletes the first-party `cookies` of every purpose that is revoked, whatever revoked it. */
export function clearCookiesOnRevoke(consent: Consent): () => void {
  return consent.subscribe((state, { changed }) => {
    // Names as the browser keeps them (not decoded: that is the name to expire, and a malformed
    // escape elsewhere must not stop the clean-up).
    const names = document.cookie.split(';').map((pair) => pair.split('=')[0].trim());
    for (const purpose of consent.config.purposes) {
      if (!changed.includes(purpose.id) || state.choices[purpose.id]?.granted) continue;
      const tests = (purpose.cookies ?? []).map(cookieTest);
      for (const name of names) if (name && tests.some((test) => test(name))) expire(name);
    }
  });
}
