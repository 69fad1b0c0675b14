// A gated script (data-candor-purpose="analytics"): counts its runs on this page load.
window.__gatedRuns = (window.__gatedRuns || 0) + 1;
