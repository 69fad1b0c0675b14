/** Server-side questions about a stored state: may I email this person? */
import { reaskedSince } from '../core/versions.js';
import { parseIso } from '../core/time.js';
import type { ConsentState, Policy } from '../core/types.js';
import type { PurposeLike } from '../forge/options.js';

/**
 * Whether the person objected to, withdrew or was denied `purposeId` by a stored choice
 * (their own, or a GPC/DNT signal the page honoured). An objection never lapses here: an
 * expired state or a newer policy does not undo it. Use it for processing on a legitimate
 * interest, such as promotional email to customers ("soft opt-in"): send unless objected.
 *
 * `state` is what `consentServer(…).load(subjectId)` returns (`null`: nothing stored, no objection).
 */
export function objectedTo(state: ConsentState | null | undefined, purposeId: string): boolean {
  const choice = state?.choices?.[purposeId];
  return choice !== undefined && choice.granted === false;
}

/** Options of {@link granted}. */
export interface GrantedOptions {
  /** The config's `policy`: a consent given before a material revision listing the purpose no longer counts. */
  policy?: Policy;
  /** The server's clock, in epoch ms. Default `Date.now()`. */
  now?: number;
}

/**
 * Whether `purpose` may be used for this person, by the stored state alone:
 * - `basis: "necessary"`: always;
 * - `"legitimate-interest"`: unless they objected ({@link objectedTo});
 * - `"consent"` (the default for a bare id): only with a stored grant that has not expired
 *   and, given `policy`, was not made void by a later material revision listing the purpose.
 *
 * Pass the config's purpose object (or `{ id, basis }`) so that its basis counts. Nothing
 * stored means no consent. Signals the browser sends later are not known here: a GPC denial
 * counts once the page has stored it.
 */
export function granted(state: ConsentState | null | undefined, purpose: PurposeLike, options: GrantedOptions = {}): boolean {
  const { id, basis = 'consent' } = typeof purpose === 'string' ? { id: purpose } : purpose;
  if (basis === 'necessary') return true;
  if (objectedTo(state, id)) return false;
  if (basis === 'legitimate-interest') return true;
  const choice = state?.choices?.[id];
  if (!state || !choice || choice.granted !== true) return false;
  const now = options.now ?? Date.now();
  const expires = state.expiresAt === null ? undefined : parseIso(state.expiresAt);
  if (state.expiresAt !== null && (expires === undefined || expires <= now)) return false;
  const at = parseIso(choice.at);
  if (at === undefined) return false;
  return !(options.policy && reaskedSince(options.policy, at, now).has(id));
}
