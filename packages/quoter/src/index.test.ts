import { describe, expect, it } from 'vitest';

describe('@mm/quoter public surface', () => {
  it('exports exactly these runtime values', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "QuoteEngine",
        "avellanedaStoikovQuote",
        "buildLadder",
        "defaultLevelSizeShares",
        "diffQuotes",
        "glftCoefficients",
        "glftQuote",
        "isWithinTolerance",
        "optimalSpread",
        "parseQuoteDiffTolerance",
        "parseQuoteEngineConfig",
        "practicalSpread",
        "quoteDiffToleranceSchema",
        "quoteEngineConfigSchema",
        "reservationPrice",
      ]
    `);
  });
});
