// stripStyleAttributes: no `style` attribute in policy Markdown's raw HTML reaches a parser (a page with
// a strict style-src would get a CSP report for each, though the sanitiser drops them anyway).
import { expect } from '@open-wc/testing';
import { stripStyleAttributes } from '../../src/policy/strip-style.js';
import { markdownToHTML } from '../../src/policy/markdown.js';

describe('stripStyleAttributes', () => {
  const cases: Array<[string, string]> = [
    // The whitespace around a removed attribute stays: still one valid tag.
    ['<div style="color:red">x</div>', '<div >x</div>'],
    ["<span STYLE='x' title=\"keep\">t</span>", '<span  title="keep">t</span>'],
    ['<p style=color:red class=a>t</p>', '<p  class=a>t</p>'],
    ['<a/style="x" href="/y">l</a>', '<a/ href="/y">l</a>'],
    ['<b\nstyle\n=\n"x">b</b>', '<b\n>b</b>'],
    ['<i title="a > style=b" style="c">i</i>', '<i title="a > style=b" >i</i>'],
    ['<em data-style="keep" stylesheet="keep">e</em>', '<em data-style="keep" stylesheet="keep">e</em>'],
    ['text with style="not a tag" and <br>', 'text with style="not a tag" and <br>'],
  ];
  for (const [input, output] of cases) {
    it(JSON.stringify(input), () => {
      expect(stripStyleAttributes(input)).to.equal(output);
    });
  }

  it('runs on the raw HTML of Markdown, block and inline, and leaves code alone', () => {
    const html = markdownToHTML('<div style="background:url(x)">block</div>\n\nInline <span style="color:red">span</span> and `<b style="x">`.');
    expect(html).to.not.match(/<[^>]*\sstyle\s*=/i);
    expect(html).to.contain('&lt;b style=&quot;x&quot;&gt;');
  });
});
