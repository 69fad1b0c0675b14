import { cookiePattern } from './cookie-pattern.js';
import { isObject } from './json.js';
import { parseIso } from './time.js';
import {
  BASES,
  CONSENT_TYPES,
  MAX_EXPIRES_AFTER_DAYS,
  MAX_ID_LENGTH,
  SIGNAL_NAMES,
  type CandorConfig,
} from './types.js';

/**
 * The outcome of `validateConfig`: every problem with the path of its field. Checking `ok`
 * narrows it: `config` is there exactly when `ok` is true.
 */
export type ConfigValidation =
  | {
      /** No problem (warnings allowed). */
      ok: true;
      /** The input, typed. */
      config: CandorConfig;
      problems: string[];
      /** Unknown keys and other things that do not stop the config from loading. */
      warnings: string[];
    }
  | {
      ok: false;
      config?: undefined;
      /** `purposes[1].basis: expected "necessary" | "consent" | "legitimate-interest", got "maybe"` */
      problems: string[];
      warnings: string[];
    };

type Json = Record<string, unknown>;

const ROOT_KEYS = ['policy', 'purposes', 'signals', 'storage', 'host', 'consentMode', 'locale', 'messages', 'expiresAfterDays', '$schema'];
const HOST_CATEGORIES = ['strictlyNecessary', 'functional', 'analytics', 'marketing'];

/** What a config's `storage` (and `<candor-consent storage>`) may name. @internal */
export const STORAGE_KINDS = ['local', 'memory', 'cookie'];
const SIGNAL_MODES = ['honor', 'ignore'];

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (isObject(value)) return 'an object';
  return String(value); // null too
}


/** `"a" | "b"`: the options a field may take, for a message. @internal */
export function oneOf(options: readonly string[]): string {
  return options.map((option) => JSON.stringify(option)).join(' | ');
}

/** Collects problems and warnings while walking the config. */
class Checker {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  expected(path: string, what: string, got: unknown): void {
    this.fail(path, `expected ${what}, got ${describe(got)}`);
  }

  unknownKeys(path: string, value: Json, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.warnings.push(`${path ? `${path}.` : ''}${key}: unknown key, ignored`);
    }
  }

  object(path: string, value: unknown, required: boolean): value is Json {
    if (value === undefined && !required) return false;
    if (isObject(value)) return true;
    this.expected(path, 'an object', value);
    return false;
  }

  array(path: string, value: unknown, required: boolean): value is unknown[] {
    if (value === undefined && !required) return false;
    if (Array.isArray(value)) return true;
    this.expected(path, 'an array', value);
    return false;
  }

  string(path: string, value: unknown, required: boolean, maxLength = Infinity): value is string {
    if (value === undefined && !required) return false;
    if (typeof value !== 'string' || value.trim() === '') {
      this.expected(path, 'a non-empty string', value);
      return false;
    }
    if (value.length > maxLength) {
      this.fail(path, `expected at most ${maxLength} characters, got ${value.length}`);
      return false;
    }
    return true;
  }

  id(path: string, value: unknown, required: boolean): value is string {
    return this.string(path, value, required, MAX_ID_LENGTH);
  }

  date(path: string, value: unknown, required: boolean): number | undefined {
    if (value === undefined && !required) return undefined;
    const ms = parseIso(value);
    if (ms === undefined) this.expected(path, 'an ISO 8601 date such as "2026-03-01"', value);
    return ms;
  }

  boolean(path: string, value: unknown): void {
    if (value !== undefined && typeof value !== 'boolean') this.expected(path, 'true or false', value);
  }

  /** A string, or an object of one non-empty string per locale. */
  localized(path: string, value: unknown, required: boolean): void {
    if (value === undefined && !required) return;
    if (typeof value === 'string' && value.trim() !== '') return;
    if (isObject(value) && Object.keys(value).length > 0) {
      for (const [locale, text] of Object.entries(value)) {
        if (typeof text !== 'string' || text.trim() === '') this.expected(`${path}.${locale}`, 'a non-empty string', text);
      }
      return;
    }
    this.expected(path, 'a non-empty string or an object of strings per locale', value);
  }

  url(path: string, value: unknown, required: boolean): void {
    if (!this.string(path, value, required)) return;
    // Read the scheme as a browser would: URL parsers drop leading C0 controls and spaces and
    // every tab and newline, so " javascript:…" and "java\tscript:…" are javascript: URLs.
    const parsed = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(parsed)?.[1].toLowerCase();
    if (scheme !== undefined && scheme !== 'https' && scheme !== 'http' && scheme !== 'mailto') {
      this.fail(path, `expected an https, http, mailto or relative URL, got ${describe(value)}`);
    }
  }
}

/** Checks one field; `path` is the field's own path. */
type Rule = (c: Checker, path: string, value: unknown) => void;

const optional = false;
const required = true;
const idRule = (need: boolean): Rule => (c, path, value) => void c.id(path, value, need);
const textRule = (need: boolean): Rule => (c, path, value) => c.localized(path, value, need);
const stringRule = (need: boolean): Rule => (c, path, value) => void c.string(path, value, need);
const dateRule = (need: boolean): Rule => (c, path, value) => void c.date(path, value, need);
const urlRule: Rule = (c, path, value) => c.url(path, value, optional);
const booleanRule: Rule = (c, path, value) => c.boolean(path, value);
const skip: Rule = () => undefined;

/** An object with known fields: unknown keys warn, each known field is checked in order. */
function shape(c: Checker, path: string, value: unknown, need: boolean, rules: Record<string, Rule>): value is Json {
  if (!c.object(path, value, need)) return false;
  c.unknownKeys(path, value, Object.keys(rules));
  for (const [key, rule] of Object.entries(rules)) rule(c, `${path}.${key}`, value[key]);
  return true;
}

/** Each item of an optional (or required) array. */
function each(c: Checker, path: string, value: unknown, need: boolean, check: (item: unknown, path: string) => void): value is unknown[] {
  if (!c.array(path, value, need)) return false;
  value.forEach((item, index) => check(item, `${path}[${index}]`));
  return true;
}

/** A string id that must be unique among its siblings. */
function uniqueId(c: Checker, path: string, value: unknown, seen: Set<string>, what: string): value is string {
  if (!c.id(path, value, required)) return false;
  if (seen.has(value)) c.fail(path, `duplicate ${what} ${describe(value)}`);
  seen.add(value);
  return true;
}

function checkPolicy(c: Checker, policy: unknown, purposeIds: ReadonlySet<string>): void {
  shape(c, 'policy', policy, required, {
    id: idRule(required),
    title: textRule(optional),
    version: idRule(required),
    effective: dateRule(optional),
    summary: textRule(optional),
    url: urlRule,
    controller: (c, path, value) => {
      shape(c, path, value, optional, {
        name: stringRule(required),
        email: (c, path, email) => {
          if (c.string(path, email, optional) && !/^[^\s@]+@[^\s@]+$/.test(email)) c.expected(path, 'an email address', email);
        },
        address: stringRule(optional),
        url: urlRule,
      });
    },
    sections: (c, path, value) => {
      const seen = new Set<string>();
      each(c, path, value, optional, (section, path) => {
        shape(c, path, section, required, {
          id: (c, path, id) => {
            if (!c.id(path, id, required)) return;
            if (!/^[A-Za-z][\w-]*$/.test(id)) c.fail(path, `expected letters, digits, "-" or "_" starting with a letter, got ${describe(id)}`);
            if (seen.has(id)) c.fail(path, `duplicate section id ${describe(id)}`);
            seen.add(id);
          },
          title: textRule(required),
          body: (c, path, body) => {
            if (typeof body !== 'string') c.expected(path, 'a Markdown string', body);
          },
        });
      });
    },
    revisions: (c, path, value) => checkRevisions(c, path, value, purposeIds),
  });
  if (isObject(policy) && Array.isArray(policy.revisions) && typeof policy.version === 'string' && policy.revisions.length > 0) {
    const listed = policy.revisions.some((revision) => isObject(revision) && revision.version === policy.version);
    if (!listed) c.warnings.push(`policy.version: ${describe(policy.version)} is not listed in policy.revisions`);
  }
}

function checkRevisions(c: Checker, path: string, value: unknown, purposeIds: ReadonlySet<string>): void {
  const seen = new Set<string>();
  let previous: { effective: number; path: string } | undefined;
  each(c, path, value, optional, (revision, path) => {
    let effective: number | undefined;
    let noticeFrom: number | undefined;
    shape(c, path, revision, required, {
      version: (c, path, version) => void uniqueId(c, path, version, seen, 'version'),
      effective: (c, path, date) => {
        effective = c.date(path, date, required);
      },
      noticeFrom: (c, path, date) => {
        noticeFrom = c.date(path, date, optional);
      },
      material: booleanRule,
      summary: textRule(optional),
      purposes: (c, path, ids) => {
        each(c, path, ids, optional, (id, path) => {
          if (c.id(path, id, required) && !purposeIds.has(id)) c.fail(path, `unknown purpose ${describe(id)}`);
        });
      },
      href: urlRule,
      src: urlRule,
    });
    if (effective !== undefined && noticeFrom !== undefined && noticeFrom > effective) c.fail(`${path}.noticeFrom`, 'must not be later than effective');
    if (effective === undefined) return;
    if (previous && effective > previous.effective) {
      c.fail(`${path}.effective`, `revisions must be newest first, but this one is newer than ${previous.path}`);
    }
    previous = { effective, path };
  });
}

/** Purpose ids, and those of the legitimate-interest purposes among them. */
interface PurposeIds {
  ids: Set<string>;
  li: Set<string>;
}

/** Storing or reading on a device needs consent unless strictly necessary (standards E7). */
const NEEDS_CONSENT = ' need consent (ePrivacy Art. 5(3)), not legitimate interest';

function checkPurposes(c: Checker, purposes: unknown): PurposeIds {
  const ids = new Set<string>();
  const li = new Set<string>();
  const listed = each(c, 'purposes', purposes, required, (purpose, path) => {
    const basis = isObject(purpose) ? purpose.basis : undefined;
    const hasCookies = isObject(purpose) && Array.isArray(purpose.cookies) && purpose.cookies.length > 0;
    shape(c, path, purpose, required, {
      id: (c, path, id) => {
        // "constructor", "__proto__", "toString": every object already has them, so a choice would seem stored.
        if (basis === 'legitimate-interest' && !ids.has(id as string)) li.add(id as string); // a duplicate's basis is not the first one's
        if (!uniqueId(c, path, id, ids, 'purpose id')) return;
        if (id in {}) c.fail(path, `${describe(id)} is reserved in JavaScript`);
        // Elements name each switch by `aria-labelledby="p-<id>-label"`: a space would split that reference.
        if (/\s/.test(id)) c.fail(path, `expected no spaces, got ${describe(id)}`);
      },
      basis: (c, path) => {
        if (!BASES.includes(basis as never)) c.expected(path, oneOf(BASES), basis);
      },
      label: textRule(basis === 'consent'),
      description: textRule(optional),
      signals: (c, path, signals) => {
        const ok = each(c, path, signals, optional, (signal, path) => {
          if (!SIGNAL_NAMES.includes(signal as never)) c.expected(path, `a known signal (${oneOf(SIGNAL_NAMES)})`, signal);
        });
        if (ok && basis === 'necessary' && signals.length > 0) c.fail(path, 'a necessary purpose cannot be denied by a signal');
      },
      vendors: (c, path, vendors) => {
        each(c, path, vendors, optional, (vendor, path) => void shape(c, path, vendor, required, { name: stringRule(required), url: urlRule }));
      },
      // Standards E8: a strictly necessary cookie needs a written reason (shown in the preference centre).
      justification: (c, path, value) => {
        if (value === undefined && basis === 'necessary' && hasCookies) c.fail(path, 'required for necessary cookies');
        else c.localized(path, value, optional);
      },
      cookies: (c, path, cookies) => {
        if (hasCookies && li.has((purpose as Json).id as string)) c.fail(path, `cookies${NEEDS_CONSENT}`);
        each(c, path, cookies, optional, (cookie, path) => {
          if (!c.string(path, cookie, required)) return;
          const pattern = cookiePattern(cookie);
          if (!pattern) return;
          try {
            new RegExp(...pattern);
          } catch {
            c.fail(path, `invalid regular expression ${describe(cookie)}`);
          }
        });
      },
    });
  });
  if (listed && purposes.length === 0) c.fail('purposes', 'expected at least one purpose');
  return { ids, li };
}

/** An object of free keys, each checked by `check`. */
function entries(c: Checker, path: string, value: unknown, check: (key: string, item: unknown, path: string) => void): void {
  if (c.object(path, value, optional)) for (const [key, item] of Object.entries(value)) check(key, item, `${path}.${key}`);
}

function checkRest(c: Checker, config: Json, { ids: purposeIds, li }: PurposeIds): void {
  entries(c, 'signals', config.signals, (name, mode, path) => {
    if (!SIGNAL_NAMES.includes(name as never)) c.fail(path, `unknown signal (known: ${oneOf(SIGNAL_NAMES)})`);
    else if (!SIGNAL_MODES.includes(mode as string)) c.expected(path, oneOf(SIGNAL_MODES), mode);
  });
  if (config.storage !== undefined && !STORAGE_KINDS.includes(config.storage as string)) {
    c.expected('storage', oneOf(STORAGE_KINDS), config.storage);
  }
  shape(c, 'host', config.host, optional, {
    cookieCategories: (c, path, categories) =>
      entries(c, path, categories, (category, id, path) => {
        if (!HOST_CATEGORIES.includes(category)) c.fail(path, `unknown host category (known: ${oneOf(HOST_CATEGORIES)})`);
        else if (c.id(path, id, required) && !purposeIds.has(id)) c.fail(path, `unknown purpose ${describe(id)}`);
        else if (li.has(id as string)) c.fail(path, `cookie categories${NEEDS_CONSENT}`);
      }),
  });
  shape(c, 'consentMode', config.consentMode, optional, {
    map: (c, path, map) =>
      entries(c, path, map, (id, types, path) => {
        if (!purposeIds.has(id)) c.fail(path, `unknown purpose ${describe(id)}`);
        else if (li.has(id)) c.fail(path, `Consent Mode types${NEEDS_CONSENT}`);
        each(c, path, types, required, (type, path) => {
          if (!CONSENT_TYPES.includes(type as never)) c.expected(path, `a consent type (${oneOf(CONSENT_TYPES)})`, type);
        });
      }),
    region: (c, path, region) =>
      void each(c, path, region, optional, (code, path) => {
        if (typeof code !== 'string' || !/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(code)) c.expected(path, 'a code such as "DE" or "US-CA"', code);
      }),
    waitForUpdate: (c, path, ms) => {
      if (ms !== undefined && !(Number.isInteger(ms) && (ms as number) >= 0)) c.expected(path, 'a whole number of ms from 0', ms);
    },
    adsDataRedaction: booleanRule,
    urlPassthrough: booleanRule,
  });
  if (config.locale !== undefined) c.string('locale', config.locale, required, 35);
  entries(c, 'messages', config.messages, (_locale, table, path) => {
    if (!c.object(path, table, required)) return;
    for (const [key, text] of Object.entries(table)) {
      // Empty would render a nameless button: a key to change is given a text, else left out.
      if (typeof text !== 'string' || text === '') c.expected(`${path}.${key}`, 'a non-empty string', text);
    }
  });
  const days = config.expiresAfterDays;
  if (days !== undefined) {
    if (!Number.isInteger(days) || (days as number) < 1) { // isInteger: a number, too
      c.expected('expiresAfterDays', 'a whole number of days from 1', days);
    } else if ((days as number) > MAX_EXPIRES_AFTER_DAYS) {
      c.fail('expiresAfterDays', `expected at most ${MAX_EXPIRES_AFTER_DAYS} (13 months), got ${days}`);
    }
  }
}

/**
 * Checks a config (parsed JSON or a JS object) against the contract. Never throws: every
 * problem is returned with the path of the bad field; unknown keys are warnings so that
 * configs written for a newer Candor still load.
 */
export function validateConfig(input: unknown): ConfigValidation {
  const c = new Checker();
  if (isObject(input)) {
    c.unknownKeys('', input, ROOT_KEYS);
    const purposeIds = checkPurposes(c, input.purposes);
    checkPolicy(c, input.policy, purposeIds.ids);
    checkRest(c, input, purposeIds);
  } else {
    c.expected('config', 'an object', input);
  }
  const { problems, warnings } = c;
  const ok = problems.length === 0;
  return ok ? { ok, config: input as CandorConfig, problems, warnings } : { ok, problems, warnings };
}
