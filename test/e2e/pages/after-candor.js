// Runs right after candor.min.js, before its config has loaded: what a Google tag placed here would see.
window.__dataLayerAtNextScript = (window.dataLayer || []).map((entry) => Array.from(entry));
