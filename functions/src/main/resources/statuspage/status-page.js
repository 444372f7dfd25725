(function () {
  'use strict';
  var store = window.sessionStorage;

  function cellValue(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute('data-value');
    return value === null ? cell.textContent.trim() : value;
  }

  function sortTable(table, index, direction) {
    var heads = table.tHead.rows[0].cells;
    var numeric = heads[index].getAttribute('data-type') === 'number';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index);
      var y = cellValue(b, index);
      var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0)
        : x.localeCompare(y, undefined, { sensitivity: 'base', numeric: true });
      return direction === 'descending' ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    for (var i = 0; i < heads.length; i++) {
      heads[i].setAttribute('aria-sort', i === index ? direction : 'none');
    }
    try { store.setItem('linkhealth-sort-' + table.id, index + ':' + direction); } catch (e) { /* storage off */ }
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (head, index) {
      head.querySelector('button').addEventListener('click', function () {
        var next = head.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        sortTable(table, index, next);
      });
    });
    var saved = null;
    try { saved = store.getItem('linkhealth-sort-' + table.id); } catch (e) { /* storage off */ }
    if (saved) {
      var parts = saved.split(':');
      var column = parseInt(parts[0], 10);
      if (column >= 0 && column < heads.length) {
        sortTable(table, column, parts[1] === 'descending' ? 'descending' : 'ascending');
      }
    }
  });

  // links to the rest of a large profile keep the function key of the address bar (the page itself never holds it)
  var key = new URLSearchParams(window.location.search).get('code');
  Array.prototype.forEach.call(document.querySelectorAll('a.keep-key'), function (link) {
    if (key) {
      var params = new URLSearchParams(link.getAttribute('href').replace(/^\?/, ''));
      params.set('code', key);
      link.setAttribute('href', '?' + params.toString());
    }
  });

  var seconds = parseInt(document.body.getAttribute('data-refresh-seconds'), 10) || 0;
  var toggle = document.getElementById('refresh-toggle');
  var note = document.getElementById('refresh-note');
  var timer = null;
  function paused() {
    try { return store.getItem('linkhealth-paused') === '1'; } catch (e) { return false; }
  }
  function schedule() {
    if (timer) { window.clearTimeout(timer); timer = null; }
    if (seconds > 0 && !paused()) {
      timer = window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
    }
    toggle.textContent = paused() ? 'Resume reloading' : 'Pause reloading';
    toggle.setAttribute('aria-pressed', paused() ? 'true' : 'false');
    note.textContent = paused() ? 'Reloading is paused.' : 'Reloads every ' + seconds + ' s.';
  }
  if (toggle && seconds > 0) {
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      try { store.setItem('linkhealth-paused', paused() ? '0' : '1'); } catch (e) { /* storage off */ }
      schedule();
    });
    schedule();
  }
}());
