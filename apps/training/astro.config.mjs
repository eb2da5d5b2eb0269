import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

// Static build: every page is HTML on disk, served by any static server (see scripts/serve.mjs at the repo root).
export default defineConfig({
  integrations: [react()],
  server: { port: 4321, host: '127.0.0.1' },
  devToolbar: { enabled: false },
});
