// Config of @custom-elements-manifest/analyzer. `npm run cem` writes custom-elements.json from the
// JSDoc of src/elements/candor-*.ts (@summary, @slot, @event, @csspart, @cssproperty, @attr, @tag)
// and then docs/elements.md from it (scripts/docs-elements.mjs). `npm test` runs
// scripts/check-cem.mjs, which fails when either committed file is stale.
import { existsSync, readFileSync } from 'node:fs';

/**
 * What each shared token of src/elements/styles.ts means. Every Lit element uses those styles, so
 * each gets these tokens in the manifest, with the `--ds-*` fallback and the built-in default read
 * from styles.ts itself. A token added there without a line here fails the build of the manifest.
 */
const TOKEN_DESCRIPTIONS = {
  '--candor-background': 'Surface colour.',
  '--candor-color': 'Text colour.',
  '--candor-color-subtle': 'Secondary text colour (descriptions, notes).',
  '--candor-border-color': 'Border colour of buttons and boxes.',
  '--candor-button-background': 'Background of every button (all of equal weight).',
  '--candor-button-color': 'Text colour of every button.',
  '--candor-accent': 'Accent colour (a switch that is on).',
  '--candor-on-accent': 'Text and knob colour on the accent colour.',
  '--candor-link-color': 'Link colour.',
  '--candor-focus-color': 'Focus outline colour.',
  '--candor-radius': 'Corner radius.',
  '--candor-gap': 'Padding and spacing.',
  '--candor-shadow': 'Shadow of floating surfaces.',
  '--candor-duration': 'Transition duration (transitions are off under `prefers-reduced-motion`).',
  '--candor-font': 'Font shorthand.',
};

/**
 * `[{ name, fallback, default }]` for every `var(--candor-…, …)` in `text` (CSS in a TS file):
 * the `--ds-*` token it falls back to, if any, and the built-in value.
 */
export function candorTokens(text) {
  const tokens = [];
  const pattern = /var\((--candor-[a-z-]+)\s*,\s*/g;
  for (let match; (match = pattern.exec(text)); ) {
    // The fallback runs to the parenthesis that closes this var(.
    let depth = 1;
    let end = pattern.lastIndex;
    for (; end < text.length && depth > 0; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')') depth--;
    }
    let value = text.slice(pattern.lastIndex, end - 1).trim();
    let fallback = null;
    const ds = /^var\((--ds-[a-z0-9-]+)\s*(?:,\s*([\s\S]*))?\)$/.exec(value);
    if (ds) {
      fallback = ds[1];
      value = (ds[2] ?? '').trim();
    }
    if (!tokens.some((token) => token.name === match[1])) tokens.push({ name: match[1], fallback, default: value || null });
  }
  return tokens;
}

const source = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** Tidies the analyzer's output into the public API only. */
function candorPlugin() {
  /** Class name → its Lit `state: true` properties (internal state: neither attribute nor API). */
  const states = new Map();
  return {
    name: 'candor',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name?.getText() !== 'properties') continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const property of member.initializer.properties) {
          if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
          const isState = property.initializer.properties.some(
            (option) => ts.isPropertyAssignment(option) && option.name.getText() === 'state' && option.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) {
            if (!states.has(node.name.text)) states.set(node.name.text, new Set());
            states.get(node.name.text).add(property.name.getText());
          }
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const shared = candorTokens(source('./src/elements/styles.ts'));
      for (const token of shared) {
        if (!TOKEN_DESCRIPTIONS[token.name]) throw new Error(`custom-elements-manifest.config.mjs: describe the token ${token.name} in TOKEN_DESCRIPTIONS`);
      }
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.customElement) continue;
          // Public API only: no #private members, no fields the analyzer mistook (shadow root internals).
          const internal = states.get(declaration.name) ?? new Set();
          declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !internal.has(attribute.fieldName));
          declaration.members = (declaration.members ?? []).filter(
            (member) => !internal.has(member.name) && member.name && !member.name.startsWith('#') && member.privacy !== 'private' && member.privacy !== 'protected' && !member.static && member.name !== 'adoptedStyleSheets',
          );
          // HTMLElementBase (define-element.ts) is HTMLElement in a browser; a stand-in only in Node.
          if (declaration.superclass?.name === 'HTMLElementBase') declaration.superclass = { name: 'HTMLElement' };
          // Events: the documented ones (@event / @fires); not every dispatchEvent the analyzer guesses at.
          declaration.events = (declaration.events ?? []).filter((event) => event.description);
          // An attribute reflecting a same-named string property.
          for (const attribute of declaration.attributes ?? []) {
            const member = declaration.members.find((each) => each.name === attribute.name && each.kind === 'field');
            if (!attribute.fieldName && member && /\bstring\b/.test(member.type?.text ?? '')) {
              attribute.fieldName = member.name;
              member.attribute = attribute.name;
            }
          }
          // Built-in values of the documented tokens, read from the element's own styles.
          const own = candorTokens([mod.path, mod.path.replace(/\.ts$/, '.styles.ts')].map((path) => (existsSync(path) ? readFileSync(path, 'utf8') : '')).join('\n'));
          for (const property of declaration.cssProperties ?? []) {
            const token = own.find((each) => each.name === property.name) ?? shared.find((each) => each.name === property.name);
            if (token?.default && property.default === undefined) property.default = token.default;
          }
          // The shared tokens, on every Lit element (they all use the shared styles).
          if (declaration.superclass?.name === 'LitElement') {
            const properties = (declaration.cssProperties ??= []);
            for (const token of shared) {
              if (properties.some((property) => property.name === token.name)) continue;
              const fallback = token.fallback ? ` Falls back to \`${token.fallback}\`.` : '';
              properties.push({ name: token.name, description: `${TOKEN_DESCRIPTIONS[token.name]}${fallback}`, default: token.default });
            }
          }
          if (declaration.tagName) {
            (mod.exports ??= []).push({
              kind: 'custom-element-definition',
              name: declaration.tagName,
              declaration: { name: declaration.name, module: mod.path },
            });
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/candor-*.ts'],
  exclude: ['src/**/*.define.ts', 'src/**/*.styles.ts', 'src/**/*.test.ts', 'test/**', 'test-node/**'],
  outdir: '.', // scripts/check-cem.mjs passes --outdir <a temporary directory>
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [candorPlugin()],
};
