/** `eraseAccount`: removes a person's consent, for Atlassian's personal-data reporting job. */
import { consentKey, isAccountId } from './keys.js';
import type { KeyValueStore } from './options.js';
import { DEFAULT_SCOPE, isScope } from './protocol.js';

/** Options of {@link eraseAccount}. */
export interface EraseAccountOptions {
  /** The scopes to erase: the same list as `consentHandlers`' `scopes`. Default `["default"]`. */
  scopes?: readonly string[];
}

/**
 * Deletes everything `consentHandlers` stored for `accountId` (one key per scope). Use it in
 * the scheduled job that reports personal data: Atlassian asks apps to erase the data of
 * accounts that `privacy.reportPersonalData` (`@forge/api`) says are `closed`.
 *
 * ```ts
 * // `privacy` from the @forge/api package, `kvs` from @forge/kvs (your app imports them, not Candor)
 * import { eraseAccount } from 'candor/forge';
 * // accounts: [{ accountId, updatedAt }] for the people you hold consent for, 90 per call
 * for (const { accountId, status } of await privacy.reportPersonalData(accounts))
 *   if (status === 'closed') await eraseAccount(kvs, accountId, { scopes });
 * ```
 *
 * Store errors propagate (with the store's own error), so the job can retry.
 *
 * @throws TypeError (as a rejection) when `accountId` or a scope is not valid for a key.
 */
export async function eraseAccount(store: KeyValueStore, accountId: string, options: EraseAccountOptions = {}): Promise<void> {
  if (typeof store !== 'object' || store === null || typeof store.delete !== 'function') {
    throw new TypeError('eraseAccount: "store" must have a delete method (kvs from @forge/kvs fits)');
  }
  if (!isAccountId(accountId)) throw new TypeError('eraseAccount: expected an Atlassian account id');
  const scopes = options.scopes ?? [DEFAULT_SCOPE];
  if (!Array.isArray(scopes) || !scopes.every(isScope)) {
    throw new TypeError('eraseAccount: option "scopes" must be an array of scopes of 1–64 characters a-z 0-9 . _ -');
  }
  for (const scope of scopes) await store.delete(consentKey(accountId, scope));
}
