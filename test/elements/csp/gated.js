// A gated external script of the CSP fixture pages: counts its runs.
window.__gatedExternal = (window.__gatedExternal || 0) + 1;
