// Shared fixtures of the Node tests of dist/forge.js (not a test file itself: no `.test.` in its name).

export const NOW = Date.parse('2026-03-01T12:00:00.000Z');
export const NOW_ISO = new Date(NOW).toISOString();
export const ACCOUNT = '557058:f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
export const OTHER = '5b10ac8d82e05b22cc7d4ef5';

/** The config's purposes, as `consentHandlers` receives them. */
export const PURPOSES = [
  { id: 'essential', basis: 'necessary', label: 'Essential' },
  { id: 'analytics', basis: 'consent', signals: ['gpc'] },
  { id: 'advertising', basis: 'consent', signals: ['gpc', 'dnt'] },
  { id: 'personalisation', basis: 'legitimate-interest' },
];

const NO_SIGNALS = () => ({ gpc: false, dnt: false });

export function choice(granted, overrides = {}) {
  return { granted, source: 'user', at: '2026-02-01T10:00:00.000Z', signals: NO_SIGNALS(), ...overrides };
}

export function record(n, overrides = {}) {
  return {
    recordId: `rec-${n}`,
    schema: 1,
    at: new Date(Date.parse('2026-02-01T10:00:00.000Z') + n * 60_000).toISOString(),
    policy: { id: 'acme-privacy', version: '2026-01-15' },
    method: 'save',
    choices: { essential: true, analytics: true, advertising: false, personalisation: true },
    signals: NO_SIGNALS(),
    locale: 'en-US',
    ...overrides,
  };
}

/** A state the core could have written. */
export function state(overrides = {}) {
  return {
    schema: 1,
    policyId: 'acme-privacy',
    policyVersion: '2026-01-15',
    acknowledgedVersion: '2026-01-15',
    choices: { analytics: choice(true), advertising: choice(false) },
    updatedAt: '2026-02-01T10:00:00.000Z',
    expiresAt: '2026-08-02T10:00:00.000Z',
    records: [record(1)],
    ...overrides,
  };
}

/** An in-memory key-value store that keeps JSON copies (like KVS) and logs every call. */
export function memoryStore() {
  const data = new Map();
  const calls = [];
  return {
    data,
    calls,
    async get(key) {
      calls.push(['get', key]);
      return data.has(key) ? JSON.parse(data.get(key)) : undefined;
    },
    async set(key, value) {
      calls.push(['set', key]);
      data.set(key, JSON.stringify(value));
    },
    async delete(key) {
      calls.push(['delete', key]);
      data.delete(key);
    },
    /** Writes a raw value, bypassing the handlers. */
    put(key, value) {
      data.set(key, JSON.stringify(value));
    },
    read(key) {
      return data.has(key) ? JSON.parse(data.get(key)) : undefined;
    },
    writes() {
      return calls.filter(([op]) => op !== 'get');
    },
  };
}

/** A store whose every call fails with an internal-looking message that must never reach the caller. */
export const SECRET = 'KVS-INTERNAL: tenant 7f3a secret token=abc123';
export function failingStore({ sync = false } = {}) {
  const fail = () => {
    if (sync) throw new Error(SECRET);
    return Promise.reject(Object.assign(new Error(SECRET), { code: 'RATE_LIMIT_EXCEEDED', responseDetails: { status: 429 } }));
  };
  return { get: fail, set: fail, delete: fail };
}

/** A resolver request as @forge/resolver passes it. */
export function request(payload, context = { accountId: ACCOUNT, accountType: 'licensed' }) {
  return { payload, context };
}

export const key = (accountId = ACCOUNT, scope = 'default') => `candor:v1:consent:${accountId}:${scope}`;
