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
