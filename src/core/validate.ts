import { parseIso } from './time.js';
import {
  BASES,
  MAX_EXPIRES_AFTER_DAYS,
  MAX_ID_LENGTH,
  SIGNAL_NAMES,
  type CandorConfig,
} from './types.js';

/** The outcome of `validateConfig`: every problem with the path of its field. */
export interface ConfigValidation {
  /** True when there is no problem (warnings allowed). */
  ok: boolean;
  /** The input, typed, when `ok`. */
  config?: CandorConfig;
  /** `purposes[1].basis: expected "necessary" | "consent" | "legitimate-interest", got "maybe"` */
  problems: string[];
  /** Unknown keys and other things that do not stop the config from loading. */
  warnings: string[];
}

type Json = Record<string, unknown>;

const KNOWN = {
  root: ['policy', 'purposes', 'signals', 'storage', 'host', 'consentMode', 'locale', 'messages', 'expiresAfterDays', '$schema'],
  policy: ['id', 'title', 'version', 'effective', 'controller', 'summary', 'sections', 'url', 'revisions'],
  controller: ['name', 'email', 'address', 'url'],
  section: ['id', 'title', 'body'],
  revision: ['version', 'effective', 'material', 'noticeFrom', 'summary', 'purposes', 'href', 'src'],
  purpose: ['id', 'label', 'description', 'basis', 'signals', 'vendors', 'cookies'],
  vendor: ['name', 'url'],
  host: ['cookieCategories'],
  hostCategories: ['strictlyNecessary', 'functional', 'analytics', 'marketing'],
};

const STORAGE_KINDS = ['local', 'memory', 'cookie'];
const SIGNAL_MODES = ['honor', 'ignore'];

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf(options: readonly string[]): string {
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
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(parsed)?.[1]?.toLowerCase();
    if (scheme !== undefined && scheme !== 'https' && scheme !== 'http' && scheme !== 'mailto') {
      this.fail(path, `expected an https, http, mailto or relative URL, got ${describe(value)}`);
    }
  }
}

function checkPolicy(c: Checker, policy: unknown, purposeIds: ReadonlySet<string>): void {
  if (!c.object('policy', policy, true)) return;
  c.unknownKeys('policy', policy, KNOWN.policy);
  c.id('policy.id', policy.id, true);
  c.localized('policy.title', policy.title, false);
  c.id('policy.version', policy.version, true);
  c.date('policy.effective', policy.effective, false);
  c.localized('policy.summary', policy.summary, false);
  c.url('policy.url', policy.url, false);
  if (c.object('policy.controller', policy.controller, false)) {
    const controller = policy.controller;
    c.unknownKeys('policy.controller', controller, KNOWN.controller);
    c.string('policy.controller.name', controller.name, true);
    if (c.string('policy.controller.email', controller.email, false) && !/^[^\s@]+@[^\s@]+$/.test(controller.email)) {
      c.expected('policy.controller.email', 'an email address', controller.email);
    }
    c.string('policy.controller.address', controller.address, false);
    c.url('policy.controller.url', controller.url, false);
  }
  if (c.array('policy.sections', policy.sections, false)) {
    const seen = new Set<string>();
    policy.sections.forEach((section, i) => {
      const path = `policy.sections[${i}]`;
      if (!c.object(path, section, true)) return;
      c.unknownKeys(path, section, KNOWN.section);
      if (c.id(`${path}.id`, section.id, true)) {
        if (!/^[A-Za-z][\w-]*$/.test(section.id)) {
          c.fail(`${path}.id`, `expected letters, digits, "-" or "_" starting with a letter, got ${describe(section.id)}`);
        }
        if (seen.has(section.id)) c.fail(`${path}.id`, `duplicate section id ${describe(section.id)}`);
        seen.add(section.id);
      }
      c.localized(`${path}.title`, section.title, true);
      if (typeof section.body !== 'string') c.expected(`${path}.body`, 'a Markdown string', section.body);
    });
  }
  checkRevisions(c, policy, purposeIds);
}

function checkRevisions(c: Checker, policy: Json, purposeIds: ReadonlySet<string>): void {
  if (!c.array('policy.revisions', policy.revisions, false)) return;
  const seen = new Set<string>();
  let previous: { effective: number; path: string } | undefined;
  policy.revisions.forEach((revision, i) => {
    const path = `policy.revisions[${i}]`;
    if (!c.object(path, revision, true)) return;
    c.unknownKeys(path, revision, KNOWN.revision);
    if (c.id(`${path}.version`, revision.version, true)) {
      if (seen.has(revision.version)) c.fail(`${path}.version`, `duplicate version ${describe(revision.version)}`);
      seen.add(revision.version);
    }
    const effective = c.date(`${path}.effective`, revision.effective, true);
    const noticeFrom = c.date(`${path}.noticeFrom`, revision.noticeFrom, false);
    if (effective !== undefined && noticeFrom !== undefined && noticeFrom > effective) {
      c.fail(`${path}.noticeFrom`, 'must not be later than effective');
    }
    if (effective !== undefined) {
      if (previous && effective > previous.effective) {
        c.fail(`${path}.effective`, `revisions must be newest first, but this one is newer than ${previous.path}`);
      }
      previous = { effective, path };
    }
    c.boolean(`${path}.material`, revision.material);
    c.localized(`${path}.summary`, revision.summary, false);
    c.url(`${path}.href`, revision.href, false);
    c.url(`${path}.src`, revision.src, false);
    if (c.array(`${path}.purposes`, revision.purposes, false)) {
      revision.purposes.forEach((id, j) => {
        if (c.id(`${path}.purposes[${j}]`, id, true) && !purposeIds.has(id)) {
          c.fail(`${path}.purposes[${j}]`, `unknown purpose ${describe(id)}`);
        }
      });
    }
  });
  if (typeof policy.version === 'string' && policy.revisions.length > 0 && !seen.has(policy.version)) {
    c.warnings.push(`policy.version: ${describe(policy.version)} is not listed in policy.revisions`);
  }
}

function checkPurposes(c: Checker, purposes: unknown): Set<string> {
  const ids = new Set<string>();
  if (!c.array('purposes', purposes, true)) return ids;
  if (purposes.length === 0) c.fail('purposes', 'expected at least one purpose');
  purposes.forEach((purpose, i) => {
    const path = `purposes[${i}]`;
    if (!c.object(path, purpose, true)) return;
    c.unknownKeys(path, purpose, KNOWN.purpose);
    if (c.id(`${path}.id`, purpose.id, true)) {
      if (ids.has(purpose.id)) c.fail(`${path}.id`, `duplicate purpose id ${describe(purpose.id)}`);
      ids.add(purpose.id);
    }
    if (!BASES.includes(purpose.basis as never)) c.expected(`${path}.basis`, oneOf(BASES), purpose.basis);
    c.localized(`${path}.label`, purpose.label, purpose.basis === 'consent');
    c.localized(`${path}.description`, purpose.description, false);
    if (c.array(`${path}.signals`, purpose.signals, false)) {
      purpose.signals.forEach((signal, j) => {
        if (!SIGNAL_NAMES.includes(signal as never)) c.expected(`${path}.signals[${j}]`, `a known signal (${oneOf(SIGNAL_NAMES)})`, signal);
      });
      if (purpose.basis === 'necessary' && purpose.signals.length > 0) {
        c.fail(`${path}.signals`, 'a necessary purpose cannot be denied by a signal');
      }
    }
    if (c.array(`${path}.vendors`, purpose.vendors, false)) {
      purpose.vendors.forEach((vendor, j) => {
        const vendorPath = `${path}.vendors[${j}]`;
        if (!c.object(vendorPath, vendor, true)) return;
        c.unknownKeys(vendorPath, vendor, KNOWN.vendor);
        c.string(`${vendorPath}.name`, vendor.name, true);
        c.url(`${vendorPath}.url`, vendor.url, false);
      });
    }
    if (c.array(`${path}.cookies`, purpose.cookies, false)) {
      purpose.cookies.forEach((cookie, j) => {
        if (!c.string(`${path}.cookies[${j}]`, cookie, true)) return;
        const regex = /^\/(.+)\/([a-z]*)$/.exec(cookie);
        if (!regex) return;
        try {
          new RegExp(regex[1] ?? '', regex[2]);
        } catch {
          c.fail(`${path}.cookies[${j}]`, `invalid regular expression ${describe(cookie)}`);
        }
      });
    }
  });
  return ids;
}

function checkRest(c: Checker, config: Json, purposeIds: ReadonlySet<string>): void {
  if (c.object('signals', config.signals, false)) {
    for (const [name, mode] of Object.entries(config.signals)) {
      if (!SIGNAL_NAMES.includes(name as never)) c.fail(`signals.${name}`, `unknown signal (known: ${oneOf(SIGNAL_NAMES)})`);
      else if (!SIGNAL_MODES.includes(mode as string)) c.expected(`signals.${name}`, oneOf(SIGNAL_MODES), mode);
    }
  }
  if (config.storage !== undefined && !STORAGE_KINDS.includes(config.storage as string)) {
    c.expected('storage', oneOf(STORAGE_KINDS), config.storage);
  }
  if (c.object('host', config.host, false)) {
    c.unknownKeys('host', config.host, KNOWN.host);
    const categories = config.host.cookieCategories;
    if (c.object('host.cookieCategories', categories, false)) {
      for (const [category, id] of Object.entries(categories)) {
        const path = `host.cookieCategories.${category}`;
        if (!KNOWN.hostCategories.includes(category)) c.fail(path, `unknown host category (known: ${oneOf(KNOWN.hostCategories)})`);
        else if (c.id(path, id, true) && !purposeIds.has(id)) c.fail(path, `unknown purpose ${describe(id)}`);
      }
    }
  }
  c.object('consentMode', config.consentMode, false);
  if (config.locale !== undefined) c.string('locale', config.locale, true, 35);
  if (c.object('messages', config.messages, false)) {
    for (const [locale, table] of Object.entries(config.messages)) {
      if (!c.object(`messages.${locale}`, table, true)) continue;
      for (const [key, text] of Object.entries(table)) {
        if (typeof text !== 'string') c.expected(`messages.${locale}.${key}`, 'a string', text);
      }
    }
  }
  const days = config.expiresAfterDays;
  if (days !== undefined) {
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
      c.expected('expiresAfterDays', 'a whole number of days from 1', days);
    } else if (days > MAX_EXPIRES_AFTER_DAYS) {
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
  if (!isObject(input)) {
    c.expected('config', 'an object', input);
    return { ok: false, problems: c.problems, warnings: c.warnings };
  }
  c.unknownKeys('', input, KNOWN.root);
  const purposeIds = checkPurposes(c, input.purposes);
  checkPolicy(c, input.policy, purposeIds);
  checkRest(c, input, purposeIds);
  const ok = c.problems.length === 0;
  return ok
    ? { ok, config: input as unknown as CandorConfig, problems: c.problems, warnings: c.warnings }
    : { ok, problems: c.problems, warnings: c.warnings };
}
