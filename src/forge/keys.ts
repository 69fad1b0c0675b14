/** Storage keys of consent in Forge's key-value store, and Forge's rules for keys. */
import { isScope } from './protocol.js';

/** Every consent key starts with this; the account id follows, then `:` and the scope. */
export const KEY_NAMESPACE = 'candor:v1:consent';

/** Forge KVS: keys are at most 500 characters. */
export const MAX_KVS_KEY_LENGTH = 500;

/**
 * Forge KVS's documented key rule (`limits-kvs-ce`): letters, digits, `: . _ - #` and
 * whitespace, and not whitespace only. (Forge writes the class as `[…\s-#]`, where `-` is literal.)
 */
export const KVS_KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s#-]+$/;

/**
 * An Atlassian account id as Candor accepts it in a key: 1–128 of `A-Z a-z 0-9 : _ -`
 * (covers `557058:<uuid>` and 24-hex ids). Stricter than Forge's rule: no whitespace, no `#`, no `.`.
 */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9:_-]{1,128}$/;

/** Whether `value` can be used as the account part of a key. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID_PATTERN.test(value);
}

/** Whether `key` satisfies Forge's KVS key rules. */
export function isKvsKey(key: string): boolean {
  return key.length <= MAX_KVS_KEY_LENGTH && KVS_KEY_PATTERN.test(key);
}

/**
 * The key of one person's consent in one scope: `candor:v1:consent:<accountId>:<scope>`.
 * Every part is validated; returns `undefined` when a part, or the whole, breaks a rule.
 */
export function tryConsentKey(accountId: unknown, scope: unknown): string | undefined {
  if (!isAccountId(accountId) || !isScope(scope)) return undefined;
  const key = `${KEY_NAMESPACE}:${accountId}:${scope}`;
  return isKvsKey(key) ? key : undefined;
}

/**
 * The key under which `consentHandlers` keeps `accountId`'s consent for `scope`:
 * `candor:v1:consent:<accountId>:<scope>`. For privacy jobs and migrations.
 *
 * @throws TypeError when `accountId` or `scope` is not valid for a key.
 */
export function consentKey(accountId: string, scope = 'default'): string {
  const key = tryConsentKey(accountId, scope);
  if (key === undefined) {
    throw new TypeError(
      'consentKey: expected an account id of 1–128 characters A-Z a-z 0-9 : _ - and a scope of 1–64 characters a-z 0-9 . _ -',
    );
  }
  return key;
}
