// The policy renderer's weight stays off the banner's path (issue 4 item 6; DESIGN "Build outputs").
// Reads the BUILT files (run `npm run build` first; `npm test` does). The build itself also
// refuses to bundle marked, DOMPurify or jsdiff into candor.min.js / candor-ui.min.js (rollup.config.mjs).
import { expect } from '@open-wc/testing';

/** A string each library's bundled code keeps after minification. */
const MARKERS = {
  marked: 'markedjs/marked',
  dompurify: 'data-tt-policy-suffix',
  jsdiff: 'oneChangePerToken',
};

async function source(file: string): Promise<string> {
  const response = await fetch(`/dist/${file}`);
  expect(response.ok, `${file} exists (npm run build)`).to.equal(true);
  return response.text();
}

function present(code: string): string[] {
  return Object.entries(MARKERS).filter(([, marker]) => code.includes(marker)).map(([name]) => name);
}

describe('bundles: the policy renderer is not on the banner path', () => {
  it('candor.min.js and candor-ui.min.js hold no Markdown parser, sanitiser or diff', async () => {
    expect(present(await source('candor.min.js'))).to.deep.equal([]);
    expect(present(await source('candor-ui.min.js'))).to.deep.equal([]);
  });

  it('candor-policy.min.js holds marked and jsdiff; DOMPurify is in candor-purify.min.js, loaded only where needed', async () => {
    expect(present(await source('candor-policy.min.js'))).to.deep.equal(['marked', 'jsdiff']);
    expect(present(await source('candor-purify.min.js'))).to.deep.equal(['dompurify']);
  });

  it('candor.min.js knows where to find candor-policy.min.js', async () => {
    expect(await source('candor.min.js')).to.contain('candor-policy.min.js');
  });

  it('ships the optional stylesheet, with no rule outside .candor-policy', async () => {
    const css = await source('candor-policy.css');
    const selectors = css.replace(/\/\*[\s\S]*?\*\//g, '').match(/[^{}]+(?=\{)/g) ?? [];
    expect(selectors.length).to.be.greaterThan(5);
    for (const selector of selectors) expect(selector.trim(), selector).to.match(/^:where\(\.candor-policy/);
  });
});

describe('npm entry candor/policy (dist/policy/index.js)', () => {
  it('exports the element class and definePolicy; DOMPurify comes as its own module', async () => {
    const path = '/dist/policy/index.js';
    const mod = (await import(path)) as Record<string, unknown>;
    // Plain values only (chai must not serialise a module namespace).
    expect(typeof mod.CandorPolicyElement).to.equal('function');
    expect(typeof mod.definePolicy).to.equal('function');
    expect(typeof mod.signalStatements).to.equal('function');
    const sanitize = await (mod.sanitizer as (kind: string) => Promise<(html: string) => DocumentFragment>)('dompurify');
    const holder = document.createElement('div');
    holder.append(sanitize('<p>ok<img src=x onerror="window.__npmXss=1"></p>'));
    expect(holder.innerHTML).to.equal('<p>ok</p>');
  });
});
