// Demo page wiring (external file: the demo runs under a strict CSP with no inline script).
{
const params = new URLSearchParams(location.search);
for (const name of ['gpc', 'dnt']) {
  const box = document.getElementById(`emulate-${name}`);
  if (!box) continue;
  box.checked = params.get(name) === '1';
  box.addEventListener('change', () => {
    const next = new URLSearchParams(location.search);
    if (box.checked) next.set(name, '1');
    else next.delete(name);
    location.search = next.toString();
  });
}
document.getElementById('forget')?.addEventListener('click', () => {
  localStorage.removeItem('candor:consent');
  location.reload();
});
// Pretend this visitor last decided in January 2026, under the 2025-04-14 policy: two material
// changes since then make a change notice, and analytics (re-asked by 2026-09-01) is asked again.
document.getElementById('returning')?.addEventListener('click', () => {
  const at = '2026-01-15T10:00:00.000Z';
  const choice = (granted) => ({ granted, source: 'user', at, signals: { gpc: false, dnt: false } });
  localStorage.setItem('candor:consent', JSON.stringify({
    schema: 1, policyId: 'larkspur-privacy', policyVersion: '2025-04-14', acknowledgedVersion: '2025-04-14',
    choices: { analytics: choice(true), advertising: choice(false), 'sale-share': choice(true), 'marketing-email': choice(true) },
    updatedAt: at, expiresAt: '2026-12-20T10:00:00.000Z', records: [],
  }));
  location.reload();
});
const log = document.getElementById('events');
for (const type of ['candor-ready', 'candor-change', 'candor-error']) {
  window.addEventListener(type, (event) => {
    if (!log) return;
    const item = document.createElement('li');
    const { detail } = event;
    item.textContent = `${type}${detail.changed ? `: ${detail.changed.join(', ')} (${detail.origin})` : ''}${detail.message ? `: ${detail.message}` : ''}`;
    log.prepend(item);
  });
}
}
