import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

describe('parsePrometheusText', () => {
  it('reads HELP, TYPE and samples with escaped labels, special values and timestamps', () => {
    const families = parsePrometheusText(
      [
        '# HELP a_total Things.',
        '# TYPE a_total counter',
        'a_total{side="buy",note="say \\"hi\\"\\n"} 3',
        'a_total{side="sell"} 1.5e3 1700000000000',
        '# a plain comment',
        '# TYPE h histogram',
        'h_bucket{le="+Inf"} 2',
        'h_sum 0.5',
        'h_count 2',
        '# TYPE g gauge',
        'g NaN',
        'g{x="1"} -Inf',
        '',
      ].join('\n'),
    );
    expect(families.get('a_total')?.type).toBe('counter');
    expect(families.get('a_total')?.help).toBe('Things.');
    expect(sampleValue(families, 'a_total', { side: 'buy', note: 'say "hi"\n' })).toBe(3);
    expect(sampleValue(families, 'a_total', { side: 'sell' })).toBe(1500);
    expect(sampleValue(families, 'h_count')).toBe(2);
    expect(sampleValue(families, 'g', { x: '1' })).toBe(-Infinity);
  });

  it.each([
    ['no trailing newline', '# TYPE g gauge\ng 1'],
    ['a sample without TYPE', 'g 1\n'],
    ['a bad value', '# TYPE g gauge\ng one\n'],
    ['an unquoted label', '# TYPE g gauge\ng{a=1} 1\n'],
    ['an unterminated label', '# TYPE g gauge\ng{a="1} 1\n'],
    ['a repeated series', '# TYPE g gauge\ng{a="1"} 1\ng{a="1"} 2\n'],
    ['an unknown type', '# TYPE g meter\n'],
    ['a bad escape', '# TYPE g gauge\ng{a="\\t"} 1\n'],
  ])('rejects %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
