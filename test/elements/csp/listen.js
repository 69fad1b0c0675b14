// First script of the CSP fixture pages (same-origin, so the policy allows it): collects every
// CSP violation of the page into window.__violations.
window.__violations = [];
window.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.__violations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: event.sourceFile,
      line: event.lineNumber,
    });
  },
  true,
);
