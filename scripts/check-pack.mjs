// Proves the packages can be imported by someone else's bot: packs every package with `pnpm pack`
// (workspace:* becomes a real version), installs the tarballs with npm into a project outside the
// workspace, type-checks a consumer file against the shipped .d.ts and runs it on Node.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'mm-pack-'));
const tarballs = path.join(work, 'tarballs');
const consumer = path.join(work, 'consumer');
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const packageDirs = readdirSync(path.join(root, 'packages')).map((dir) => path.join(root, 'packages', dir));
const names = [];
for (const dir of packageDirs) {
  if (!existsSync(path.join(dir, 'package.json'))) continue;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  names.push(manifest.name);
  run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', tarballs], dir);
}
run('mkdir', ['-p', consumer], work);
writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'someone-elses-bot', private: true, type: 'module' }, null, 2));
const files = readdirSync(tarballs).map((file) => path.join(tarballs, file));
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], consumer);

// One import per package, plus real use of the main exports, so types and runtime both count.
const consumerSource = [
  ...names.map((name, index) => `import * as package${index} from '${name}';`),
  `import { Instrument, type Clock } from '@mm/core';`,
  // Subpath entries ship too: the edge tier's real clock, typed as core's Clock.
  names.includes('@mm/core') ? `import { SystemClock } from '@mm/core/edge';` : '',
  names.includes('@mm/quoter') ? `import { QuoteEngine } from '@mm/quoter';` : '',
  ``,
  `const btc: Instrument = Instrument.hyperliquidPerp('BTC', 5);`,
  `const price: string = btc.formatPrice(btc.priceToTicks(64093.46, 'down'));`,
  `if (price !== '64093') throw new Error('unexpected price ' + price);`,
  names.includes('@mm/quoter') ? `if (typeof QuoteEngine !== 'function') throw new Error('QuoteEngine missing');` : '',
  names.includes('@mm/core') ? `const wall: Clock = new SystemClock();` : '',
  names.includes('@mm/core')
    ? `if (Math.abs(wall.now() / 1000 - Date.now()) > 1000) throw new Error('SystemClock is not the real time: ' + wall.now());`
    : '',
  `const surfaces: number[] = [${names.map((_, index) => `Object.keys(package${index}).length`).join(', ')}];`,
  `if (surfaces.some((count) => count === 0)) throw new Error('a package exports nothing');`,
  `console.log('consumer imported ${names.length} packages outside the workspace; BTC bid formats as', price);`,
].join('\n');
writeFileSync(path.join(consumer, 'bot.ts'), consumerSource);
writeFileSync(
  path.join(consumer, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['bot.ts'],
    },
    null,
    2,
  ),
);
run(path.join(root, 'node_modules/.bin/tsc'), ['-p', consumer], consumer);
// Node 22 runs the .ts consumer after stripping types (no build step of ours involved).
const output = run(process.execPath, ['--experimental-strip-types', '--no-warnings', 'bot.ts'], consumer);
process.stdout.write(output);
rmSync(work, { recursive: true, force: true });
console.log(`pack check passed: ${names.join(', ')}`);
