import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import { precache } from './integrations/precache.mjs';

/**
 * The Content Security Policy is the browser's guarantee that chat content never leaves the page: no fetch, XHR,
 * WebSocket or beacon to anywhere (`connect-src 'none'`), no form posts, no foreign scripts. Astro adds the hashes of
 * its own scripts and styles to script-src/style-src. scripts/serve.mjs sends the same policy as a header so Web
 * Workers (which do not inherit a page's meta-tag policy) are bound by it too.
 */
export const contentSecurityPolicyDirectives = [
  "default-src 'self'",
  "connect-src 'none'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'self' blob:",
  "manifest-src 'self'",
];

// Static build: every page is HTML on disk, served by any static server (see scripts/serve.mjs at the repo root).
export default defineConfig({
  integrations: [react(), precache({ directives: contentSecurityPolicyDirectives })],
  // Module workers, so the packaging worker can load pdf-lib, jszip and fonts as separate chunks only when needed.
  vite: { worker: { format: 'es' } },
  server: { port: 4322, host: '127.0.0.1' },
  devToolbar: { enabled: false },
  // Shiki's inline styles would break the CSP; the tool renders no code blocks.
  markdown: { syntaxHighlight: false },
  security: { csp: { directives: contentSecurityPolicyDirectives } },
});
