// Web-report's service worker (R15, R18 offline): pages and their assets are fetched from the
// network when there is one and kept in a cache, so the to-do list and the appointments opened
// stay readable without a network. The JSON API and calendar feeds always go to the network; a
// report filed offline waits in the page's IndexedDB queue (offline-queue.js), not here.
// The cache holds one person's pages: logging out on a web-report page deletes it
// (offline-queue.js), and a page answered with a redirect (the session ended elsewhere: the
// server sends the browser to the login page) deletes it too, so a shared phone never shows
// the previous technician's list from the cache.
'use strict';

var CACHE = 'arianna-webreport-pages-v1';
var PRIVATE_PAGES = /^\/(todo|calendar|appointments\/)/;

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
      // These pages never redirect a logged-in user: a redirect means the session is over.
      if ((response.type === 'opaqueredirect' || response.redirected) && PRIVATE_PAGES.test(url.pathname)) {
        caches.delete(CACHE);
        return response;
      }
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
