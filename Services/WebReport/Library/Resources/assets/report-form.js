// The intervention report form (R18): work sessions added and removed, outcome with its note,
// materials proposed from the activity type (quantities editable, lines removable) plus articles
// found by code or description, then one POST of the whole report to the JSON API. Totals are
// computed by the server from the sessions; the page reloads to show the closed, read-only report.
(function () {
  'use strict';

  // A closed report's print button.
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.addEventListener('click', function () { window.print(); });
  });

  var form = document.getElementById('report-form');
  if (!form) return;
  var words = JSON.parse(document.getElementById('report-config').textContent || '{}');
  var sessions = document.getElementById('sessions');
  var materials = document.getElementById('materials');
  var errorBox = document.getElementById('report-error');
  var submit = document.getElementById('close-report');
  var counter = 0;

  function csrfToken() {
    var meta = document.querySelector('meta[name="arianna-csrf"]');
    return meta ? meta.getAttribute('content') : '';
  }

  /** "2026-11-30T09:00" in the phone's own zone, for a datetime-local input. */
  function localValue(iso) {
    if (!iso) return '';
    var date = new Date(iso);
    if (isNaN(date.getTime())) return '';
    function pad(n) { return (n < 10 ? '0' : '') + n; }
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) +
      'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  function field(labelText, input) {
    var wrapper = document.createElement('span');
    wrapper.className = 'wr-field';
    var label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = labelText;
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    return wrapper;
  }

  function addSession(startISO, endISO) {
    counter += 1;
    var item = document.createElement('li');
    item.className = 'wr-session';
    var start = document.createElement('input');
    start.type = 'datetime-local';
    start.id = 'session-start-' + counter;
    start.className = 'wr-start';
    start.value = localValue(startISO);
    var end = document.createElement('input');
    end.type = 'datetime-local';
    end.id = 'session-end-' + counter;
    end.className = 'wr-end';
    end.value = localValue(endISO);
    var travel = document.createElement('input');
    travel.type = 'number';
    travel.min = '0';
    travel.step = '1';
    travel.inputMode = 'numeric';
    travel.id = 'session-travel-' + counter;
    travel.className = 'wr-travel';
    travel.value = '0';
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'wr-remove';
    remove.textContent = words.remove || 'x';
    item.appendChild(field(words.start, start));
    item.appendChild(field(words.end, end));
    item.appendChild(field(words.travel, travel));
    item.appendChild(remove);
    sessions.appendChild(item);
    return item;
  }

  function addMaterial(code, description, unit) {
    var existing = materials.querySelector('tr[data-code="' + CSS.escape(code) + '"]');
    if (existing) { existing.querySelector('.wr-qty').focus(); return; }
    var row = document.createElement('tr');
    row.className = 'wr-material';
    row.dataset.code = code;
    var codeCell = document.createElement('td');
    codeCell.textContent = code;
    var descriptionCell = document.createElement('td');
    descriptionCell.className = 'wr-material-description';
    descriptionCell.textContent = description;
    var quantityCell = document.createElement('td');
    var quantity = document.createElement('input');
    quantity.type = 'number';
    quantity.min = '0';
    quantity.step = 'any';
    quantity.inputMode = 'decimal';
    quantity.className = 'wr-qty';
    quantity.id = 'qty-' + code;
    quantity.value = '1';
    quantity.setAttribute('aria-label', (words.quantity || '') + ' ' + code);
    quantityCell.appendChild(quantity);
    quantityCell.appendChild(document.createTextNode(' ' + (unit || '')));
    var removeCell = document.createElement('td');
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'wr-remove';
    remove.textContent = words.remove || 'x';
    removeCell.appendChild(remove);
    row.appendChild(codeCell);
    row.appendChild(descriptionCell);
    row.appendChild(quantityCell);
    row.appendChild(removeCell);
    materials.appendChild(row);
    quantity.focus();
  }

  form.addEventListener('click', function (event) {
    var target = event.target;
    if (target.classList && target.classList.contains('wr-remove')) {
      var line = target.closest('li.wr-session, tr.wr-material');
      if (line) line.remove();
    }
  });

  document.getElementById('add-session').addEventListener('click', function () {
    addSession('', '').querySelector('input').focus();
  });

  // Article search: code or description, results as buttons that add a line.
  var search = document.getElementById('article-search');
  var results = document.getElementById('article-results');
  var pending = null;
  search.addEventListener('input', function () {
    clearTimeout(pending);
    var text = search.value.trim();
    pending = setTimeout(function () {
      results.textContent = '';
      if (!text) return;
      fetch('/api/articles?q=' + encodeURIComponent(text), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (page) {
          results.textContent = '';
          page.items.forEach(function (hit) {
            var item = document.createElement('li');
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'wr-hit';
            button.dataset.code = hit.code;
            button.textContent = (words.add || '+') + ' ' + hit.code + ' · ' + hit.description;
            button.addEventListener('click', function () {
              addMaterial(hit.code, hit.description, hit.unit);
              results.textContent = '';
              search.value = '';
            });
            item.appendChild(button);
            results.appendChild(item);
          });
        }, function () { results.textContent = ''; });
    }, 200);
  });

  // Photos: each one uploaded as soon as it is picked (the server checks it is a JPEG or PNG).
  var photoInput = document.getElementById('photo-input');
  var photoList = document.getElementById('photo-list');
  var photoBase = '/api/appointments/' + encodeURIComponent(form.dataset.appointment) + '/photos';
  function showError(response) {
    return response.text().then(function (text) {
      var data = null;
      try { data = JSON.parse(text); } catch (ignored) { data = null; }
      errorBox.textContent = (data && data.error && data.error.message) || String(response.status);
    });
  }
  function addPhotoItem(photo) {
    var item = document.createElement('li');
    item.dataset.photo = photo.id;
    var image = document.createElement('img');
    image.src = photo.url;
    image.alt = (words.photo || '') + ' ' + (photoList.children.length + 1);
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'wr-photo-remove';
    remove.textContent = words.remove || 'x';
    item.appendChild(image);
    item.appendChild(document.createTextNode(' '));
    item.appendChild(remove);
    photoList.appendChild(item);
  }
  photoInput.addEventListener('change', function () {
    errorBox.textContent = '';
    Array.prototype.forEach.call(photoInput.files, function (file) {
      fetch(photoBase, {
        method: 'POST', credentials: 'same-origin', body: file,
        headers: { 'Content-Type': file.type || 'application/octet-stream', 'Accept': 'application/json', 'X-CSRF-Token': csrfToken() }
      }).then(function (response) {
        if (response.ok) return response.json().then(addPhotoItem);
        return showError(response);
      }, function () { errorBox.textContent = words.networkError || 'network error'; });
    });
    photoInput.value = '';
  });
  photoList.addEventListener('click', function (event) {
    if (!event.target.classList.contains('wr-photo-remove')) return;
    var item = event.target.closest('li');
    fetch(photoBase + '/' + encodeURIComponent(item.dataset.photo), {
      method: 'DELETE', credentials: 'same-origin', headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrfToken() }
    }).then(function (response) {
      if (response.ok) item.remove(); else showError(response);
    });
  });

  // The customer's signature: drawn with a finger, a pen or the mouse (pointer events).
  var pad = document.getElementById('signature-pad');
  var signed = false;
  var drawing = null;
  var ink = pad.getContext('2d');
  ink.lineWidth = 3;
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  ink.strokeStyle = '#0b1f3a';
  function point(event) {
    var box = pad.getBoundingClientRect();
    return { x: (event.clientX - box.left) * pad.width / box.width, y: (event.clientY - box.top) * pad.height / box.height };
  }
  pad.addEventListener('pointerdown', function (event) {
    event.preventDefault();
    pad.setPointerCapture(event.pointerId);
    drawing = point(event);
    ink.beginPath();
    ink.arc(drawing.x, drawing.y, 1, 0, 2 * Math.PI);
    ink.fillStyle = ink.strokeStyle;
    ink.fill();
    signed = true;
  });
  pad.addEventListener('pointermove', function (event) {
    if (!drawing) return;
    event.preventDefault();
    var next = point(event);
    ink.beginPath();
    ink.moveTo(drawing.x, drawing.y);
    ink.lineTo(next.x, next.y);
    ink.stroke();
    drawing = next;
  });
  function stop() { drawing = null; }
  pad.addEventListener('pointerup', stop);
  pad.addEventListener('pointercancel', stop);
  document.getElementById('clear-signature').addEventListener('click', function () {
    ink.clearRect(0, 0, pad.width, pad.height);
    signed = false;
  });

  function report() {
    var outcome = form.querySelector('input[name="outcome"]:checked');
    var signer = document.getElementById('signed-by').value.trim();
    return {
      sessions: Array.prototype.map.call(sessions.querySelectorAll('.wr-session'), function (item) {
        var start = new Date(item.querySelector('.wr-start').value);
        var end = new Date(item.querySelector('.wr-end').value);
        return {
          start: isNaN(start.getTime()) ? '' : start.toISOString(),
          end: isNaN(end.getTime()) ? '' : end.toISOString(),
          travelMinutes: parseInt(item.querySelector('.wr-travel').value || '0', 10) || 0
        };
      }),
      workDone: document.getElementById('work-done').value,
      outcome: outcome ? outcome.value : 'completed',
      visitNote: document.getElementById('visit-note').value,
      materials: Array.prototype.map.call(materials.querySelectorAll('.wr-material'), function (row) {
        return {
          articleCode: row.dataset.code,
          description: row.querySelector('.wr-material-description').textContent,
          quantity: parseFloat(row.querySelector('.wr-qty').value)
        };
      }).map(function (line) { if (isNaN(line.quantity)) line.quantity = 0; return line; }),
      signedBy: signer || null,
      signature: signed ? pad.toDataURL('image/png') : null,
      idempotencyKey: form.dataset.key
    };
  }

  // Closing queues the report with its idempotency key (offline-queue.js) and sends it: filed →
  // the page reloads read-only; refused → the reason is shown; no network → it waits, and says so.
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    errorBox.textContent = '';
    submit.disabled = true;
    submit.textContent = words.sending || '…';
    if (!form.dataset.key) {
      form.dataset.key = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
    }
    var body = report();
    window.ariannaQueue.add(form.dataset.appointment, body).then(function (answer) {
      if (answer.ok) { window.location.reload(); return; }
      if (answer.offline) {
        submit.textContent = words.waiting || '…';
        document.getElementById('report-waiting').hidden = false;
        return;
      }
      errorBox.textContent = (answer.data && answer.data.error && answer.data.error.message) || String(answer.status);
      submit.disabled = false;
      submit.textContent = words.close;
    }, function () {
      errorBox.textContent = words.networkError || 'network error';
      submit.disabled = false;
      submit.textContent = words.close;
    });
  });

  // A report of this page sent later (another tab, the network back): show it closed.
  window.addEventListener('online', function () {
    if (!form.dataset.key) return;
    window.ariannaQueue.flush().then(function (answers) {
      var answer = answers[form.dataset.key];
      if (answer && answer.ok) window.location.reload();
    });
  });
  setInterval(function () {
    if (form.dataset.key && !document.getElementById('report-waiting').hidden) {
      window.ariannaQueue.flush().then(function (answers) {
        var answer = answers[form.dataset.key];
        if (answer && answer.ok) window.location.reload();
      });
    }
  }, 3000);

  addSession(form.dataset.start, form.dataset.end);
})();
