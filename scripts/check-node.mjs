// Fails fast when npm fell back to the machine's Node 20 (e.g. after `npm ci --ignore-scripts`):
// wrangler, vitest 5 and i18next 27 need Node 22, which the `node` devDependency provides.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Node ${process.versions.node} is running; this project needs Node >= 22.\n` +
      'Run `npm ci` (without --ignore-scripts) so the `node` devDependency installs, then use npm scripts.',
  );
  process.exit(1);
}
