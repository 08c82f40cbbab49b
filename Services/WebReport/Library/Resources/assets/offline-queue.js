// Offline support for the technician's pages (R18): registers the service worker, links the web
// app manifest, and keeps reports filed without a network in an IndexedDB queue, each with its
// idempotency key, sending them when the network returns (on load, on `online`, every 15 s).
// The server files one report per key, so a report sent twice is still exactly one report.
// A banner says how many reports are waiting to be sent.
// Logging out (the layout's button) first wipes this phone's copies of the technician's pages:
// the service worker's cache and the IndexedDB database, so the next person on a shared phone
// cannot read them offline. Reports still waiting are the one thing worth keeping: the button
// asks first, and "Cancel" keeps them and the session (log out once they are sent); "OK"
// deletes them with the rest.
(function () {
  'use strict';

  var DB = 'arianna-webreport', STORE = 'waiting-reports';
  var CACHE_PREFIX = 'arianna-webreport-';
  var WORDS = {
    it: { one: '1 rapportino in attesa di invio', many: ' rapportini in attesa di invio',
          leave: 'Uscendo vengono cancellati da questo telefono. Annulla: resta collegato finché non sono inviati. OK: esci e cancellali.' },
    en: { one: '1 report waiting to be sent', many: ' reports waiting to be sent',
          leave: 'Logging out deletes them from this phone. Cancel: stay logged in until they are sent. OK: log out and delete them.' }
  };
  var words = WORDS[document.documentElement.lang] || WORDS.it;

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () { /* pages still work online */ });
  }
  var manifest = document.createElement('link');
  manifest.rel = 'manifest';
  manifest.href = '/assets/webreport/manifest.json';
  document.head.appendChild(manifest);

  function database() {
    return new Promise(function (resolve, reject) {
      var opening = indexedDB.open(DB, 1);
      opening.onupgradeneeded = function () { opening.result.createObjectStore(STORE, { keyPath: 'key' }); };
      opening.onsuccess = function () { resolve(opening.result); };
      opening.onerror = function () { reject(opening.error); };
    });
  }

  function run(mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
      });
    });
  }

  function csrf() {
    var meta = document.querySelector('meta[name="arianna-csrf"]');
    return meta ? meta.getAttribute('content') : '';
  }

  /** One attempt; resolves with {ok, status, data}, rejects when there is no network. */
  function send(entry) {
    return fetch('/api/appointments/' + encodeURIComponent(entry.appointmentID) + '/report', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf() },
      body: JSON.stringify(entry.report)
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = JSON.parse(text); } catch (ignored) { data = null; }
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  var banner = null;
  function showCount(count) {
    if (!banner) {
      banner = document.createElement('p');
      banner.id = 'offline-status';
      banner.className = 'wr-waiting';
      banner.setAttribute('role', 'status');
      var main = document.getElementById('main');
      if (main) main.insertBefore(banner, main.firstChild);
    }
    banner.textContent = count === 0 ? '' : (count === 1 ? words.one : count + words.many);
    banner.hidden = count === 0;
  }

  function count() {
    return run('readonly', function (store) { return store.count(); }).then(function (n) { showCount(n); return n; });
  }

  var flushing = null;
  /** Sends every waiting report once. Filed (2xx) or refused for good (4xx but 401/403, which a
   *  new login fixes) leaves the queue; no network keeps it. Resolves with {key: answer}. */
  function flush() {
    if (flushing) return flushing;
    flushing = run('readonly', function (store) { return store.getAll(); }).then(function (entries) {
      var answers = {};
      return entries.reduce(function (chain, entry) {
        return chain.then(function () {
          return send(entry).then(function (answer) {
            answers[entry.key] = answer;
            var final = answer.ok || (answer.status >= 400 && answer.status < 500 && answer.status !== 401 && answer.status !== 403);
            if (final) return run('readwrite', function (store) { return store.delete(entry.key); });
          }, function () { answers[entry.key] = { offline: true }; });
        });
      }, Promise.resolve()).then(function () { return answers; });
    });
    var done = function () { flushing = null; count(); };
    flushing.then(done, done);
    return flushing;
  }

  /** Queues a report (keyed by its idempotency key) and tries to send it at once. */
  function add(appointmentID, report) {
    var entry = { key: report.idempotencyKey, appointmentID: appointmentID, report: report, queuedAt: new Date().toISOString() };
    return run('readwrite', function (store) { return store.put(entry); }).then(count).then(flush).then(function (answers) {
      return answers[entry.key] || { offline: true };
    });
  }

  /** Deletes this app's page caches and its IndexedDB database (waiting reports included). */
  function forget() {
    var caches_ = window.caches ? caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(CACHE_PREFIX) === 0; })
        .map(function (name) { return caches.delete(name); }));
    }) : Promise.resolve();
    var stored = new Promise(function (resolve) {
      var deleting = indexedDB.deleteDatabase(DB);
      deleting.onsuccess = deleting.onerror = deleting.onblocked = function () { resolve(); };
    });
    return Promise.all([caches_, stored]);
  }

  /** The layout's logout form: forget this phone's copies, then log out as usual. */
  function guardLogout(form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      run('readonly', function (store) { return store.count(); }).catch(function () { return 0; }).then(function (waiting) {
        if (waiting > 0 && !window.confirm((waiting === 1 ? words.one : waiting + words.many) + '. ' + words.leave)) return;
        return forget().then(function () { form.submit(); });  // submit() fires no second 'submit'
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('form.app-logout'), guardLogout);

  window.ariannaQueue = { add: add, flush: flush, count: count, forget: forget };
  window.addEventListener('online', flush);
  setInterval(function () { if (navigator.onLine !== false) flush(); }, 15000);
  count().then(function (n) { if (n > 0) flush(); });
})();
