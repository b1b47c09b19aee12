import path from 'node:path';
import { z } from 'zod';
import { ConfigError, configIssuesFromZod, type ConfigIssue } from '@mm/core';
import { isLoopbackHost } from '../monitoring/monitoring-server.js';

const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((text) => text === 'true' || text === '1' || text === 'yes');
/**
 * A numeric setting: finite text, then the field's range. Every one needs an upper bound (checked
 * when the schema is built): an absurd value (1e300) is a config error naming the field, not a
 * crash deep in the inventory ladder after start.
 */
const number = (schema: z.ZodNumber) => {
  if (schema.maxValue === null || !Number.isFinite(schema.maxValue)) throw new Error('every numeric setting needs an upper bound');
  return z
    .string()
    .refine((text) => text.trim() !== '' && Number.isFinite(Number(text)), 'must be a number')
    .transform(Number)
    .pipe(schema);
};

function endpoint(protocols: readonly string[]) {
  return z
    .string()
    .url('must be a URL')
    .refine(
      (text) => !URL.canParse(text) || protocols.includes(new URL(text).protocol),
      `must be a ${protocols.map((protocol) => protocol.slice(0, -1)).join(' or ')} URL`,
    );
}

/** The order of secp256k1's group: a private key is an integer in [1, n). */
const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function isSecp256k1PrivateKey(scalar: bigint): boolean {
  return scalar >= 1n && scalar < SECP256K1_ORDER;
}

/** Global settings, as environment variables (the seed's `.env` keys). Defaults live only here. */
const globalSchema = z.strictObject({
  HL_MODE: z.enum(['paper', 'testnet', 'mainnet']).default('paper'),
  HL_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits')
    // Checked here, not by the signing library: out of range it throws an error quoting the key's
    // value in decimal, printed with its stack. Neither message may repeat the key.
    .refine((text) => !/^0x[0-9a-fA-F]{64}$/.test(text) || isSecp256k1PrivateKey(BigInt(text)), {
      message: 'is not a valid secp256k1 private key (it must be between 1 and the curve order; zero and all-f are not keys)',
    })
    .optional(),
  HL_WALLET_ADDRESS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
    .optional(),
  /** Mainnet needs this explicit opt-in on top of HL_MODE=mainnet. */
  MM_ALLOW_MAINNET: flag.default(false),
  TOTAL_CAPITAL: number(z.number().positive().max(10_000_000)).default(5_000),
  MAX_TOTAL_POSITION_USD: number(z.number().positive().max(100_000_000)).default(2_000),
  MAX_DAILY_LOSS_USD: number(z.number().positive().max(10_000_000)).default(50),
  MAX_DRAWDOWN_PCT: number(z.number().gt(0).max(100)).default(5),
  DISCORD_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_ON_FILL: flag.default(true),
  NOTIFY_ON_RISK_EVENT: flag.default(true),
  NOTIFY_INTERVAL_SECONDS: number(z.number().int().min(5).max(86_400)).default(30),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /**
   * The logs (records for machines; people read the status lines on stdout): `json`, one JSON object
   * a line; `text`, one readable line a record; `auto`, text when they go to a terminal, else JSON.
   */
  LOG_FORMAT: z.enum(['auto', 'json', 'text']).default('auto'),
  /** Logs to this file (appended; relative to the repository root) instead of stderr. */
  LOG_FILE: z.string().trim().min(1).optional(),
  LOG_FILLS: flag.default(true),
  LOG_QUOTES: flag.default(false),
  /**
   * Paper mode: the recorded capture the embedded venue replays in a loop as its BTC market. The
   * default is the Binance USD-M BTCUSDT capture of 2024-08-08 (6 minutes, 21,313 trades) turned into
   * a Hyperliquid BTC market; the 25-second Hyperliquid capture is too quiet to fill a bot's quotes.
   */
  PAPER_DATA: z.string().min(1).optional(),
  /** Dashboard, /metrics and /api/snapshot on this port of MM_MONITOR_HOST (0: any free port). */
  MM_MONITOR_PORT: number(z.number().int().min(0).max(65_535)).default(8787),
  MM_MONITOR_HOST: z.string().min(1).default('127.0.0.1'),
  /** Bearer token for the dashboard and /metrics; required when MM_MONITOR_HOST is not loopback. */
  MM_MONITOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Stop after this many seconds (0: run until stopped); for demos and tests. */
  RUN_SECONDS: number(
    z
      .number()
      .nonnegative()
      .max(366 * 86_400),
  ).default(0),
  /**
   * Testnet/mainnet only: the venue's HTTP API and WebSocket (a proxy, or an external local venue
   * in tests). Unset: the SDK's default for the network. Paper mode runs its own embedded venue.
   */
  HL_API_URL: endpoint(['http:', 'https:']).optional(),
  HL_WS_URL: endpoint(['ws:', 'wss:']).optional(),
  /** The durable journal (SQLite) of orders, events and sessions; relative to the repository root. */
  JOURNAL_PATH: z
    .string()
    .trim()
    .min(1)
    .default(path.join('apps', 'live-bot', 'data', 'journal.sqlite')),
});

/** Per-asset settings: `<ASSET>_<FIELD>`, e.g. `BTC_BASE_SPREAD_BPS`. */
const assetSchema = z.strictObject({
  ENABLED: flag.default(false),
  EXCHANGE: z.enum(['hyperliquid']).default('hyperliquid'),
  /** basic: the seed's phase-1 quoter; adaptive: the same, widening on adverse markouts and busy fill rates. */
  STRATEGY: z.enum(['basic', 'adaptive']).default('basic'),
  BASE_SPREAD_BPS: number(z.number().nonnegative().max(500)).default(2),
  ORDER_SIZE_USD: number(z.number().positive().max(1_000_000)).default(100),
  MAX_POSITION_USD: number(z.number().positive().max(100_000_000)).default(500),
  NUM_LEVELS: number(z.number().int().min(1).max(10)).default(3),
  LEVEL_SPACING_BPS: number(z.number().nonnegative().max(500)).default(1),
  VOL_MULTIPLIER: number(z.number().nonnegative().max(100)).default(1.5),
  INVENTORY_SKEW: number(z.number().nonnegative().max(10)).default(0.5),
  USE_DIRECTIONAL_BIAS: flag.default(false),
});

const ASSET_FIELDS = Object.keys(assetSchema.shape);
const GLOBAL_KEYS = new Set(Object.keys(globalSchema.shape));
/** Prefixes of keys that are ours even when not listed (a typo there must fail, not be ignored). */
export const OWN_PREFIXES = ['HL_', 'MM_', 'MAX_', 'NOTIFY_', 'LOG_', 'PAPER_', 'DISCORD_', 'JOURNAL_'] as const;
/**
 * Settings of this repository's other tools that share the bot's prefixes. They are not the bot's,
 * so they are neither validated nor refused: CI exports MM_REQUIRE_CHROMIUM for every process it
 * starts, and a bot started from such a shell must still run. A guard test keeps this list in step
 * with the names the repository reads.
 */
export const OTHER_TOOL_KEYS: ReadonlySet<string> = new Set([
  /** The browser checks fail instead of skipping when Chromium is missing (.ci/run). */
  'MM_REQUIRE_CHROMIUM',
  /** Cases per fuzz property (`pnpm fuzz`). */
  'MM_FUZZ_RUNS',
]);

/** True for a key the bot reads (a global setting or `<ASSET>_<FIELD>`). */
export function isBotSettingKey(key: string): boolean {
  if (GLOBAL_KEYS.has(key)) return true;
  const match = /^([A-Z][A-Z0-9]*)_([A-Z_]+)$/.exec(key);
  return match !== null && ASSET_FIELDS.includes(match[2]!);
}

export interface AssetConfig {
  symbol: string;
  exchange: 'hyperliquid';
  strategy: 'basic' | 'adaptive';
  baseSpreadBps: number;
  orderSizeUsd: number;
  maxPositionUsd: number;
  numLevels: number;
  levelSpacingBps: number;
  volMultiplier: number;
  inventorySkew: number;
  useDirectionalBias: boolean;
}

export type GlobalConfig = z.output<typeof globalSchema>;
export interface BotConfig extends Omit<GlobalConfig, 'HL_PRIVATE_KEY'> {
  assets: readonly AssetConfig[];
  paperData: string;
  /** JOURNAL_PATH resolved against the repository root. */
  journalPath: string;
  /** LOG_FILE resolved against the repository root; undefined: logs go to stderr. */
  logFile: string | undefined;
}

/** The bot's configuration and, kept apart so it is never logged with it, the private key. */
export interface LoadedConfig {
  config: BotConfig;
  privateKey: `0x${string}` | undefined;
}

/**
 * Parses the environment (`.env` already loaded into it) into the bot's configuration. Every
 * problem is reported at once, by key, with the allowed range; keys that look like ours but are
 * unknown (a misspelt `BTC_ORDER_SIZ_USD`) fail instead of being ignored.
 */
export function loadBotConfig(env: Readonly<Record<string, string | undefined>>, repositoryRoot: string): LoadedConfig {
  const issues: ConfigIssue[] = [];
  const globals: Record<string, string> = {};
  const assetKeys = new Map<string, Record<string, string>>();
  const enabledAssets = new Set<string>();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    // An asset's settings are validated whenever present, enabled or not: a BTC_STRATEGY=fancy
    // without BTC_ENABLED=true is a mistake to report, not a key to ignore.
    const match = /^([A-Z][A-Z0-9]*)_([A-Z_]+)$/.exec(key);
    if (match !== null && !GLOBAL_KEYS.has(key) && ASSET_FIELDS.includes(match[2]!)) enabledAssets.add(match[1]!);
  }
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (GLOBAL_KEYS.has(key)) {
      globals[key] = value;
      continue;
    }
    const asset = [...enabledAssets].find((candidate) => key.startsWith(`${candidate}_`));
    if (asset !== undefined) {
      const field = key.slice(asset.length + 1);
      if (!ASSET_FIELDS.includes(field)) {
        issues.push({
          field: key,
          problem: `unknown key; ${asset} settings are ${ASSET_FIELDS.map((name) => `${asset}_${name}`).join(', ')}`,
        });
        continue;
      }
      const fields = assetKeys.get(asset) ?? {};
      fields[field] = value;
      assetKeys.set(asset, fields);
      continue;
    }
    if (OTHER_TOOL_KEYS.has(key)) continue;
    if (OWN_PREFIXES.some((prefix) => key.startsWith(prefix)))
      issues.push({ field: key, problem: 'unknown key; see .env.example for the settings' });
  }
  const parsedGlobals = globalSchema.safeParse(globals);
  if (!parsedGlobals.success) issues.push(...configIssuesFromZod(parsedGlobals.error));
  const assets: AssetConfig[] = [];
  for (const [asset, fields] of assetKeys) {
    const parsed = assetSchema.safeParse(fields);
    if (!parsed.success) {
      issues.push(...configIssuesFromZod(parsed.error).map((issue) => ({ ...issue, field: `${asset}_${issue.field}` })));
      continue;
    }
    if (!parsed.data.ENABLED) continue;
    assets.push({
      symbol: asset,
      exchange: parsed.data.EXCHANGE,
      strategy: parsed.data.STRATEGY,
      baseSpreadBps: parsed.data.BASE_SPREAD_BPS,
      orderSizeUsd: parsed.data.ORDER_SIZE_USD,
      maxPositionUsd: parsed.data.MAX_POSITION_USD,
      numLevels: parsed.data.NUM_LEVELS,
      levelSpacingBps: parsed.data.LEVEL_SPACING_BPS,
      volMultiplier: parsed.data.VOL_MULTIPLIER,
      inventorySkew: parsed.data.INVENTORY_SKEW,
      useDirectionalBias: parsed.data.USE_DIRECTIONAL_BIAS,
    });
  }
  if (parsedGlobals.success) {
    const g = parsedGlobals.data;
    if (g.HL_MODE === 'mainnet' && !g.MM_ALLOW_MAINNET)
      issues.push({ field: 'HL_MODE', problem: 'mainnet trades real money: set MM_ALLOW_MAINNET=true as well to confirm' });
    if (g.HL_MODE === 'paper') {
      for (const field of ['HL_API_URL', 'HL_WS_URL'] as const) {
        if (g[field] !== undefined)
          issues.push({ field, problem: 'only for HL_MODE=testnet or mainnet (paper mode runs its own local venue)' });
      }
    }
    if (!isLoopbackHost(g.MM_MONITOR_HOST) && g.MM_MONITOR_TOKEN === undefined)
      issues.push({
        field: 'MM_MONITOR_HOST',
        problem: `${g.MM_MONITOR_HOST} serves the dashboard and metrics to other machines: set MM_MONITOR_TOKEN (16+ characters) too, or use 127.0.0.1`,
      });
    if (g.HL_MODE !== 'paper' && g.HL_PRIVATE_KEY === undefined)
      issues.push({ field: 'HL_PRIVATE_KEY', problem: `required for HL_MODE=${g.HL_MODE} (paper mode needs no key)` });
  }
  if (issues.length > 0) throw new ConfigError('bot configuration (environment / .env)', issues);
  const g = parsedGlobals.data!;
  // With no asset configured the bot quotes BTC with the seed's defaults.
  const effectiveAssets = assets.length > 0 ? assets : [{ symbol: 'BTC', ...defaultAsset() }];
  const { HL_PRIVATE_KEY, ...rest } = g;
  return {
    config: Object.freeze({
      ...rest,
      assets: Object.freeze(effectiveAssets),
      paperData: path.resolve(repositoryRoot, g.PAPER_DATA ?? path.join('..', 'shared', 'data', 'binance-usdm', 'btcusdt_20240808.gz')),
      journalPath: path.resolve(repositoryRoot, g.JOURNAL_PATH),
      logFile: g.LOG_FILE === undefined ? undefined : path.resolve(repositoryRoot, g.LOG_FILE),
    }),
    privateKey: HL_PRIVATE_KEY as `0x${string}` | undefined,
  };
}

function defaultAsset(): Omit<AssetConfig, 'symbol'> {
  const defaults = assetSchema.parse({});
  return {
    exchange: defaults.EXCHANGE,
    strategy: defaults.STRATEGY,
    baseSpreadBps: defaults.BASE_SPREAD_BPS,
    orderSizeUsd: defaults.ORDER_SIZE_USD,
    maxPositionUsd: defaults.MAX_POSITION_USD,
    numLevels: defaults.NUM_LEVELS,
    levelSpacingBps: defaults.LEVEL_SPACING_BPS,
    volMultiplier: defaults.VOL_MULTIPLIER,
    inventorySkew: defaults.INVENTORY_SKEW,
    useDirectionalBias: defaults.USE_DIRECTIONAL_BIAS,
  };
}

/** Hyperliquid refuses an order under $10 of notional (`Order must have minimum value of $10.`). */
export const HYPERLIQUID_MIN_ORDER_USD = 10;

/**
 * Settings that are valid but make an asset quote nothing, said at start instead of silently
 * quoting nothing forever (an ORDER_SIZE_USD of 0.01 used to do exactly that).
 */
export function quotingWarnings(config: Pick<BotConfig, 'assets'>): string[] {
  const warnings: string[] = [];
  for (const asset of config.assets) {
    const key = (field: string) => `${asset.symbol}_${field}`;
    if (asset.orderSizeUsd < HYPERLIQUID_MIN_ORDER_USD)
      warnings.push(
        `${key('ORDER_SIZE_USD')}=${asset.orderSizeUsd} is below Hyperliquid's minimum order value of $${HYPERLIQUID_MIN_ORDER_USD}: every ${asset.symbol} quote would be refused, so none is placed; raise it to ${HYPERLIQUID_MIN_ORDER_USD} or more`,
      );
    if (asset.maxPositionUsd < HYPERLIQUID_MIN_ORDER_USD)
      warnings.push(
        `${key('MAX_POSITION_USD')}=${asset.maxPositionUsd} is below one minimum order ($${HYPERLIQUID_MIN_ORDER_USD}): ${asset.symbol} can never hold a position, so it quotes nothing; raise it`,
      );
    else if (asset.maxPositionUsd < asset.orderSizeUsd)
      warnings.push(
        `${key('MAX_POSITION_USD')}=${asset.maxPositionUsd} is below ${key('ORDER_SIZE_USD')}=${asset.orderSizeUsd}: one fill would pass the limit, so ${asset.symbol} orders are cut to the limit or not placed`,
      );
  }
  return warnings;
}
