import { css, unsafeCSS } from 'lit';

/**
 * The colour tokens. Each `--candor-*` custom property falls back to the Atlassian design token
 * (`--ds-*`), then to a built-in value for light and dark: `light-dark()` follows the element's
 * `color-scheme` (the root's `theme` attribute, else the system).
 */
const colourTokens = css`
  :host {
    --_bg: var(--candor-background, var(--ds-surface-overlay, light-dark(#fff, #22272b)));
    --_fg: var(--candor-color, var(--ds-text, light-dark(#172b4d, #dee4ea)));
    --_muted: var(--candor-color-subtle, var(--ds-text-subtle, light-dark(#44546f, #9fadbc)));
    --_line: var(--candor-border-color, var(--ds-border, light-dark(#8590a2, #738496)));
    --_button: var(--candor-button-background, var(--ds-background-neutral, light-dark(#e9ebee, #2c333a)));
    --_button-fg: var(--candor-button-color, var(--ds-text, light-dark(#172b4d, #dee4ea)));
    --_accent: var(--candor-accent, var(--ds-background-brand-bold, light-dark(#0c66e4, #579dff)));
    --_on-accent: var(--candor-on-accent, var(--ds-text-inverse, light-dark(#fff, #1d2125)));
    --_link: var(--candor-link-color, var(--ds-link, light-dark(#0c66e4, #85b8ff)));
    --_focus: var(--candor-focus-color, var(--ds-border-focused, light-dark(#0c66e4, #85b8ff)));
    --_shadow: var(--candor-shadow, var(--ds-shadow-overlay, 0 4px 16px light-dark(#091e4240, #00000080)));
  }
`;

/**
 * The same tokens for browsers without `light-dark()` (Safari before 17.5), which would drop every
 * colour and draw the banner transparent: the light values, and the dark ones under
 * `prefers-color-scheme: dark`. Made from `colourTokens`, so the two cannot disagree.
 */
function resolved(which: 'light' | 'dark'): ReturnType<typeof unsafeCSS> {
  return unsafeCSS(colourTokens.cssText.replace(/light-dark\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)/g, which === 'light' ? '$1' : '$2'));
}

/** Shared tokens and controls of every Candor element. */
export const base = css`
  ${colourTokens}
  @supports not (color: light-dark(#000, #fff)) {
    ${resolved('light')}
    @media (prefers-color-scheme: dark) {
      ${resolved('dark')}
    }
  }
  :host {
    --_radius: var(--candor-radius, var(--ds-border-radius, 6px));
    --_gap: var(--candor-gap, var(--ds-space-150, 0.75rem));
    --_duration: var(--candor-duration, 160ms);
    font: var(--candor-font, var(--ds-font-body, 0.875rem/1.43 system-ui, sans-serif));
    color: var(--_fg);
    color-scheme: inherit;
  }
  [hidden] {
    display: none !important;
  }
  a {
    color: var(--_link);
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0.375rem 1rem;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_button);
    color: var(--_button-fg);
    font-weight: 600;
    cursor: pointer;
  }
  button:hover {
    filter: brightness(0.95);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
  }
`;
