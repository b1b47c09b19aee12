import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_DERIVED_VECTORS, sharedFile } from '../test/shared-files.js';
import { l1ActionHash } from './l1-action-hash.js';
import { recoverL1Signer } from './recover-l1-signer.js';

/** Official known answers: hyperliquid-python-sdk tests/signing_test.py and nktkas/hyperliquid tests/signing. */
const PYTHON_ADDRESS = '0x14791697260e4c9a71f18484c9f997b308e59325';
const TS_SDK_ADDRESS = '0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901';
const DUMMY = { type: 'dummy', num: 100000000000 };
const ORDER_D = { type: 'order', orders: [{ a: 1, b: true, p: '100', s: '100', r: false, t: { limit: { tif: 'Gtc' } } }], grouping: 'na' };
const ORDER_E = {
  type: 'order',
  orders: [{ a: 1, b: true, p: '100', s: '100', r: false, t: { limit: { tif: 'Gtc' } }, c: '0x00000000000000000000000000000001' }],
  grouping: 'na',
};
const VAULT = '0x1719884eb866cb12b2287399b15f7db5e7d775ea';

interface Vector {
  name: string;
  action: unknown;
  nonce: number;
  vaultAddress?: string;
  isTestnet: boolean;
  r: string;
  s: string;
  v: number;
}

const pythonVectors: Vector[] = [
  {
    name: 'dummy',
    action: DUMMY,
    nonce: 0,
    isTestnet: false,
    r: '0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298',
    s: '0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8',
    v: 27,
  },
  {
    name: 'dummy',
    action: DUMMY,
    nonce: 0,
    isTestnet: true,
    r: '0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510',
    s: '0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613',
    v: 28,
  },
  {
    name: 'dummy+vault',
    action: DUMMY,
    nonce: 0,
    vaultAddress: VAULT,
    isTestnet: false,
    r: '0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239',
    s: '0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c',
    v: 28,
  },
  {
    name: 'dummy+vault',
    action: DUMMY,
    nonce: 0,
    vaultAddress: VAULT,
    isTestnet: true,
    r: '0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b',
    s: '0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60',
    v: 27,
  },
  {
    name: 'order',
    action: ORDER_D,
    nonce: 0,
    isTestnet: false,
    r: '0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e',
    s: '0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e',
    v: 28,
  },
  {
    name: 'order',
    action: ORDER_D,
    nonce: 0,
    isTestnet: true,
    r: '0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54',
    s: '0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5',
    v: 27,
  },
  {
    name: 'order+cloid',
    action: ORDER_E,
    nonce: 0,
    isTestnet: false,
    r: '0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3',
    s: '0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da',
    v: 27,
  },
  {
    name: 'order+cloid',
    action: ORDER_E,
    nonce: 0,
    isTestnet: true,
    r: '0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d',
    s: '0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988',
    v: 28,
  },
  {
    name: 'scheduleCancel',
    action: { type: 'scheduleCancel' },
    nonce: 0,
    isTestnet: false,
    r: '0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9',
    s: '0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0',
    v: 27,
  },
  {
    name: 'scheduleCancel+time',
    action: { type: 'scheduleCancel', time: 123456789 },
    nonce: 0,
    isTestnet: true,
    r: '0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc',
    s: '0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678',
    v: 27,
  },
];

interface DerivedFile {
  address: string;
  vectors: Array<{
    name: string;
    network: string;
    nonce: number;
    vaultAddress?: string;
    expiresAfter?: number;
    action: unknown;
    connectionId: string;
    signature: { r: string; s: string; v: number };
  }>;
}

const derived = JSON.parse(readFileSync(sharedFile(HYPERLIQUID_DERIVED_VECTORS), 'utf8')) as DerivedFile;

describe('l1ActionHash', () => {
  it('matches the python SDK phantom-agent connectionId', () => {
    const action = {
      type: 'order',
      orders: [{ a: 4, b: true, p: '1670.1', s: '0.0147', r: false, t: { limit: { tif: 'Ioc' } } }],
      grouping: 'na',
    };
    expect(l1ActionHash({ action, nonce: 1677777606040 })).toBe('0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908');
  });

  it('matches the TS SDK createL1ActionHash vectors (vault, expiresAfter, both)', () => {
    const action = {
      type: 'order',
      orders: [{ a: 0, b: true, p: '30000', s: '0.1', r: false, t: { limit: { tif: 'Gtc' } } }],
      grouping: 'na',
    };
    const vault = '0x1234567890123456789012345678901234567890';
    expect(l1ActionHash({ action, nonce: 1234567890 })).toBe('0x25367e0dba84351148288c2233cd6130ed6cec5967ded0c0b7334f36f957cc90');
    expect(l1ActionHash({ action, nonce: 1234567890, vaultAddress: vault })).toBe(
      '0x214e2ea3270981b6fd18174216691e69f56872663139d396b10ded319cb4bb1e',
    );
    expect(l1ActionHash({ action, nonce: 1234567890, expiresAfter: 1234567890 })).toBe(
      '0xc30b002ba3775e4c31c43c1dfd3291dfc85c6ae06c6b9f393991de86cad5fac7',
    );
    expect(l1ActionHash({ action, nonce: 1234567890, vaultAddress: vault, expiresAfter: 1234567890 })).toBe(
      '0x2d62412aa0fc57441b5189841d81554a6a9680bf07204e1454983a9ca44f0744',
    );
  });

  it('matches the connectionId of every derived MM vector', () => {
    for (const vector of derived.vectors) {
      expect(l1ActionHash(vector), vector.name).toBe(vector.connectionId);
    }
  });
});

describe('recoverL1Signer', () => {
  it.each(pythonVectors.map((vector) => [`${vector.name} ${vector.isTestnet ? 'testnet' : 'mainnet'}`, vector] as const))(
    'python SDK vector %s recovers to the python test key',
    async (_label, vector) => {
      const signer = await recoverL1Signer({ ...vector, signature: { r: vector.r, s: vector.s, v: vector.v } }, vector.isTestnet);
      expect(signer).toBe(PYTHON_ADDRESS);
    },
  );

  it('TS SDK signL1Action vectors recover to the TS test key on both networks', async () => {
    const action = {
      type: 'order',
      orders: [{ a: 0, b: true, p: '30000', s: '0.1', r: false, t: { limit: { tif: 'Gtc' } } }],
      grouping: 'na',
    };
    const mainnet = {
      r: '0x61078d8ffa3cb591de045438a1ae2ed299b271891d1943a33901e7cfb3a31ed8',
      s: '0x0e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9',
      v: 28,
    };
    const testnet = {
      r: '0x6b0283a894d87b996ad0182b86251cc80d27d61ef307449a2ed249a508ded1f7',
      s: '0x6f884e79f4a0a10af62db831af6f8e03b3f11d899eb49b352f836746ee9226da',
      v: 27,
    };
    expect(await recoverL1Signer({ action, nonce: 1234567890, signature: mainnet }, false)).toBe(TS_SDK_ADDRESS);
    expect(await recoverL1Signer({ action, nonce: 1234567890, signature: testnet }, true)).toBe(TS_SDK_ADDRESS);
  });

  it('all 28 derived MM vectors (ALO bulk, cancel, cancelByCloid, batchModify, modify, scheduleCancel) recover', async () => {
    expect(derived.vectors).toHaveLength(28);
    for (const vector of derived.vectors) {
      const signer = await recoverL1Signer(vector, vector.network.startsWith('testnet'));
      expect(signer, `${vector.name} ${vector.network}`).toBe(derived.address.toLowerCase());
    }
  });

  it('the wrong network or a changed price recovers a different address', async () => {
    const vector = pythonVectors[4]!;
    const signature = { r: vector.r, s: vector.s, v: vector.v };
    expect(await recoverL1Signer({ ...vector, signature }, true)).not.toBe(PYTHON_ADDRESS);
    const tampered = { ...ORDER_D, orders: [{ ...ORDER_D.orders[0]!, p: '100.0' }] };
    expect(await recoverL1Signer({ action: tampered, nonce: 0, signature }, false)).not.toBe(PYTHON_ADDRESS);
  });
});
