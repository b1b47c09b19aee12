import { expect, it } from 'vitest';

it('exports a stable public surface', async () => {
  const surface = Object.keys(await import('./index.js')).sort();
  expect(surface).toMatchSnapshot();
});
