// The to-do list's calendar-feed buttons: make a new secret address (the old one stops working)
// or turn it off, through the JSON API with the page's CSRF token.
(function () {
  'use strict';
  var box = document.getElementById('calendar-feed');
  if (!box) return;
  var output = document.getElementById('calendar-feed-url');
  var url = '/api/operators/' + encodeURIComponent(box.dataset.operator) + '/calendar-feed';
  function csrf() {
    var meta = document.querySelector('meta[name="arianna-csrf"]');
    return meta ? meta.getAttribute('content') : '';
  }
  box.addEventListener('click', function (event) {
    var action = event.target.dataset && event.target.dataset.feed;
    if (!action) return;
    fetch(url, {
      method: action === 'renew' ? 'POST' : 'DELETE', credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf() }
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return action === 'renew' ? response.json() : null;
    }).then(function (feed) {
      output.textContent = feed ? feed.url : event.target.dataset.done;
    }, function (error) { output.textContent = error.message; });
  });
})();
