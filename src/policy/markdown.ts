import { Marked, type Token } from 'marked';
import { stripStyleAttributes } from './strip-style.js';

/** Markdown bodies: GitHub-flavoured, headings shifted below the element's own h2 (h1 → h3). */
const markdown = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  walkTokens(token: Token) {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + 2);
    // Raw HTML in the Markdown: no style attribute reaches a parser (see strip-style.ts).
    if (token.type === 'html') token.text = stripStyleAttributes(token.text);
  },
});

/** Markdown → marked's tokens, with the same options (plain-text.ts reads them). */
export function markdownTokens(source: string): Token[] {
  return markdown.lexer(source);
}

/** Markdown → HTML, NOT yet safe: always goes through the sanitiser (src/policy/sanitizer.ts). */
export function markdownToHTML(source: string): string {
  return markdown.parse(source, { async: false }) as string;
}
