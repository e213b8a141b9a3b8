// The service worker: keeps the page's own files so that a second visit works without the
// network. web/build.mjs fills in FILES (every file of web/dist but this one and the
// single-file page) and VERSION (a hash of their contents): a new build replaces the cache.
const VERSION = "__TFSCAN_VERSION__";
const FILES = __TFSCAN_FILES__;
const CACHE = `tfscan-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("tfscan-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page's own files come from the cache (they change only with a new build, which brings a
// new service worker); anything else goes to the network as usual.
self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((cached) => cached ?? fetch(request)),
  );
});
