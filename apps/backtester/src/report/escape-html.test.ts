import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from './escape-html.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&amp;`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;');
  });

  it('leaves ordinary text, including non-ASCII, untouched', () => {
    expect(escapeHtml('BTC · hyperliquid · btcusd_20250126 ≥ 0.01')).toBe('BTC · hyperliquid · btcusd_20250126 ≥ 0.01');
  });

  it('property: output has no raw markup characters and decodes back to the input', () => {
    const decode = (text: string): string =>
      text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(lt|gt|quot|#39|amp);/g, '')).not.toContain('&');
        expect(decode(escaped)).toBe(text);
      }),
    );
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element or open a comment, and parses back unchanged', () => {
    const value = { key: '</script><script>alert(1)</script>', other: '<!-- & \u2028\u2029', n: [1.5, null] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
