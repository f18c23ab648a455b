import { convertHtmlToText } from './convert-html-to-text';

describe('convertHtmlToText', () => {
  it('lays HTML out as text, quoting block quotes', async () => {
    const result = await convertHtmlToText(
      '<p>RESOLVED</p><p>Agreed &amp; closed.</p><blockquote type="cite">Case: X</blockquote>',
    );
    expect(result.problem).toBeNull();
    expect(result.text).toBe('RESOLVED\n\nAgreed & closed.\n\n> Case: X');
  });

  it('puts a signature delimiter above a Gmail signature', async () => {
    const result = await convertHtmlToText('<div>NOTE</div><div class="gmail_signature">Sam</div>');
    expect(result.text).toBe('NOTE\n--\nSam');
  });

  it('strips the tags of HTML too large to lay out, in linear time', async () => {
    const html = `<style>p { color: red }</style><p>NOTE&nbsp;one</p><!-- a > b -->${'<b>x</b>'.repeat(300_000)}`;
    const result = await convertHtmlToText(html);
    expect(result.problem).toMatch(/stripped of its tags/);
    expect(result.text.startsWith('NOTE one\nxxx')).toBe(true);
  });

  it('survives a hostile document without a closing bracket', async () => {
    const result = await convertHtmlToText('<div class=' + '<'.repeat(100_000));
    expect(typeof result.text).toBe('string');
  });
});
