import { diffWords, type ChangeObject } from 'diff';
import { localize } from '../core/messages.js';
import { validateConfig } from '../core/validate.js';
import type { CandorConfig, CandorErrorDetail, PolicySection, Revision } from '../core/types.js';
import { markdownText } from './plain-text.js';

/** One piece of a word-level diff: unchanged, added (`ins`) or removed (`del`) text. */
export interface DiffPart {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

export interface SectionChange {
  id: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Title in the newer version (the older one for a removed section). */
  title: string;
  /** Word diff of the title, when it changed. */
  titleDiff?: DiffPart[];
  /**
   * Word diff of the body's text as a reader sees it (`markdownText`: no Markdown syntax, links as
   * `text (url)`); all `ins` for added, all `del` for removed.
   */
  body: DiffPart[];
}

function parts(changes: ChangeObject<string>[]): DiffPart[] {
  return changes.map((change) => ({ kind: change.added ? 'ins' : change.removed ? 'del' : 'same', text: change.value }));
}

/**
 * Section-by-section comparison of `older` with `newer`, matched by section id: the newer
 * version's order first, then sections only the older one had. The text a reader sees is
 * compared word by word, so a change of formatting alone (bold, a list marker) is no change.
 */
export function compareSections(older: readonly PolicySection[], newer: readonly PolicySection[], locale: string): SectionChange[] {
  const before = new Map(older.map((section) => [section.id, section]));
  const after = new Set(newer.map((section) => section.id));
  const result: SectionChange[] = newer.map((section) => {
    const title = localize(section.title, locale);
    const body = markdownText(section.body);
    const old = before.get(section.id);
    if (!old) return { id: section.id, status: 'added', title, body: [{ kind: 'ins', text: body }] };
    const oldTitle = localize(old.title, locale);
    const oldBody = markdownText(old.body);
    const same = oldTitle === title && oldBody === body;
    return {
      id: section.id,
      status: same ? 'unchanged' : 'changed',
      title,
      ...(oldTitle === title ? {} : { titleDiff: parts(diffWords(oldTitle, title)) }),
      body: oldBody === body ? [{ kind: 'same', text: body }] : parts(diffWords(oldBody, body)),
    };
  });
  for (const section of older) {
    if (after.has(section.id)) continue;
    result.push({ id: section.id, status: 'removed', title: localize(section.title, locale), body: [{ kind: 'del', text: markdownText(section.body) }] });
  }
  return result;
}

/** Why an archived version could not be compared. */
export class RevisionLoadError extends Error {
  constructor(readonly detail: CandorErrorDetail) {
    super(detail.message);
  }
}

/**
 * Loads a revision's archived config from its `src` (JSON, checked like any config). Rejects
 * with a RevisionLoadError (HTTP error, not JSON, invalid config, no sections) and never
 * anything else.
 */
export async function loadRevision(revision: Revision, base = document.baseURI, fetcher: typeof fetch = fetch): Promise<CandorConfig> {
  const fail = (code: CandorErrorDetail['code'], message: string, problems?: string[]): never => {
    throw new RevisionLoadError({ code, message: `[candor] version ${revision.version}: ${message}`, ...(problems ? { problems } : {}) });
  };
  if (!revision.src) return fail('load', 'no archived copy (revision.src) to compare with');
  const url = new URL(revision.src, base).href;
  let response: Response;
  try {
    response = await fetcher(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (error) {
    return fail('load', `${url} could not be fetched (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!response.ok) return fail('load', `${url} answered HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return fail('load', `${url} is not valid JSON`);
  }
  const checked = validateConfig(json);
  if (!checked.ok || !checked.config) return fail('config', `${url} is not a valid Candor config`, checked.problems);
  if (!checked.config.policy.sections?.length) return fail('config', `${url} has no policy.sections to compare`);
  return checked.config;
}
