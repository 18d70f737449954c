import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: {
          main: resolve(root, 'electron/main.ts'),
          // Imports run in a worker thread of their own; it loads this file beside main.js.
          'import-worker': resolve(root, 'electron/services/imports/worker.ts'),
          // The rollups' background full rebuild, likewise (electron/services/rollups/background.ts).
          'rollup-worker': resolve(root, 'electron/services/rollups/worker.ts'),
          // A retention purge, likewise (electron/services/retention/in-worker.ts).
          'retention-worker': resolve(root, 'electron/services/retention/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle what it uses (the contract's names).
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
})
