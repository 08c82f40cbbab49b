// The template editor: loads the text and HTML in use for the chosen activity type and email,
// previews every change on sample data (debounced) in the chosen language — the subject and
// text in a <pre>, the HTML in a sandboxed frame — and saves through the JSON API, which refuses
// a pair that does not render or names an unknown variable; the reason is shown and announced.
(function () {
  "use strict";
  var form = document.getElementById("template-form");
  if (!form) { return; }
  var csrf = (document.querySelector('meta[name="arianna-csrf"]') || {}).content || "";
  var type = document.getElementById("template-type");
  var kind = document.getElementById("template-kind");
  var text = document.getElementById("template-text");
  var html = document.getElementById("template-html");
  var language = document.getElementById("preview-language");
  var problem = document.getElementById("template-problem");
  var subject = document.getElementById("preview-subject");
  var body = document.getElementById("preview-body");
  var frame = document.getElementById("preview-html");
  var state = document.getElementById("template-state");
  var timer = null;

  function call(method, url, payload) {
    var headers = { "Accept": "application/json", "X-CSRF-Token": csrf };
    if (payload) { headers["Content-Type"] = "application/json"; }
    return fetch(url, { method: method, headers: headers, credentials: "same-origin",
                        body: payload ? JSON.stringify(payload) : undefined })
      .then(function (response) {
        return response.text().then(function (raw) {
          var data = raw ? JSON.parse(raw) : null;
          if (!response.ok) { throw new Error((data && data.error && data.error.message) || response.statusText); }
          return data;
        });
      });
  }
  function show(message) { problem.textContent = message; problem.hidden = !message; }
  function load() {
    call("GET", "/api/templates?activityTypeID=" + encodeURIComponent(type.value)).then(function (page) {
      var entry = page.items.filter(function (item) { return item.kind === kind.value; })[0];
      text.value = entry ? entry.text : "";
      html.value = entry ? entry.html : "";
      state.textContent = entry && entry.isOverride ? form.dataset.own : form.dataset.default;
      preview();
    }).catch(function (error) { show(error.message); });
  }
  function preview() {
    call("POST", "/api/templates/preview", { text: text.value, html: html.value, language: language.value }).then(function (result) {
      show(""); subject.textContent = result.subject; body.textContent = result.body; frame.srcdoc = result.html;
    }).catch(function (error) { show(error.message); });
  }
  function later() { clearTimeout(timer); timer = setTimeout(preview, 400); }
  text.addEventListener("input", later);
  html.addEventListener("input", later);
  language.addEventListener("change", preview);
  type.addEventListener("change", load);
  kind.addEventListener("change", load);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    call("PUT", "/api/templates/" + encodeURIComponent(kind.value), { activityTypeID: type.value, text: text.value, html: html.value })
      .then(function () { show(""); state.textContent = form.dataset.saved; })
      .catch(function (error) { show(error.message); });
  });
  document.getElementById("template-reset").addEventListener("click", function () {
    call("DELETE", "/api/templates/" + encodeURIComponent(kind.value) + "?activityTypeID=" + encodeURIComponent(type.value))
      .then(load).catch(function (error) { show(error.message); });
  });
  load();
}());
