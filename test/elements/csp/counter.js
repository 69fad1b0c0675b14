// A gated external script of script-gate.test.ts: counts its runs per page.
window.__counterRan = (window.__counterRan || 0) + 1;
