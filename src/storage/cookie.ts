/** `cookieStorage()`: consent in a first-party cookie, readable by the server too. */
import type { ConsentState, ConsentStorage } from '../core/types.js';
import { settle } from './errors.js';
import { fitRecords, withNewestRecords } from './fit.js';
import { parseStored } from './parse.js';
import { cookieSettings, MAX_COOKIE_BYTES, type CookieStorageOptions } from './cookie-options.js';

// The constants and option type live with the option check (the script tag checks options without the adapter).
export * from './cookie-options.js';

/** Escapes of `encodeURIComponent` whose characters are safe cookie octets, undone to save bytes. */
const SAFE_ESCAPES = /%(7B|7D|5B|5D|3A|2F|40)/g;

/**
 * A {@link ConsentStorage} that keeps the state in one first-party cookie, written with
 * `Path=/; SameSite=Lax; Max-Age=…`, `Secure` whenever the page is https, and `Domain` only
 * when `domain` is given (host-only otherwise). The value is URI-encoded JSON.
 *
 * - Browsers keep at most 4096 bytes of `name=value`: `save()` drops the oldest consent
 *   records until the cookie fits, never a choice and never the newest record, and rejects
 *   with an Error naming the size when even that is too large. It also rejects when the
 *   browser silently refuses the cookie (cookies blocked).
 * - `load()` resolves `null` when there is no cookie. A value that cannot be decoded or is not
 *   valid JSON resolves as the raw string, cast to `ConsentState`: like every loaded value it
 *   is untrusted input that the core validates (and reports as corrupt), never trusts.
 * - `clear()` expires the cookie with the same `Path` and `Domain`.
 * - `subscribe()` reports changes made elsewhere (other tabs, the server) through the Cookie
 *   Store API's `change` event where the browser has `cookieStore`; elsewhere it does nothing.
 *
 * @throws {TypeError} when `name` is not a cookie token, `domain` is not a host name, or
 *   `maxAgeDays` is not a positive number.
 */
export function cookieStorage(options: CookieStorageOptions = {}): ConsentStorage {
  const { name, domain, maxAge } = cookieSettings(options);

  /** What each active subscription last saw (the raw cookie value, `null` for none). */
  const subscriptions = new Set<{ seen: string | null }>();

  const getDocument = (): Document => {
    const doc = options.document ?? globalThis.document;
    if (doc == null) throw new Error('Candor: cookieStorage needs a document (it runs in the page only)');
    return doc;
  };

  /** `; Path=/; SameSite=Lax…` for `doc`, with `Domain` when `withDomain`. */
  const attributes = (doc: Document, seconds: number, withDomain: boolean): string =>
    `; Path=/; Max-Age=${seconds}; SameSite=Lax` +
    (withDomain && domain !== undefined ? `; Domain=${domain}` : '') +
    (isHttps(doc) ? '; Secure' : '');

  const remember = (value: string | null): void => {
    for (const subscription of subscriptions) subscription.seen = value;
  };

  return {
    load() {
      return settle(() => {
        const raw = readCookie(getDocument(), name)[0];
        return raw === undefined ? null : decode(raw);
      });
    },

    save(state) {
      return settle(() => {
        const doc = getDocument();
        const bytes = (value: string): number => name.length + 1 + value.length;
        let value = '';
        const fitted = fitRecords(state, (candidate) => {
          value = encode(candidate);
          return bytes(value) <= MAX_COOKIE_BYTES;
        });
        if (fitted === null) {
          const smallest = bytes(encode(withNewestRecords(state, 1)));
          throw new Error(
            `Candor: the consent cookie "${name}" needs ${smallest} bytes even with one record; browsers ` +
              `keep at most ${MAX_COOKIE_BYTES} per cookie (use fewer purposes, webStorage() or a server adapter)`,
          );
        }
        doc.cookie = `${name}=${value}${attributes(doc, maxAge, true)}`;
        if (!readCookie(doc, name).includes(value)) {
          throw new Error(`Candor: the browser did not store the consent cookie "${name}" (blocked, or not settable here)`);
        }
        remember(value);
      });
    },

    clear() {
      return settle(() => {
        const doc = getDocument();
        doc.cookie = `${name}=${attributes(doc, 0, true)}`;
        // A host-only cookie left from before `domain` was configured goes too.
        if (domain !== undefined) doc.cookie = `${name}=${attributes(doc, 0, false)}`;
        remember(null);
      });
    },

    subscribe(listener) {
      let doc: Document;
      try {
        doc = getDocument();
      } catch {
        return () => {};
      }
      const view = doc.defaultView as (Window & { cookieStore?: CookieStore }) | null | undefined;
      const store = view?.cookieStore;
      if (!store || typeof store.addEventListener !== 'function') return () => {};
      const subscription = { seen: readCookie(doc, name)[0] ?? null };
      subscriptions.add(subscription);
      const onChange = (event: Event): void => {
        const { changed = [], deleted = [] } = event as Partial<CookieChangeEvent>;
        if (![...changed, ...deleted].some((cookie) => cookie.name === name)) return;
        const current = readCookie(doc, name)[0] ?? null;
        // Our own writes come back as change events too: report only what differs.
        if (current === subscription.seen) return;
        subscription.seen = current;
        listener(current === null ? null : decode(current));
      };
      store.addEventListener('change', onChange);
      return () => {
        subscriptions.delete(subscription);
        store.removeEventListener('change', onChange);
      };
    },
  };
}

/** Whether `doc` was loaded over https (then the cookie is `Secure`). */
function isHttps(doc: Document): boolean {
  return (doc.location as Location | null | undefined)?.protocol === 'https:';
}

/** The raw values of every cookie called `name` visible to `doc`, in the browser's order. */
function readCookie(doc: Document, name: string): string[] {
  const values: string[] = [];
  for (const part of String(doc.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/** URI-encoded JSON, with the escapes of cookie-safe characters undone. */
function encode(state: ConsentState): string {
  return encodeURIComponent(JSON.stringify(state)).replace(SAFE_ESCAPES, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** Parsed cookie value, or the raw string when it is not valid (the core reports it as corrupt). */
function decode(raw: string): ConsentState {
  try {
    return parseStored(decodeURIComponent(raw));
  } catch {
    return raw as unknown as ConsentState; // not URI-encoded
  }
}
