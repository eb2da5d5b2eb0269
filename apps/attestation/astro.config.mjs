import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

/**
 * Every page is rendered on the server for each request (no JavaScript is sent to the browser), by the Node adapter.
 * Stylesheets are always separate files so the Content Security Policy (set by src/middleware.ts) can forbid inline
 * styles and scripts altogether. Astro's origin check refuses cross-site form posts before our own CSRF token check.
 */
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  build: { inlineStylesheets: 'never' },
  security: { checkOrigin: true },
  server: { port: 4323, host: '127.0.0.1' },
  devToolbar: { enabled: false },
  markdown: { syntaxHighlight: false },
  vite: {
    ssr: {
      external: [
        'pg',
        'kysely',
        'openid-client',
        'pdf-lib',
        '@pdf-lib/fontkit',
        'dejavu-fonts-ttf',
        '@fontsource/noto-sans-sc',
      ],
    },
  },
});
