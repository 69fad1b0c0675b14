import { css } from 'lit';

export const preferencesStyles = css`
  :host {
    display: block;
  }
  dialog {
    box-sizing: border-box;
    width: min(40rem, 100vw - 1rem);
    max-height: min(48rem, 100vh - 1rem);
    padding: 0;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
  }
  dialog::backdrop {
    background: var(--candor-backdrop, var(--ds-blanket, #091e427d));
  }
  .panel {
    padding: calc(var(--_gap) * 1.5);
  }
  :host([inline]) .panel {
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--_gap);
  }
  h2 {
    margin: 0 0 var(--_gap);
    font-size: 1.125rem;
  }
  .close {
    padding: 0.25rem 0.5rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li.purpose {
    padding: var(--_gap) 0;
    border-top: 1px solid var(--_line);
  }
  .row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
  }
  .name {
    font-weight: 600;
  }
  .desc,
  .vendors,
  .badge {
    margin: 0.25rem 0 0;
    color: var(--_muted);
  }
  .vendors ul {
    display: inline;
  }
  .vendors li {
    display: inline;
  }
  .vendors li + li::before {
    content: ', ';
  }
  [role='switch'] {
    position: relative;
    flex: none;
    width: 3rem;
    min-width: 3rem;
    height: 1.75rem;
    min-height: 1.75rem;
    padding: 0;
    border: 2px solid var(--_line);
    border-radius: 1rem;
    background: var(--_button);
    transition: background var(--_duration);
  }
  [role='switch']::after {
    content: '';
    position: absolute;
    top: 0.1875rem;
    left: 0.1875rem;
    width: 1.125rem;
    height: 1.125rem;
    border-radius: 50%;
    background: var(--_fg);
    transition: transform var(--_duration);
  }
  [role='switch'][aria-checked='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
  }
  [role='switch'][aria-checked='true']::after {
    background: var(--_on-accent);
    transform: translateX(1.25rem);
  }
  [role='switch']:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  @media (forced-colors: active) {
    [role='switch']::after {
      forced-color-adjust: none;
      background: ButtonText;
    }
    [role='switch'][aria-checked='true']::after {
      background: Highlight;
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: var(--_gap);
    padding-top: var(--_gap);
    border-top: 1px solid var(--_line);
  }
  .actions button {
    flex: 1 1 9rem;
  }
  .link {
    margin-top: var(--_gap);
    padding: 0;
    min-height: 1.5rem;
    border: 0;
    background: none;
    color: var(--_link);
    text-decoration: underline;
    font-weight: 400;
  }
  .records {
    display: block;
    margin: var(--_gap) 0 0.5rem;
  }
  .records textarea {
    box-sizing: border-box;
    display: block;
    width: 100%;
    margin-top: 0.25rem;
    font: 0.75rem/1.4 ui-monospace, monospace;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .status {
    min-height: 1.25rem;
    margin: var(--_gap) 0 0;
  }
  .status:empty {
    margin: 0;
  }
  :host(:not([inline])) .status {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
