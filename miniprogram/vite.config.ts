// Builds the mini app into miniprogram/dist/app/, which the Worker serves at /app/ (wrangler.toml [assets]).
// JSX: oxc takes `jsx: react-jsx` + `jsxImportSource: preact` from ./tsconfig.json, so no plugin is needed.
// Paths are relative to the repository root, where `npm run build:app` runs.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'miniprogram',
  base: '/app/',
  // Copied as they are into dist/app/: the certificate font the Worker reads as a static asset.
  publicDir: 'static',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
  },
});
