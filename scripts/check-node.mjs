// Fails early, with the fix, when scripts do not run on the Node >= 22 that the `node` devDependency ships.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Node ${process.versions.node} is running the scripts; this project needs >= 22.12.\n` +
      'Run them through pnpm (npx -y pnpm@10 install, then npx -y pnpm@10 <script>): the root devDependency `node` provides it.',
  );
  process.exit(1);
}
