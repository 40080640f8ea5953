import { defineConfig } from 'vite';

// The config tool's browser bundle (src/ui). Standard decorators need es2022 lowering by esbuild.
export default defineConfig({
  root: 'src/ui',
  esbuild: { target: 'es2022' },
  build: { target: 'es2022', outDir: '../../dist/ui', emptyOutDir: true },
});
