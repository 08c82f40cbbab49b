// The planner pages' one way to call the JSON API. Every unsafe request (POST, PUT, PATCH,
// DELETE) carries the CSRF token of the shared layout's <meta name="arianna-csrf"> as the
// X-CSRF-Token header when the page has one (logged-in pages do); safe ones go unchanged.
// A refusal rejects with the server's own sentence (already in the user's language) and the
// HTTP status, so every page shows the same message the API gives.
(function () {
  'use strict';

  var SAFE = /^(GET|HEAD|OPTIONS|TRACE)$/;

  /** The layout's CSRF token, or null when the page has none. */
  function csrfToken() {
    var meta = document.querySelector('meta[name="arianna-csrf"]');
    var token = meta ? meta.getAttribute('content') : null;
    return token ? token : null;
  }

  /** fetch() with the page's cookies and, for unsafe methods, the CSRF header. */
  function plannerFetch(url, options) {
    var settings = {};
    Object.keys(options || {}).forEach(function (key) { settings[key] = options[key]; });
    var method = String(settings.method || 'GET').toUpperCase();
    var headers = new Headers(settings.headers || {});
    if (!SAFE.test(method)) {
      var token = csrfToken();
      if (token) headers.set('X-CSRF-Token', token);
    }
    settings.method = method;
    settings.headers = headers;
    settings.credentials = settings.credentials || 'same-origin';
    return fetch(url, settings);
  }

  /** Calls the JSON API; resolves with the parsed answer (null when empty), rejects with an
   *  Error whose message is the server's sentence (or `fallback` when it gave none). */
  function plannerAPI(method, url, body, fallback) {
    var options = { method: method, headers: { 'Accept': 'application/json' } };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return plannerFetch(url, options).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (ignored) { data = null; }
        if (!response.ok) {
          var message = data && data.error && data.error.message;
          var error = new Error(message || fallback || String(response.status));
          error.status = response.status;
          throw error;
        }
        return data;
      });
    }, function () {
      throw new Error(fallback || 'network error');
    });
  }

  window.plannerFetch = plannerFetch;
  window.plannerAPI = plannerAPI;
  window.plannerCSRFToken = csrfToken;
})();
