import { describe, expect, it } from 'vitest';
import { SignerDirectory } from './signer-directory.js';
import { parseVenueOptions } from './venue-options.js';

const MASTER = '0x14791697260E4c9A71f18484C9f997B308e59325';
const AGENT = '0xE5CA49FB3BD9A581F0D1EF9CB5D7177DA08BF901';

describe('SignerDirectory and venue options', () => {
  it('maps a master and its agents to the master, case-insensitively', () => {
    const options = parseVenueOptions({ dataPath: 'x.gz', accounts: [{ address: MASTER, agents: [AGENT] }] });
    const directory = new SignerDirectory(options.accounts);
    expect(directory.accountFor(MASTER.toLowerCase())).toBe(MASTER.toLowerCase());
    expect(directory.accountFor(AGENT)).toBe(MASTER.toLowerCase());
    expect(directory.accountFor('0x0000000000000000000000000000000000000001')).toBeUndefined();
  });

  it('names every bad option field', () => {
    expect(() => parseVenueOptions({ dataPath: '', accounts: [{ address: '0x12' }], port: -1, bogus: 1 })).toThrow(
      /dataPath[\s\S]*accounts\.0\.address|accounts\.0\.address[\s\S]*dataPath/,
    );
  });
});
