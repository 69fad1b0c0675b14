// forgeStorage (dist/storage/forge.js, the npm build's module: no bare imports) with a fake `invoke`
// whose behaviour the test switches through window.__backend.mode: "ok", "reject" or "hang". What the fake
// resolver stores survives a reload (sessionStorage stands in for the Forge KVS).
import { forgeStorage } from '/dist/storage/forge.js';

const KVS = 'e2e-fake-forge-kvs';
const backend = (window.__backend = { mode: 'ok', stored: JSON.parse(sessionStorage.getItem(KVS) ?? 'null'), calls: [] });

function invoke(key, payload) {
  backend.calls.push({ key, mode: backend.mode });
  if (backend.mode === 'reject') return Promise.reject(new Error('resolver unavailable (fake)'));
  if (backend.mode === 'hang') return new Promise(() => {});
  if (key === 'candor.consent.get') return Promise.resolve({ state: backend.stored });
  if (key === 'candor.consent.set') {
    backend.stored = JSON.parse(JSON.stringify({ ...payload.state, updatedAt: new Date().toISOString() }));
    sessionStorage.setItem(KVS, JSON.stringify(backend.stored));
    return Promise.resolve({ ok: true, state: backend.stored });
  }
  if (key === 'candor.consent.delete') {
    backend.stored = null;
    sessionStorage.removeItem(KVS);
    return Promise.resolve({ ok: true });
  }
  return Promise.resolve({ ok: false, error: 'invalid' });
}

const root = document.querySelector('candor-consent');
const config = await (await fetch('/e2e/config.json')).json();
root.storage = forgeStorage({ invoke, timeoutMs: 1000 });
root.config = config;
