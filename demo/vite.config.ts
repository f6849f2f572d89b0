import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { devCollector } from '../src/vite.ts'

const src = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url))

// The demo app: `npm start`. Its events reach the dev server's own collector (trackplan/vite), which
// stores them in demo/.trackplan/events.duckdb (the demo's browser test reads a JSONL file instead).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), devCollector(process.env.TRACKPLAN_EVENTS_FILE ? { file: process.env.TRACKPLAN_EVENTS_FILE } : {})],
  resolve: {
    alias: [
      { find: /^trackplan$/, replacement: src('index.ts') },
      { find: /^trackplan\/(.*)$/, replacement: src('$1.ts') },
    ],
  },
  server: { port: 5173 },
})
