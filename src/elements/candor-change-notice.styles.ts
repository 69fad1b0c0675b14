import { css } from 'lit';

// Compact on purpose: css`` text ships as written in candor-ui.min.js. "Review changes" is a
// link drawn like the "Got it" button (equal weight). On a small screen the notice is in the
// page's flow (at the top of <body>, where the script tag mounts it), not fixed: fixed, it and the
// banner a material change re-asks with would cover the whole viewport between them.
export const changeNoticeStyles = css`
:host{display:block;position:fixed;inset:0 0 auto 0;z-index:var(--candor-z-index,2147483000)}
:host([inline]){position:static}
@media (max-width:30rem),(max-height:30rem){:host{position:static}}
.shown{box-sizing:border-box;max-height:100vh;overflow:auto;margin:0 auto;max-width:var(--candor-notice-max-width,60rem);padding:var(--_gap) calc(var(--_gap)*1.5);background:var(--_bg);border:1px solid var(--_line);border-radius:var(--_radius);box-shadow:var(--_shadow)}
h2{margin:0 0 .25rem;font-size:1rem}
p,ul{margin:0 0 .25rem}
.date{color:var(--_muted)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:var(--_gap)}
.actions>*{flex:1 1 9rem;box-sizing:border-box}
a{display:inline-flex;align-items:center;justify-content:center;font-weight:600;min-height:2.25rem;padding:.375rem 1rem;border:1px solid var(--_line);border-radius:var(--_radius);background:var(--_button);color:var(--_button-fg);text-decoration:none}
`;
