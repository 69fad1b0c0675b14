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
  .link {
    min-height: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_link);
    text-decoration: underline;
    font-weight: 400;
  }
  a + .link {
    margin-inline-start: 0.75rem;
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
  .after {
    position: fixed;
    inset: auto auto 0.75rem 0.75rem;
    max-width: calc(100vw - 1.5rem);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .after button {
    box-shadow: var(--_shadow);
  }
  .pending {
    margin: 0;
    padding: 0.5rem 0.75rem;
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  /* A short screen keeps page content visible above the banner (WCAG 2.4.11); the banner scrolls. */
  @media (max-height: 40rem) {
    section {
      max-height: 60vh;
    }
  }
`;
