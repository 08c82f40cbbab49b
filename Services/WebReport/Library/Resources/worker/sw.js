// Web-report's service worker (R15, R18 offline): pages and their assets are fetched from the
// network when there is one and kept in a cache, so the to-do list and the appointments opened
// stay readable without a network. The JSON API and calendar feeds always go to the network; a
// report filed offline waits in the page's IndexedDB queue (offline-queue.js), not here.
'use strict';

var CACHE = 'arianna-webreport-pages-v1';

self.addEventListener('install', function () { self.skipWaiting(); });

self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf('/api/') === 0 || url.pathname.indexOf('/calendar/') === 0 || url.pathname === '/sw.js') return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && response.type === 'basic') {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreVary: true }).then(function (cached) { return cached || Response.error(); });
    })
  );
});
