// The availability pages (SPEC R6–R9): each form is sent to the planner's JSON API with
// planner-fetch.js (CSRF header included) and the server's refusal, already in the user's
// language, is shown next to the form in a role=alert paragraph. After a change the page
// reloads from the server and says what was saved. "Generate recurrences" polls its job and
// shows the progress until the job is done, then what it wrote.
(function () {
  'use strict';

  var configElement = document.getElementById('planner-pages-config');
  if (!configElement || !window.plannerAPI) return;
  var config = JSON.parse(configElement.textContent);
  var T = config.strings;
  var FLASH_KEY = 'arianna.planner.flash';
  var POLL_MS = 400;

  function fill(key, values) {
    var text = T[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split('{' + name + '}').join(values[name]);
    });
    return text;
  }

  function api(method, url, body) {
    return window.plannerAPI(method, url, body, T.networkError);
  }

  // ---------------------------------------------------------------- messages

  function errorBox(form) {
    return form.querySelector('.form-error');
  }

  function showError(box, message) {
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }

  function clearError(box) {
    if (!box) return;
    box.hidden = true;
    box.textContent = '';
  }

  /** Reloads the page (which shows the saved data) and then says `message`. */
  function reloadSaying(message) {
    try { window.sessionStorage.setItem(FLASH_KEY, message); } catch (ignored) { /* private mode */ }
    window.location.reload();
  }

  function showFlash() {
    var box = document.getElementById('page-flash');
    var message = null;
    try {
      message = window.sessionStorage.getItem(FLASH_KEY);
      window.sessionStorage.removeItem(FLASH_KEY);
    } catch (ignored) { message = null; }
    if (box && message) {
      box.textContent = message;
      box.hidden = false;
    }
  }

  // ---------------------------------------------------------------- reading forms

  function checkedValues(form, name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (input) {
      return input.value;
    });
  }

  function value(form, name) {
    var field = form.elements.namedItem(name);
    return field ? String(field.value || '').trim() : '';
  }

  /** A local refusal before anything is sent. */
  function Refusal(message) { this.message = message; }

  /** What each form sends: method, URL, body and the sentence to say when it worked. */
  var requests = {
    hours: function (form) {
      var operatorIDs = checkedValues(form, 'operatorIDs');
      if (!operatorIDs.length) throw new Refusal(T.chooseOperator);
      var week = {};
      for (var day = 1; day <= 7; day++) {
        var intervals = [];
        for (var part = 1; part <= 2; part++) {
          var start = value(form, 'd' + day + '-' + part + '-start');
          var end = value(form, 'd' + day + '-' + part + '-end');
          if (start && end) intervals.push({ start: start, end: end });
          else if (start || end) throw new Refusal(T.intervalIncomplete);
        }
        if (intervals.length) week[String(day)] = intervals;
      }
      return {
        method: 'PUT', url: '/api/working-hours', body: { operatorIDs: operatorIDs, week: week },
        done: function () { return fill('hoursSaved', { count: operatorIDs.length }); }
      };
    },
    links: function (form) {
      return {
        method: 'PUT', url: '/api/activity-types/' + encodeURIComponent(form.dataset.activityType) + '/links',
        body: { operatorIDs: checkedValues(form, 'operatorIDs'), groups: checkedValues(form, 'groups') },
        done: function () { return fill('linksSaved', { name: form.dataset.name }); }
      };
    },
    rule: function (form) {
      var frequency = value(form, 'frequency');
      var body = {
        operatorID: value(form, 'operatorID'), zone: value(form, 'zone'), frequency: frequency,
        interval: parseInt(value(form, 'interval'), 10) || 1,
        start: value(form, 'start'), end: value(form, 'end'), validFrom: value(form, 'validFrom')
      };
      if (frequency === 'monthly') {
        var day = parseInt(value(form, 'dayOfMonth'), 10);
        body.dayOfMonth = isNaN(day) ? 0 : day;
      } else {
        body.weekdays = checkedValues(form, 'weekdays').map(function (text) { return parseInt(text, 10); });
      }
      if (value(form, 'validTo')) body.validTo = value(form, 'validTo');
      return { method: 'POST', url: '/api/presence-rules', body: body, done: function () { return T.ruleAdded; } };
    },
    holiday: function (form) {
      return {
        method: 'POST', url: '/api/holidays', body: { day: value(form, 'day'), name: value(form, 'name') },
        done: function () { return T.holidayAdded; }
      };
    },
    absence: function (form) {
      var body = { operatorID: value(form, 'operatorID'), firstDay: value(form, 'firstDay'), reason: value(form, 'reason') };
      if (value(form, 'lastDay')) body.lastDay = value(form, 'lastDay');
      return { method: 'POST', url: '/api/absences', body: body, done: function () { return T.absenceAdded; } };
    }
  };

  function setBusy(form, busy) {
    var buttons = form.querySelectorAll('button[type="submit"]');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = busy;
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  document.addEventListener('submit', function (event) {
    var form = event.target instanceof HTMLFormElement && event.target.dataset.form ? event.target : null;
    if (!form) return;
    event.preventDefault();
    var box = errorBox(form);
    clearError(box);
    // Empty required fields get the browser's own message, in the browser's language.
    if (typeof form.reportValidity === 'function' && !form.checkValidity()) { form.reportValidity(); return; }
    if (form.dataset.form === 'generate') { generate(form); return; }
    var request;
    try {
      request = requests[form.dataset.form](form);
    } catch (refusal) {
      if (refusal instanceof Refusal) { showError(box, refusal.message); return; }
      throw refusal;
    }
    setBusy(form, true);
    api(request.method, request.url, request.body).then(function (answer) {
      reloadSaying(request.done(answer));
    }, function (error) {
      setBusy(form, false);
      showError(box, error.message);
    });
  });

  // ---------------------------------------------------------------- delete buttons

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-delete]') : null;
    if (!button) return;
    event.preventDefault();
    var section = button.closest('section, form') || document;
    var box = section.querySelector('.form-error');
    clearError(box);
    button.disabled = true;
    api('DELETE', button.dataset.delete).then(function (answer) {
      var count = answer && typeof answer.removedPresences === 'number' ? answer.removedPresences : 0;
      reloadSaying(fill(button.dataset.done, { count: count }));
    }, function (error) {
      button.disabled = false;
      showError(box, error.message);
    });
  });

  // ---------------------------------------------------------------- "select all" and frequency

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    if (target.dataset.selectAll) {
      var form = target.form;
      var boxes = form ? form.querySelectorAll('input[name="' + target.dataset.selectAll + '"]') : [];
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = target.checked;
    }
    if (target.hasAttribute('data-frequency')) showFrequencyFields(target);
  });

  function showFrequencyFields(select) {
    var form = select.form;
    var parts = form.querySelectorAll('[data-show-for]');
    for (var i = 0; i < parts.length; i++) {
      parts[i].hidden = parts[i].dataset.showFor.split(' ').indexOf(select.value) < 0;
    }
  }

  // ---------------------------------------------------------------- generate recurrences

  var progressBox = document.getElementById('generate-progress');
  var progressBar = document.getElementById('generate-bar');
  var progressText = document.getElementById('generate-status');

  /** Shows one state of the job; remembers every state seen in data-seen (oldest first). */
  function showJob(job) {
    progressBox.hidden = false;
    progressBox.dataset.state = job.state;
    progressBox.dataset.job = job.id;
    var seen = progressBox.dataset.seen ? progressBox.dataset.seen.split(' ') : [];
    if (seen[seen.length - 1] !== job.state) seen.push(job.state);
    progressBox.dataset.seen = seen.join(' ');
    progressBar.value = job.percent;
    progressBar.textContent = job.percent + '%';
    if (job.state === 'pending') progressText.textContent = T.generateQueued;
    else if (job.state === 'running') progressText.textContent = fill('generateRunning', job);
    else if (job.state === 'done') progressText.textContent = fill('generateDone', job);
    else progressText.textContent = fill('generateFailed', { message: job.message || '' });
  }

  function poll(id, form) {
    api('GET', '/api/generation-jobs/' + encodeURIComponent(id)).then(function (job) {
      showJob(job);
      if (job.state === 'pending' || job.state === 'running') {
        window.setTimeout(function () { poll(id, form); }, POLL_MS);
      } else if (form) {
        setBusy(form, false);
      }
    }, function (error) {
      if (form) { setBusy(form, false); showError(errorBox(form), error.message); }
    });
  }

  function generate(form) {
    var body = { from: value(form, 'from'), to: value(form, 'to') };
    var operatorIDs = checkedValues(form, 'operatorIDs');
    if (operatorIDs.length) body.operatorIDs = operatorIDs;
    setBusy(form, true);
    progressBox.dataset.seen = '';
    api('POST', '/api/presence-rules/generate', body).then(function (job) {
      showJob(job);
      window.setTimeout(function () { poll(job.id, form); }, POLL_MS);
    }, function (error) {
      setBusy(form, false);
      showError(errorBox(form), error.message);
    });
  }

  // A run started before this page was loaded (or in another tab) is shown until it ends.
  if (progressBox && progressBox.dataset.job) poll(progressBox.dataset.job, document.getElementById('generate-form'));

  var frequency = document.querySelector('[data-frequency]');
  if (frequency) showFrequencyFields(frequency);
  showFlash();
})();
