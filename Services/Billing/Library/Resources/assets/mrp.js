// While an MRP run is in progress, reload the page every two seconds so the bar moves and the
// plan appears when it is done (the page also has a plain link for the same).
setTimeout(function () { window.location.reload(); }, 2000);
