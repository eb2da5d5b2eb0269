/* Service worker of the chat disclosure tool (generated at build time from integrations/sw-template.js).
 * It precaches every built file, so the tool opens and works with no network at all, and answers every same-origin
 * request from that cache. It never fetches anything but the app's own files. */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `chat-disclosure-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith('chat-disclosure-') && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Pages: the one app page, whatever the path or hash (the app routes with the hash).
      if (request.mode === 'navigate') {
        const page = (await cache.match(url.pathname, { ignoreSearch: true })) ?? (await cache.match('/'));
        if (page) return page;
      }
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      return fetch(request);
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'precache-status') {
    caches
      .open(CACHE)
      .then((cache) => cache.keys())
      .then((keys) =>
        event.source?.postMessage({
          type: 'precache-status',
          version: VERSION,
          cached: keys.length,
          total: PRECACHE.length,
        }),
      );
  }
});
