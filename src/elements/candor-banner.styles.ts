import { css } from 'lit';

export const bannerStyles = css`
  :host {
    display: block;
    position: fixed;
    inset: auto 0 0 0;
    z-index: var(--candor-z-index, 2147483000);
  }
  :host([inline]) {
    position: static;
  }
  section {
    box-sizing: border-box;
    max-height: 100vh;
    overflow: auto;
    margin: 0 auto;
    max-width: var(--candor-banner-max-width, 60rem);
    padding: var(--_gap) calc(var(--_gap) * 1.5);
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius) var(--_radius) 0 0;
    box-shadow: var(--_shadow);
  }
  h2 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  p {
    margin: 0 0 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: var(--_gap);
  }
  .actions button {
    flex: 1 1 9rem;
  }
  .reopen {
    position: fixed;
    inset: auto auto 0.75rem 0.75rem;
    box-shadow: var(--_shadow);
  }
`;
