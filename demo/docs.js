// docs.html: shows one page of docs/ (plain Markdown, fetched from the dev server) through
// <candor-policy>, whose renderer parses Markdown with marked and sanitises it (Element.setHTML,
// else DOMPurify) under this page's strict CSP. Each "## " heading becomes a section, so the
// policy's table of contents is the page's. Links between docs pages stay in this viewer;
// other relative links point at the raw files.
const PAGES = [...document.querySelectorAll('#docs-pages a')].map((link) => new URLSearchParams(link.search).get('page'));
const wanted = new URLSearchParams(location.search).get('page');
const page = PAGES.includes(wanted) ? wanted : 'README';
const source = `/docs/${page}.md`;

for (const link of document.querySelectorAll('#docs-pages a')) {
  if (new URLSearchParams(link.search).get('page') === page) link.setAttribute('aria-current', 'page');
}
const note = document.getElementById('docs-source');
const raw = document.createElement('a');
raw.href = source;
raw.textContent = source;
note.append('Rendered from ', raw, ' (plain Markdown).');

/** A section id: letters, digits, "-", starting with a letter, at most 64 characters. */
const slug = (text, used) => {
  let id = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'section';
  if (!/^[a-z]/.test(id)) id = `s-${id}`;
  let unique = id;
  for (let n = 2; used.has(unique); n++) unique = `${id}-${n}`;
  used.add(unique);
  return unique;
};

/** Markdown link targets: docs pages → this viewer; other relative paths → the raw file. */
function rewriteLinks(markdown) {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole; // https:, mailto:
    if (target.startsWith('#')) return `](#candor-${target.slice(1)})`;
    const [path, fragment] = target.split('#');
    const doc = /^([a-z0-9-]+|README)\.md$/i.exec(path);
    if (doc && PAGES.includes(doc[1])) return `](?page=${doc[1]}${fragment ? `#candor-${fragment}` : ''})`;
    return `](${new URL(target, new URL(source, location.href)).pathname})`;
  });
}

/** The page as a policy config: the "# " title, and one section per "## " heading. */
function toConfig(markdown) {
  const lines = rewriteLinks(markdown).split('\n');
  const title = (lines[0].match(/^# (.+)/) ?? [, page])[1];
  const sections = [];
  const used = new Set();
  let current = { id: 'overview', title: 'Overview', body: [] };
  used.add('overview');
  let fenced = false;
  for (const line of lines.slice(lines[0].startsWith('# ') ? 1 : 0)) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^## (.+)/.exec(line);
    if (heading) {
      if (current.body.join('').trim()) sections.push(current);
      const text = heading[1].replace(/`/g, '');
      current = { id: slug(text, used), title: text, body: [] };
    } else current.body.push(line);
  }
  if (current.body.join('').trim()) sections.push(current);
  return {
    policy: { id: 'candor-docs', version: page, title, sections: sections.map((s) => ({ ...s, body: s.body.join('\n') })) },
    purposes: [{ id: 'necessary', label: 'Necessary', basis: 'necessary' }],
  };
}

const root = document.querySelector('candor-consent');
fetch(source)
  .then((response) => {
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    return response.text();
  })
  .then((markdown) => {
    root.config = toConfig(markdown);
  })
  .catch((error) => {
    note.append(` Could not load it: ${error.message}.`);
  });
