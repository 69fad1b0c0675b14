import { css, unsafeCSS } from 'lit';

/**
 * The colour tokens: `--_<name>` is `--candor-<candor>`, else the Atlassian token `--ds-<ds>`,
 * else a built-in light and dark value.
 */
const COLOURS: ReadonlyArray<readonly [name: string, candor: string, ds: string, light: string, dark: string]> = [
  ['bg', 'background', 'surface-overlay', '#fff', '#22272b'],
  ['fg', 'color', 'text', '#172b4d', '#dee4ea'],
  ['muted', 'color-subtle', 'text-subtle', '#44546f', '#9fadbc'],
  ['line', 'border-color', 'border', '#8590a2', '#738496'],
  ['button', 'button-background', 'background-neutral', '#e9ebee', '#2c333a'],
  ['button-fg', 'button-color', 'text', '#172b4d', '#dee4ea'],
  ['accent', 'accent', 'background-brand-bold', '#0c66e4', '#579dff'],
  ['on-accent', 'on-accent', 'text-inverse', '#fff', '#1d2125'],
  ['link', 'link-color', 'link', '#0c66e4', '#85b8ff'],
  ['focus', 'focus-color', 'border-focused', '#0c66e4', '#85b8ff'],
];
const SHADOW = ['#091e4240', '#00000080'] as const;

/** The colour declarations, with `pick` choosing the built-in value from the light and dark one. */
function colours(pick: (light: string, dark: string) => string): string {
  const tokens = COLOURS.map(([name, candor, ds, light, dark]) => `--_${name}:var(--candor-${candor},var(--ds-${ds},${pick(light, dark)}))`);
  return `${tokens.join(';')};--_shadow:var(--candor-shadow,var(--ds-shadow-overlay,0 4px 16px ${pick(...SHADOW)}))`;
}

/**
 * `light-dark()` follows the element's `color-scheme` (the `theme` attribute, else the system).
 * Browsers without it (Safari before 17.5) would drop every colour and draw the banner
 * transparent: they get the light values, and the dark ones under `prefers-color-scheme: dark`.
 */
const colourTokens = unsafeCSS(
  `:host{${colours((light, dark) => `light-dark(${light},${dark})`)}}` +
    `@supports not (color:light-dark(#000,#fff)){:host{${colours((light) => light)}}` +
    `@media (prefers-color-scheme:dark){:host{${colours((_light, dark) => dark)}}}}`,
);

/**
 * Shared tokens and controls of every Candor element. Each `--candor-*` custom property falls
 * back to the Atlassian design token (`--ds-*`), then to a built-in value for light and dark.
 */
export const base = css`
  ${colourTokens}
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
