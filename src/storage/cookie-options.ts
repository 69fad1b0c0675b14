/**
 * The options of `cookieStorage` and their check, apart from the adapter: the script-tag build
 * checks options at once and loads the adapter itself (candor-cookie.min.js) only when used.
 */
/** Default cookie name of `cookieStorage`. */
export const DEFAULT_COOKIE_NAME = 'candor_consent';
/** Default lifetime of the consent cookie, in days. */
export const DEFAULT_COOKIE_MAX_AGE_DAYS = 395;
/** Browsers cap cookie lifetimes at 400 days (RFC 6265bis); longer values are capped. */
export const MAX_COOKIE_MAX_AGE_DAYS = 400;
/** The most bytes of `name=value` browsers accept for one cookie. */
export const MAX_COOKIE_BYTES = 4096;

/** Options of `cookieStorage`. */
export interface CookieStorageOptions {
  /** Cookie name, a token (RFC 6265). Default `"candor_consent"`. */
  name?: string;
  /**
   * `Domain` attribute, to share the cookie with subdomains (`"example.com"`). Default: none,
   * a host-only cookie.
   */
  domain?: string;
  /** Lifetime in days (`Max-Age`). Default 395; values above 400 are capped at 400. */
  maxAgeDays?: number;
  /** The document whose cookies are used. Default the global `document`. */
  document?: Document;
}

/** RFC 9110 `token` characters: what a cookie name may be made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * Host-name characters, optionally after a leading dot: nothing that could inject an attribute.
 * A name the browser will not accept for this page makes `save()` reject ("did not store").
 */
const DOMAIN = /^\.?[A-Za-z0-9][A-Za-z0-9.-]*$/;
/** The checked options: `name`, `domain` (or undefined) and `maxAge` in seconds. */
export interface CookieSettings {
  name: string;
  domain: string | undefined;
  maxAge: number;
}

/**
 * Checks the options of `cookieStorage`.
 * @throws {TypeError} when `name` is not a cookie token, `domain` is not a host name, or
 *   `maxAgeDays` is not a positive number.
 */
export function cookieSettings(options: CookieStorageOptions = {}): CookieSettings {
  const name = options.name ?? DEFAULT_COOKIE_NAME;
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new TypeError(
      `cookieStorage: option "name" must be a cookie-name token (RFC 6265), got ${JSON.stringify(name)}`,
    );
  }
  const domain = options.domain;
  if (domain !== undefined && (typeof domain !== 'string' || !DOMAIN.test(domain))) {
    throw new TypeError(`cookieStorage: option "domain" must be a host name such as "example.com", got ${JSON.stringify(domain)}`);
  }
  if (domain !== undefined && /^__Host-/i.test(name)) {
    throw new TypeError('cookieStorage: option "domain" cannot be used with a "__Host-" cookie name');
  }
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_COOKIE_MAX_AGE_DAYS;
  if (typeof maxAgeDays !== 'number' || Number.isNaN(maxAgeDays) || maxAgeDays <= 0) {
    throw new TypeError(`cookieStorage: option "maxAgeDays" must be a positive number of days, got ${String(maxAgeDays)}`);
  }
  return { name, domain, maxAge: Math.max(1, Math.round(Math.min(maxAgeDays, MAX_COOKIE_MAX_AGE_DAYS) * 86_400)) };
}

/**
 * Whether `doc` has a cookie named `name` (true when cookies cannot be read: the adapter then
 * reports why). The script tag reads nothing more before the adapter has loaded.
 */
export function hasCookie(doc: Document, name: string): boolean {
  try {
    return `; ${doc.cookie}`.includes(`; ${name}=`);
  } catch {
    return true;
  }
}
