// The back office's "new customer link" button on a closed report: asks web-report for a new
// secret link (the old one stops working) and shows it, ready to copy into a message.
(function () {
  'use strict';
  var button = document.getElementById('customer-link-renew');
  var output = document.getElementById('customer-link-url');
  if (!button || !output) return;
  button.addEventListener('click', function () {
    var meta = document.querySelector('meta[name="arianna-csrf"]');
    button.disabled = true;
    fetch('/api/reports/' + encodeURIComponent(button.getAttribute('data-report')) + '/customer-link', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': meta ? meta.getAttribute('content') : '' }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data && data.error ? data.error.message : String(response.status));
        return data;
      });
    }).then(function (data) {
      output.textContent = data.url;
    }, function (error) {
      output.textContent = error.message;
    }).then(function () { button.disabled = false; });
  });
})();
