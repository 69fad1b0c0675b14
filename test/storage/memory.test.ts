import { expect } from '@open-wc/testing';
import { memoryStorage } from '../../src/storage/index.js';
import { storageContract } from './contract.js';
import { makeState } from './fixtures.js';

storageContract('memoryStorage', () => ({ storage: memoryStorage() }));

describe('memoryStorage', () => {
  it('starts from a copy of `initial`', async () => {
    const initial = makeState();
    const storage = memoryStorage({ initial });
    initial.choices['analytics']!.granted = false;
    const loaded = await storage.load();
    expect(loaded).to.deep.equal(makeState());
    expect(loaded).not.to.equal(initial);
  });

  it('starts empty with `initial: null`', async () => {
    expect(await memoryStorage({ initial: null }).load()).to.equal(null);
  });

  it('keeps adapters apart', async () => {
    const a = memoryStorage();
    const b = memoryStorage();
    await a.save(makeState());
    expect(await b.load()).to.equal(null);
  });

  it('rejects a state that cannot be serialised, keeping the previous one', async () => {
    const storage = memoryStorage({ initial: makeState() });
    const cyclic = makeState() as unknown as Record<string, unknown>;
    cyclic['self'] = cyclic;
    let error: unknown;
    await storage.save(cyclic as never).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect(await storage.load()).to.deep.equal(makeState());
  });
});
