// Gated without a nonce on a nonce-based page: must never run.
window.__noNonceRan = true;
