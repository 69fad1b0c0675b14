/**
 * A policy section's Markdown as the reader sees it, for "what changed": words without Markdown
 * syntax, a link as `text (url)` (in a policy where a link points matters), list items with `•`
 * or their number, table rows with ` | ` between cells, blocks apart by a blank line. DOM-free.
 */
import type { Token, Tokens } from 'marked';
import { markdownTokens } from './markdown.js';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references a text may be written with (`&lt;`, `&#8217;`, `&#x2019;`). */
function decode(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (reference, name: string) => {
    if (!name.startsWith('#')) return NAMED[name.toLowerCase()] ?? reference;
    const code = /x/i.test(name[1] ?? '') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  });
}

/** What every other token has: inline children, or its text. */
function rest(token: Token): string {
  const { tokens, text } = token as { tokens?: Token[]; text?: string };
  // A line break inside a paragraph reads as a space.
  return tokens ? inline(tokens) : decode(text ?? '').replace(/[ \t]*\n[ \t]*/g, ' ');
}

function inline(tokens: readonly Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      switch (token.type) {
        case 'link':
          return `${inline(token.tokens)} (${token.href})`;
        case 'image':
          return token.text;
        case 'html':
          return ''; // a tag; the text between tags comes as text tokens
        case 'br':
          return '\n';
        case 'codespan':
        case 'escape':
          return token.text;
        default:
          return rest(token);
      }
    })
    .join('');
}

function block(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'code':
      return token.text;
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return list.items.map((item, i) => `${list.ordered ? `${start + i}.` : '•'} ${item.tokens.map(block).filter(Boolean).join('\n')}`).join('\n');
    }
    case 'table': {
      const table = token as Tokens.Table;
      return [table.header, ...table.rows].map((row) => row.map((cell) => inline(cell.tokens)).join(' | ')).join('\n');
    }
    case 'blockquote':
      return (token.tokens ?? []).map(block).filter(Boolean).join('\n\n');
    case 'html':
      return decode(token.text.replace(/<[^>]*>/g, '')).trim();
    default:
      return rest(token); // paragraph, heading, text
  }
}

/** The text of `source` (Markdown) as a reader sees it, for word-level comparison. */
export function markdownText(source: string): string {
  return markdownTokens(source).map(block).filter(Boolean).join('\n\n');
}
