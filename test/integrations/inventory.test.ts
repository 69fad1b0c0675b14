// The storage inventory (standards E8): what a config says is kept on the device, and what a page
// was seen to keep that the inventory does not declare.
import { expect } from '@open-wc/testing';
import { CANDOR_JUSTIFICATION, storageInventory, unlistedStorage } from '../../src/index.js';
import type { CandorConfig } from '../../src/core/types.js';
import { validateConfig } from '../../src/core/validate.js';

function config(overrides: Partial<CandorConfig> = {}): CandorConfig {
  return {
    policy: { id: 'inv', version: '2026-01-01' },
    purposes: [
      { id: 'necessary', label: 'Strictly necessary', basis: 'necessary', cookies: ['sid'], justification: { en: 'Keeps you signed in.', fr: 'Vous garde connecté.' } },
      { id: 'analytics', label: 'Analytics', basis: 'consent', cookies: ['_ea', '/^_ea_\\d+$/i'], vendors: [{ name: 'Example Analytics', url: 'https://a.example' }] },
      { id: 'email', label: 'Email', basis: 'legitimate-interest' },
    ],
    ...overrides,
  };
}

describe('storageInventory', () => {
  it('lists Candor\'s own entry, then every cookie of every purpose with its basis, justification and vendors', () => {
    expect(validateConfig(config()).problems).to.deep.equal([]);
    expect(storageInventory(config())).to.deep.equal({
      policy: { id: 'inv', version: '2026-01-01' },
      items: [
        { name: 'candor:consent', pattern: false, storage: 'localStorage', purpose: null, basis: 'necessary', justification: CANDOR_JUSTIFICATION, vendors: [] },
        { name: 'sid', pattern: false, storage: 'cookie', purpose: 'necessary', basis: 'necessary', justification: 'Keeps you signed in.', vendors: [] },
        { name: '_ea', pattern: false, storage: 'cookie', purpose: 'analytics', basis: 'consent', vendors: ['Example Analytics'] },
        { name: '/^_ea_\\d+$/i', pattern: true, storage: 'cookie', purpose: 'analytics', basis: 'consent', vendors: ['Example Analytics'] },
      ],
    });
  });

  it('follows the config\'s storage (cookie: candor_consent; memory: nothing on the device) and the locale', () => {
    expect(storageInventory(config({ storage: 'cookie' })).items[0]).to.include({ name: 'candor_consent', storage: 'cookie' });
    expect(storageInventory(config({ storage: 'memory' })).items.map((item) => item.name)).to.deep.equal(['sid', '_ea', '/^_ea_\\d+$/i']);
    expect(storageInventory(config(), { locale: 'fr-CA' }).items[1]!.justification).to.equal('Vous garde connecté.');
  });

  it('names the adapter a page really uses (another key, a server: none)', () => {
    expect(storageInventory(config(), { candor: { storage: 'localStorage', name: 'acme:consent' } }).items[0]).to.include({ name: 'acme:consent' });
    expect(storageInventory(config(), { candor: null }).items[0]!.purpose).to.equal('necessary');
  });
});

describe('unlistedStorage', () => {
  it('returns what the page keeps that no entry covers, by exact name or pattern', () => {
    const inventory = storageInventory(config());
    expect(unlistedStorage(inventory, { cookies: ['sid', '_ea', '_EA_12', '_ea_x', 'tracker'], localStorage: ['candor:consent', 'other'] })).to.deep.equal({
      cookies: ['_ea_x', 'tracker'],
      localStorage: ['other'],
    });
    expect(unlistedStorage(inventory, {})).to.deep.equal({ cookies: [], localStorage: [] });
  });

  it('a cookie never covers a localStorage key of the same name, nor the reverse', () => {
    const inventory = storageInventory(config());
    expect(unlistedStorage(inventory, { cookies: ['candor:consent'], localStorage: ['sid'] })).to.deep.equal({ cookies: ['candor:consent'], localStorage: ['sid'] });
  });
});
