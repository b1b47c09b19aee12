// Functions of a V8 .cpuprofile by self time: `node top-self-time.mjs file.cpuprofile [count]`.
import { readFileSync } from 'node:fs';

const [file, countText = '15'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const selfSamples = new Map();
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
for (const id of profile.samples) {
  const node = byId.get(id);
  const frame = node.callFrame;
  const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
  selfSamples.set(key, (selfSamples.get(key) ?? 0) + 1);
}
const total = profile.samples.length;
const rows = [...selfSamples.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(countText));
for (const [key, samples] of rows) console.log(`${((100 * samples) / total).toFixed(1).padStart(5)}%  ${key}`);
