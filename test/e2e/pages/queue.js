// Page code that runs BEFORE candor.min.js: it queues work, subscribes, and listens for events.
window.__seen = { queued: [], changes: [], events: [], ready: 0 };
(window.candorQueue ||= []).push(async (candor) => {
  window.__seen.queued.push(typeof candor.granted);
  await candor.ready;
  window.__seen.queued.push(candor.granted('analytics'));
  await candor.subscribe((state, detail) => {
    window.__seen.changes.push({ analytics: state.choices.analytics.granted, changed: detail.changed, origin: detail.origin });
  });
});
addEventListener('candor-ready', () => window.__seen.ready++);
addEventListener('candor-change', (event) => {
  const { changed, origin, saved, recordId } = event.detail;
  window.__seen.events.push({ changed, origin, saved, hasRecord: typeof recordId === 'string' });
});
