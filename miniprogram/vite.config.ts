// Builds the mini app into miniprogram/dist/app/, which the Worker serves at /app/ (wrangler.toml [assets]).
// JSX: oxc takes `jsx: react-jsx` + `jsxImportSource: preact` from ./tsconfig.json, so no plugin is needed.
// Paths are relative to the repository root, where `npm run build:app` runs.
import { writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Static Assets' own headers file at the root of the assets directory (dist/_headers): the files it
 * serves without the Worker (scripts, styles, the font) carry nosniff as the Worker's answers do.
 */
const staticHeaders: Plugin = {
  name: 'static-assets-headers',
  apply: 'build',
  closeBundle() {
    writeFileSync('miniprogram/dist/_headers', '/app/*\n  X-Content-Type-Options: nosniff\n');
  },
};

export default defineConfig({
  root: 'miniprogram',
  base: '/app/',
  plugins: [staticHeaders],
  // Copied as they are into dist/app/: the certificate font the Worker reads as a static asset.
  publicDir: 'static',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      // The public verification page's script is a second entry at a fixed address (/app/verify/verify.js),
      // which the Worker's HTML names; it shares the signature code with the app's scanner.
      input: {
        index: 'miniprogram/index.html',
        verify: 'miniprogram/src/verify/verify-page.ts',
        report: 'miniprogram/src/report/report-main.tsx',
        'report-style': 'miniprogram/src/report/report.css',
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'verify' || chunk.name === 'report'
            ? `${chunk.name}/${chunk.name}.js`
            : 'assets/[name]-[hash].js',
        assetFileNames: (asset) =>
          asset.names.includes('report-style.css') ? 'report/report.css' : 'assets/[name]-[hash][extname]',
      },
    },
  },
});
