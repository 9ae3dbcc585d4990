// contact-sync console: small progressive enhancements; every page works without them.
(function () {
  'use strict';

  // A page following work in progress (a replay, an initial sync) reloads itself until the work is done.
  var refreshing = document.querySelector('[data-refresh]');
  if (refreshing) {
    window.setTimeout(function () { window.location.reload(); },
      parseInt(refreshing.getAttribute('data-refresh'), 10) || 2000);
  }

  // Dead letters: one checkbox selects every dead letter shown.
  var all = document.getElementById('select-all');
  if (all) {
    all.hidden = false;
    all.addEventListener('change', function () {
      document.querySelectorAll('input[name="id"]').forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
