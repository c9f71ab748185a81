import { describe, expect, it } from 'vitest';
import { scriptSafeJson, withInlined } from '../../server/first-page';

describe("the shop's first listings inside its page (web/server/first-page.ts)", () => {
  const title = '</script><script>alert(1)</script> & <!-- \u2028';

  it('when a listing title closes the script element, then the data block holds no < > & or line separator, and reads back the same', () => {
    const json = scriptSafeJson({ items: [{ title }] });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ items: [{ title }] });
  });

  it('when the page is made, then the one data block sits before </body> and ends where it should', () => {
    const html = withInlined('<html><head></head><body><div id="root"></div></body></html>', '/api/x', { title });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const m = /<script type="application\/json" id="ftt-inlined">(.*)<\/script><\/body>/.exec(html);
    expect(JSON.parse(m![1]!)).toEqual({ path: '/api/x', body: { title } });
  });
});
