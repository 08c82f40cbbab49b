// The planner board's interaction (SPEC R12, R13): drag and drop with Pointer Events (mouse,
// pen and touch alike — HTML5 drag-and-drop does not work on tablets), the same actions from the
// keyboard, a "new appointment" dialog, and live updates over Server-Sent Events.
//
// The server renders the board and decides everything: this script only sends the user's
// intent to the appointment API and shows the answer. A refused drop snaps back and shows the
// server's reason. After any change (ours or another user's) it fetches the board again as the
// server renders it (GET /board/fragment, the page's own template) and swaps the changed parts
// in: the board's markup is written only on the server.
(function () {
  'use strict';

  var configElement = document.getElementById('board-config');
  var board = document.getElementById('board');
  if (!configElement || !board) return;
  var config = JSON.parse(configElement.textContent);
  var T = config.strings;

  var rowsBox = document.getElementById('planner-rows');
  var planner = document.getElementById('planner');
  var queue = document.getElementById('queue');
  var alertBox = document.getElementById('board-alert');
  var alertText = document.getElementById('board-alert-text');
  var statusBox = document.getElementById('board-status');
  var liveBox = document.getElementById('board-live');
  var dialog = document.getElementById('new-appointment');
  var dialogForm = document.getElementById('new-appointment-form');
  var menu = document.getElementById('bar-menu');

  var SLOT_MS = 30 * 60 * 1000;
  var LONG_PRESS_MS = 550;
  var DRAG_THRESHOLD = 6;

  var version = config.version;
  var drag = null;        // the pointer drag in progress
  var carry = null;       // the keyboard pick-up in progress
  var refreshWanted = false;
  var refreshing = null;
  var menuBar = null;
  var dialogCell = null;
  var suppressContextMenuUntil = 0;

  // ---------------------------------------------------------------- small helpers

  function fill(key, values) {
    var text = T[key] || key;
    Object.keys(values).forEach(function (name) {
      text = text.split('{' + name + '}').join(values[name]);
    });
    return text;
  }

  function escapeHTML(value) {
    return String(value == null ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function showAlert(message) {
    alertText.textContent = message;
    alertBox.hidden = false;
  }

  function hideAlert() {
    alertBox.hidden = true;
    alertText.textContent = '';
  }

  function announce(message) {
    statusBox.textContent = '';
    window.setTimeout(function () { statusBox.textContent = message; }, 30);
  }

  function rowOf(element) { return element.closest('.planner__row'); }
  function cellsOf(row) { return row ? row.querySelectorAll('.cell') : []; }
  function allRows() { return rowsBox.querySelectorAll('.planner__row'); }

  function indexOfCell(cell) {
    return Array.prototype.indexOf.call(cellsOf(rowOf(cell)), cell);
  }

  function columns() {
    var first = allRows()[0];
    return first ? cellsOf(first).length : 0;
  }

  /** The cell of `row` whose slot contains `time` (ms), or the last one starting before it. */
  function cellAtTime(row, time) {
    var cells = cellsOf(row);
    var best = cells[0] || null;
    for (var i = 0; i < cells.length; i++) {
      if (Date.parse(cells[i].dataset.start) <= time) best = cells[i]; else break;
    }
    return best;
  }

  function keyOf(element) {
    if (!element || !element.classList) return null;
    if (element.classList.contains('cell')) return 'cell|' + rowOf(element).dataset.operator + '|' + element.dataset.start;
    if (element.classList.contains('bar')) return 'bar|' + element.dataset.id;
    if (element.classList.contains('card')) return 'card|' + element.dataset.ticket;
    return null;
  }

  function findByKey(key) {
    if (!key) return null;
    var parts = key.split('|');
    if (parts[0] === 'bar') return board.querySelector('.bar[data-id="' + CSS.escape(parts[1]) + '"]');
    if (parts[0] === 'card') return board.querySelector('.card[data-ticket="' + CSS.escape(parts[1]) + '"]');
    if (parts[0] === 'cell') {
      var row = board.querySelector('.planner__row[data-operator="' + CSS.escape(parts[1]) + '"]');
      return row ? row.querySelector('.cell[data-start="' + CSS.escape(parts[2]) + '"]') : null;
    }
    return null;
  }

  // ---------------------------------------------------------------- the API

  /** Calls the planner's JSON API through planner-fetch.js (which adds the CSRF header to
   *  every change); rejects with the server's own sentence when it refuses. */
  function api(method, url, body) {
    return window.plannerAPI(method, url, body, T.networkError);
  }

  function schedule(ticketID, operatorID, start) {
    return api('POST', '/api/appointments', { ticketID: ticketID, operatorID: operatorID, start: start });
  }

  function createDirect(operatorID, start, end, title) {
    return api('POST', '/api/appointments', { operatorID: operatorID, start: start, end: end, title: title });
  }

  function move(id, body) {
    return api('PUT', '/api/appointments/' + encodeURIComponent(id), body);
  }

  function unschedule(id) {
    return api('DELETE', '/api/appointments/' + encodeURIComponent(id));
  }

  // ---------------------------------------------------------------- refreshing (swaps in the server's board)

  function refresh() {
    if (drag || carry) { refreshWanted = true; return Promise.resolve(); }
    if (refreshing) { refreshWanted = true; return refreshing; }
    refreshing = fetch(config.fragment + '?' + config.query, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error(T.networkError);
        return response.text();
      })
      .then(function (html) { swapIn(new DOMParser().parseFromString(html, 'text/html')); })
      .catch(function () { /* the next event retries */ })
      .then(function () {
        refreshing = null;
        if (refreshWanted && !drag && !carry) { refreshWanted = false; return refresh(); }
      });
    return refreshing;
  }

  /** Moves the children of `id` in the fresh board into the same element of this page. */
  function swapChildren(fresh, id) {
    var from = fresh.getElementById(id);
    var to = document.getElementById(id);
    if (!from || !to) return;
    to.replaceChildren.apply(to, Array.prototype.slice.call(from.childNodes));
  }

  /** Copies an attribute of `id` from the fresh board (removed when the fresh one has none). */
  function copyAttribute(fresh, id, name) {
    var from = fresh.getElementById(id);
    var to = document.getElementById(id);
    if (!from || !to) return;
    if (from.hasAttribute(name)) to.setAttribute(name, from.getAttribute(name)); else to.removeAttribute(name);
  }

  /** Takes the parts a change can touch from `fresh`, the board as GET /board/fragment renders
   *  it for this page's query (the very markup of the page: none is written here), keeping the
   *  focus and the keyboard anchor where they were. */
  function swapIn(fresh) {
    var focusedKey = keyOf(document.activeElement);
    var anchorKey = keyOf(rowsBox.querySelector('.cell[tabindex="0"]'));
    var freshBoard = fresh.getElementById('board');
    if (!freshBoard) return;
    version = freshBoard.dataset.version;
    board.dataset.version = version;
    copyAttribute(fresh, 'planner', 'style');
    var head = planner.querySelector('.planner__head');
    var freshHead = fresh.querySelector('#planner .planner__head');
    if (head && freshHead) head.replaceChildren.apply(head, Array.prototype.slice.call(freshHead.childNodes));
    ['planner-rows', 'queue-cards', 'queue-count', 'queue-shown', 'groups-list'].forEach(function (id) { swapChildren(fresh, id); });
    copyAttribute(fresh, 'queue-empty', 'hidden');
    ['queue-next', 'queue-first'].forEach(function (id) {
      copyAttribute(fresh, id, 'hidden');
      copyAttribute(fresh, id, 'href');
    });
    swapFilterCounts(fresh);

    setAnchor(findByKey(anchorKey) || rowsBox.querySelector('.cell'));
    var again = findByKey(focusedKey);
    if (again && document.activeElement === document.body) again.focus({ preventScroll: true });
  }

  /** The queue's counts per filter value live in its selects' options. The filters themselves
   *  change only by submitting the form (which loads the page): a select being used is left
   *  alone, and a choice not yet submitted survives the update. */
  function swapFilterCounts(fresh) {
    var selects = fresh.querySelectorAll('#queue-filters select');
    for (var i = 0; i < selects.length; i++) {
      var select = document.getElementById(selects[i].id);
      if (!select || select === document.activeElement) continue;
      var chosen = select.value;
      select.replaceChildren.apply(select, Array.prototype.slice.call(selects[i].childNodes));
      if (select.querySelector('option[value="' + CSS.escape(chosen) + '"]')) select.value = chosen;
    }
  }

  // ---------------------------------------------------------------- outcome of an action

  /** Runs a change, then redraws from the server and resolves with the API's answer; on
   *  refusal shows the server's reason in the alert banner and rejects. */
  function perform(request, successMessage) {
    board.classList.add('is-busy');
    return request.then(function (data) {
      hideAlert();
      announce(successMessage);
      return refresh().then(function () { return data; });
    }, function (error) {
      showAlert(error.message);
      throw error;
    }).then(function (value) {
      board.classList.remove('is-busy');
      return value;
    }, function (error) {
      board.classList.remove('is-busy');
      throw error;
    });
  }

  // ---------------------------------------------------------------- target preview

  function clearPreview() {
    var marked = board.querySelectorAll('.cell.is-target');
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove('is-target');
    queue.classList.remove('is-drop-target');
  }

  /** Marks the cells the dropped item would cover, from `cell` on. */
  function preview(cell, minutes) {
    clearPreview();
    if (!cell) return;
    var cells = cellsOf(rowOf(cell));
    var start = indexOfCell(cell);
    var span = Math.max(1, Math.ceil(minutes / 30));
    for (var i = start; i < Math.min(cells.length, start + span); i++) cells[i].classList.add('is-target');
  }

  // ---------------------------------------------------------------- roving focus in the grid

  function setAnchor(cell) {
    var previous = rowsBox.querySelectorAll('.cell[tabindex="0"]');
    for (var i = 0; i < previous.length; i++) previous[i].setAttribute('tabindex', '-1');
    if (cell) cell.setAttribute('tabindex', '0');
  }

  function focusCell(cell) {
    if (!cell) return;
    setAnchor(cell);
    cell.focus({ preventScroll: false });
    if (carry) preview(cell, carry.minutes);
  }

  /** The cell an arrow key leads to from `cell`. */
  function neighbour(cell, key) {
    var row = rowOf(cell);
    var cells = cellsOf(row);
    var index = indexOfCell(cell);
    if (key === 'ArrowLeft') return cells[Math.max(0, index - 1)];
    if (key === 'ArrowRight') return cells[Math.min(cells.length - 1, index + 1)];
    if (key === 'Home') return cells[0];
    if (key === 'End') return cells[cells.length - 1];
    var rows = Array.prototype.slice.call(allRows());
    var rowIndex = rows.indexOf(row);
    var other = key === 'ArrowUp' ? rows[rowIndex - 1] : key === 'ArrowDown' ? rows[rowIndex + 1] : null;
    if (!other) return cell;
    var otherCells = cellsOf(other);
    return otherCells[Math.min(index, otherCells.length - 1)] || cell;
  }

  // ---------------------------------------------------------------- keyboard

  function pickUp(item) {
    var isBar = item.classList.contains('bar');
    var target;
    if (isBar) {
      target = cellAtTime(rowOf(item), Date.parse(item.dataset.start));
    } else {
      target = rowsBox.querySelector('.cell[tabindex="0"]') || rowsBox.querySelector('.cell');
    }
    if (!target) return;
    carry = {
      kind: isBar ? 'bar' : 'card',
      item: item,
      key: keyOf(item),
      id: isBar ? item.dataset.id : item.dataset.ticket,
      title: item.dataset.title,
      minutes: parseInt(item.dataset.minutes, 10) || 30
    };
    item.classList.add('is-carried');
    board.classList.add('is-carrying');
    announce(fill('pickedUp', { item: carry.title }));
    focusCell(target);
  }

  function endCarry() {
    if (!carry) return null;
    var finished = carry;
    carry = null;
    finished.item.classList.remove('is-carried');
    board.classList.remove('is-carrying');
    clearPreview();
    if (refreshWanted) { refreshWanted = false; refresh(); }
    return finished;
  }

  function cancelCarry() {
    var finished = endCarry();
    if (!finished) return;
    announce(T.dropCancelled);
    var item = findByKey(finished.key);
    if (item) item.focus();
  }

  function dropCarry(cell) {
    var finished = endCarry();
    if (!finished) return;
    var operatorID = rowOf(cell).dataset.operator;
    var start = cell.dataset.start;
    var request = finished.kind === 'card'
      ? schedule(finished.id, operatorID, start)
      : move(finished.id, { operatorID: operatorID, start: start });
    var message = fill(finished.kind === 'card' ? 'scheduled' : 'moved', { title: finished.title });
    perform(request, message).then(function (appointment) {
      var bar = appointment && appointment.id ? findByKey('bar|' + appointment.id) : null;
      if (bar) bar.focus();
    }, function () {
      var item = findByKey(finished.key);
      if (item) item.focus();
    });
  }

  function resizeBy(bar, steps) {
    var start = Date.parse(bar.dataset.start);
    var end = Date.parse(bar.dataset.end) + steps * SLOT_MS;
    if (end <= start) return;
    var key = keyOf(bar);
    perform(move(bar.dataset.id, { start: bar.dataset.start, end: new Date(end).toISOString() }),
      fill('moved', { title: bar.dataset.title }))
      .then(function () { var again = findByKey(key); if (again) again.focus(); }, function () {});
  }

  function unscheduleBar(bar) {
    var title = bar.dataset.title;
    var ticket = bar.dataset.ticket;
    return perform(unschedule(bar.dataset.id), fill('unscheduled', { title: title })).then(function () {
      var card = ticket ? findByKey('card|' + ticket) : null;
      if (card) card.focus();
    }, function () {});
  }

  board.addEventListener('keydown', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('dialog') || target.closest('.menu')) return;
    if (target.closest('.card__suggest, #suggestions')) return;
    var key = event.key;

    if (carry) {
      if (key === 'Escape' || key === 'Tab') {
        if (key === 'Escape') event.preventDefault();
        cancelCarry();
        return;
      }
      if (target.classList.contains('cell')) {
        if (key === 'Enter' || key === ' ') { event.preventDefault(); dropCarry(target); return; }
        if (/^Arrow|^Home$|^End$/.test(key)) { event.preventDefault(); focusCell(neighbour(target, key)); return; }
      }
      return;
    }

    if (target.classList.contains('card')) {
      if (key === 'Enter' || key === ' ') { event.preventDefault(); pickUp(target); }
      return;
    }
    if (target.classList.contains('bar')) {
      if (key === 'Enter' || key === ' ') { event.preventDefault(); pickUp(target); return; }
      if (key === 'Delete' || key === 'Backspace') { event.preventDefault(); unscheduleBar(target); return; }
      if (event.shiftKey && (key === 'ArrowRight' || key === 'ArrowLeft')) {
        event.preventDefault();
        resizeBy(target, key === 'ArrowRight' ? 1 : -1);
      }
      return;
    }
    if (target.classList.contains('cell')) {
      if (/^Arrow|^Home$|^End$/.test(key)) { event.preventDefault(); focusCell(neighbour(target, key)); return; }
      if (key === 'Enter' || key === ' ') { event.preventDefault(); openNewDialog(target); }
    }
  });

  board.addEventListener('focusin', function (event) {
    var target = event.target;
    if (target instanceof Element && target.classList.contains('cell')) setAnchor(target);
  });

  // ---------------------------------------------------------------- pointer drag and drop

  /** What is under the pointer: a cell of some row (by x, even when a bar covers it), the queue, or nothing. */
  function hitTest(x, y) {
    var element = document.elementFromPoint(x, y);
    if (!element) return null;
    if (element.closest('#queue')) return { queue: true };
    var row = element.closest('.planner__row');
    if (!row) return null;
    var track = row.querySelector('.planner__track');
    var rect = track.getBoundingClientRect();
    if (x < rect.left || x >= rect.right) return null;
    var cells = cellsOf(row);
    var index = Math.floor((x - rect.left) / rect.width * cells.length);
    return { cell: cells[Math.max(0, Math.min(cells.length - 1, index))], index: index };
  }

  /** What follows the pointer: a bar's own copy (grabbed where it was held), or for a call a
   *  small chip beside the pointer, so the cells it would cover stay visible. */
  function makeGhost(source, x, y) {
    var rect = source.getBoundingClientRect();
    var ghost;
    var offsetX, offsetY;
    if (source.classList.contains('card')) {
      ghost = document.createElement('div');
      ghost.className = 'ghost ghost--chip';
      ghost.style.setProperty('--bar', source.style.getPropertyValue('--bar'));
      ghost.style.setProperty('--bar-text', source.style.getPropertyValue('--bar-text'));
      ghost.textContent = source.dataset.title;
      rect = { left: x, top: y, width: 0, height: 0 };
      offsetX = -14;
      offsetY = -14;
    } else {
      ghost = source.cloneNode(true);
      ghost.removeAttribute('id');
      ghost.removeAttribute('tabindex');
      ghost.classList.add('ghost');
      ghost.style.width = rect.width + 'px';
      ghost.style.height = rect.height + 'px';
      offsetX = x - rect.left;
      offsetY = y - rect.top;
    }
    ghost.setAttribute('aria-hidden', 'true');
    ghost.style.left = rect.left + 'px';
    ghost.style.top = rect.top + 'px';
    document.body.appendChild(ghost);
    return { element: ghost, rect: rect, offsetX: offsetX, offsetY: offsetY };
  }

  function moveGhost(x, y) {
    if (!drag.ghost) return;
    var g = drag.ghost;
    g.element.style.transform = 'translate(' + (x - g.offsetX - g.rect.left) + 'px,' + (y - g.offsetY - g.rect.top) + 'px)';
  }

  /** Animates the ghost back to where it came from, then removes it. */
  function snapBack(ghost) {
    if (!ghost) return;
    ghost.element.classList.add('ghost--returning');
    ghost.element.style.transform = 'translate(0px,0px)';
    window.setTimeout(function () { ghost.element.remove(); }, 220);
  }

  function removeGhost(ghost) {
    if (ghost) ghost.element.remove();
  }

  /** The cell a moved bar would start in: the one under the pointer, less where it was grabbed. */
  function barStartCell(hit, grabCells) {
    var cells = cellsOf(rowOf(hit.cell));
    var index = Math.max(0, Math.min(cells.length - 1, hit.index - grabCells));
    return cells[index];
  }

  function cellWidth(row) {
    var track = row.querySelector('.planner__track');
    var count = cellsOf(row).length || 1;
    return track.getBoundingClientRect().width / count;
  }

  board.addEventListener('pointerdown', function (event) {
    if (drag || carry) return;
    var target = event.target;
    if (!(target instanceof Element)) return;
    closeMenu();
    if (target.closest('.card__suggest, #suggestions')) return;
    var item = target.closest('.card, .bar');
    if (!item || !board.contains(item)) {
      var cell = target.closest('.cell');
      if (cell && event.pointerType === 'touch') startCellLongPress(cell, event);
      return;
    }
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    item.focus({ preventScroll: true });
    var isBar = item.classList.contains('bar');
    var kind = isBar && target.closest('.bar__handle') ? 'resize' : isBar ? 'bar' : 'card';
    drag = {
      kind: kind,
      item: item,
      key: keyOf(item),
      pointerId: event.pointerId,
      x0: event.clientX,
      y0: event.clientY,
      started: false,
      ctrl: event.ctrlKey || event.metaKey,
      minutes: parseInt(item.dataset.minutes, 10) || 30,
      grabCells: 0,
      hit: null,
      longPress: null,
      originalWidth: item.style.width
    };
    if (isBar) {
      var row = rowOf(item);
      drag.grabCells = Math.max(0, Math.floor((event.clientX - item.getBoundingClientRect().left) / cellWidth(row)));
      if (event.pointerType !== 'mouse') {
        drag.longPress = window.setTimeout(function () {
          if (drag && !drag.started) {
            var bar = drag.item;
            endDrag();
            suppressContextMenuUntil = Date.now() + 1000;
            openMenu(bar, event.clientX, event.clientY);
          }
        }, LONG_PRESS_MS);
      }
    }
    try { item.setPointerCapture(event.pointerId); } catch (ignored) { /* already released */ }
  });

  board.addEventListener('pointermove', function (event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    var x = event.clientX, y = event.clientY;
    if (!drag.started) {
      if (Math.abs(x - drag.x0) < DRAG_THRESHOLD && Math.abs(y - drag.y0) < DRAG_THRESHOLD) return;
      drag.started = true;
      window.clearTimeout(drag.longPress);
      hideAlert();
      board.classList.add('is-dragging');
      drag.item.classList.add('is-drag-source');
      if (drag.kind !== 'resize') drag.ghost = makeGhost(drag.item, drag.x0, drag.y0);
    }
    event.preventDefault();
    drag.ctrl = event.ctrlKey || event.metaKey;
    track(x, y);
  });

  function track(x, y) {
    if (drag.kind === 'resize') {
      var row = rowOf(drag.item);
      var rect = row.querySelector('.planner__track').getBoundingClientRect();
      var count = cellsOf(row).length;
      var startIndex = indexOfCell(cellAtTime(row, Date.parse(drag.item.dataset.start)));
      var endIndex = Math.floor((x - rect.left) / rect.width * count);
      endIndex = Math.max(startIndex, Math.min(count - 1, endIndex));
      var left = parseFloat(drag.item.style.left) || 0;
      var right = (endIndex + 1) / count * 100;
      drag.item.style.width = Math.max(100 / count / 2, right - left) + '%';
      drag.hit = { cell: cellsOf(row)[endIndex] };
      return;
    }
    moveGhost(x, y);
    var hit = hitTest(x, y);
    drag.hit = hit;
    if (hit && hit.queue) {
      clearPreview();
      if (drag.kind === 'bar') queue.classList.add('is-drop-target');
      queue.classList.toggle('is-drop-ready', drag.kind === 'bar' && drag.ctrl);
    } else if (hit && hit.cell) {
      queue.classList.remove('is-drop-ready');
      preview(drag.kind === 'bar' ? barStartCell(hit, drag.grabCells) : hit.cell, drag.minutes);
    } else {
      queue.classList.remove('is-drop-ready');
      clearPreview();
    }
  }

  function endDrag() {
    if (!drag) return null;
    var finished = drag;
    drag = null;
    window.clearTimeout(finished.longPress);
    board.classList.remove('is-dragging');
    finished.item.classList.remove('is-drag-source');
    queue.classList.remove('is-drop-ready');
    clearPreview();
    try { finished.item.releasePointerCapture(finished.pointerId); } catch (ignored) { /* gone */ }
    return finished;
  }

  board.addEventListener('pointerup', function (event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (!drag.started) { endDrag(); return; }
    drag.ctrl = event.ctrlKey || event.metaKey || drag.ctrl;
    track(event.clientX, event.clientY);
    var finished = endDrag();
    drop(finished);
    if (refreshWanted) { refreshWanted = false; refresh(); }
  });

  board.addEventListener('pointercancel', function (event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    var finished = endDrag();
    finished.item.style.width = finished.originalWidth;
    snapBack(finished.ghost);
  });

  function drop(finished) {
    var hit = finished.hit;
    var item = finished.item;
    var request = null;
    var message = '';

    if (finished.kind === 'resize') {
      if (!hit || !hit.cell) { item.style.width = finished.originalWidth; return; }
      var end = new Date(Date.parse(hit.cell.dataset.start) + SLOT_MS).toISOString();
      if (Date.parse(end) === Date.parse(item.dataset.end)) { item.style.width = finished.originalWidth; return; }
      request = move(item.dataset.id, { start: item.dataset.start, end: end });
      message = fill('moved', { title: item.dataset.title });
    } else if (finished.kind === 'card' && hit && hit.cell) {
      request = schedule(item.dataset.ticket, rowOf(hit.cell).dataset.operator, hit.cell.dataset.start);
      message = fill('scheduled', { title: item.dataset.title });
    } else if (finished.kind === 'bar' && hit && hit.cell) {
      var startCell = barStartCell(hit, finished.grabCells);
      var operatorID = rowOf(startCell).dataset.operator;
      if (operatorID === rowOf(item).dataset.operator && Date.parse(startCell.dataset.start) === Date.parse(item.dataset.start)) {
        snapBack(finished.ghost);
        return;
      }
      request = move(item.dataset.id, { operatorID: operatorID, start: startCell.dataset.start });
      message = fill('moved', { title: item.dataset.title });
    } else if (finished.kind === 'bar' && hit && hit.queue) {
      if (!finished.ctrl) {
        snapBack(finished.ghost);
        showAlert(T.holdCtrl);
        return;
      }
      request = unschedule(item.dataset.id);
      message = fill('unscheduled', { title: item.dataset.title });
    }

    if (!request) { snapBack(finished.ghost); return; }
    if (finished.ghost) finished.ghost.element.classList.add('ghost--pending');
    perform(request, message).then(function () {
      removeGhost(finished.ghost);
    }, function () {
      item.style.width = finished.originalWidth;
      snapBack(finished.ghost);
    });
  }

  // ---------------------------------------------------------------- right click, long press, menus

  function startCellLongPress(cell, event) {
    var timer = window.setTimeout(function () {
      suppressContextMenuUntil = Date.now() + 1000;
      openNewDialog(cell);
    }, LONG_PRESS_MS);
    function stop() {
      window.clearTimeout(timer);
      cell.removeEventListener('pointerup', stop);
      cell.removeEventListener('pointercancel', stop);
      cell.removeEventListener('pointerleave', stop);
    }
    cell.addEventListener('pointerup', stop);
    cell.addEventListener('pointercancel', stop);
    cell.addEventListener('pointerleave', stop);
    void event;
  }

  board.addEventListener('contextmenu', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var bar = target.closest('.bar');
    var cell = target.closest('.cell');
    if (!bar && !cell) return;
    event.preventDefault();
    if (Date.now() < suppressContextMenuUntil) return;
    if (bar) {
      var rect = bar.getBoundingClientRect();
      openMenu(bar, event.clientX || rect.left, event.clientY || rect.bottom);
    } else {
      openNewDialog(cell);
    }
  });

  function openMenu(bar, x, y) {
    menuBar = bar;
    menu.hidden = false;
    var width = menu.offsetWidth, height = menu.offsetHeight;
    menu.style.left = Math.max(4, Math.min(window.innerWidth - width - 4, x)) + 'px';
    menu.style.top = Math.max(4, Math.min(window.innerHeight - height - 4, y)) + 'px';
    var first = menu.querySelector('[role="menuitem"]');
    if (first) first.focus();
  }

  function closeMenu(returnFocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    var bar = menuBar;
    menuBar = null;
    if (returnFocus && bar && document.body.contains(bar)) bar.focus();
  }

  menu.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!button) return;
    var bar = menuBar;
    if (button.dataset.action === 'unschedule' && bar) {
      closeMenu(false);
      unscheduleBar(bar);
    } else {
      closeMenu(true);
    }
  });

  menu.addEventListener('keydown', function (event) {
    var items = Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));
    var index = items.indexOf(document.activeElement);
    if (event.key === 'Escape' || event.key === 'Tab') { event.preventDefault(); closeMenu(true); }
    else if (event.key === 'ArrowDown') { event.preventDefault(); items[(index + 1) % items.length].focus(); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); items[(index - 1 + items.length) % items.length].focus(); }
  });

  document.addEventListener('pointerdown', function (event) {
    if (!menu.hidden && !(event.target instanceof Element && event.target.closest('#bar-menu'))) closeMenu(false);
  });

  // ---------------------------------------------------------------- new appointment dialog

  function openNewDialog(cell) {
    dialogCell = cell;
    document.getElementById('new-appointment-where').textContent = cell.getAttribute('aria-label');
    document.getElementById('new-appointment-title').value = '';
    if (typeof dialog.showModal === 'function') dialog.showModal(); else dialog.setAttribute('open', '');
    document.getElementById('new-appointment-title').focus();
  }

  function closeDialog() {
    if (dialog.open) dialog.close();
  }

  document.getElementById('new-appointment-cancel').addEventListener('click', closeDialog);

  dialog.addEventListener('close', function () {
    var cell = dialogCell;
    if (cell && document.body.contains(cell)) cell.focus();
  });

  dialogForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var cell = dialogCell;
    if (!cell) { closeDialog(); return; }
    var title = document.getElementById('new-appointment-title').value.trim();
    if (!title) { document.getElementById('new-appointment-title').focus(); return; }
    var minutes = parseInt(document.getElementById('new-appointment-minutes').value, 10) || 60;
    var start = cell.dataset.start;
    var end = new Date(Date.parse(start) + minutes * 60000).toISOString();
    var operatorID = rowOf(cell).dataset.operator;
    closeDialog();
    perform(createDirect(operatorID, start, end, title), fill('created', { title: title })).catch(function () {});
  });

  // ---------------------------------------------------------------- best-slot suggestions

  var suggestionsBox = document.getElementById('suggestions');
  var suggestionsHeading = document.getElementById('suggestions-heading');
  var suggestionsStatus = document.getElementById('suggestions-status');
  var suggestionsList = document.getElementById('suggestions-list');
  var suggestionsFor = null;   // { ticket, title } of the call whose slots are shown

  function dayLabel(iso) {
    return new Date(iso).toLocaleDateString(config.lang, { weekday: 'short', day: 'numeric', month: 'short', timeZone: config.timeZone });
  }

  function timeLabel(iso) {
    return new Date(iso).toLocaleTimeString(config.lang, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: config.timeZone });
  }

  /** Suggestions start at the board's first shown slot when it lies ahead, else now. */
  function suggestionsFrom() {
    var first = rowsBox.querySelector('.cell');
    var start = first ? Date.parse(first.dataset.start) : NaN;
    return !isNaN(start) && start > Date.now() ? new Date(start).toISOString() : null;
  }

  function closeSuggestions(returnFocus) {
    var was = suggestionsFor;
    suggestionsFor = null;
    suggestionsBox.hidden = true;
    suggestionsList.innerHTML = '';
    if (returnFocus && was) {
      var card = findByKey('card|' + was.ticket);
      var button = card ? card.querySelector('.card__suggest') : null;
      if (button) button.focus();
    }
  }

  function openSuggestions(card) {
    var ticket = card.dataset.ticket;
    suggestionsFor = { ticket: ticket, title: card.dataset.title };
    suggestionsHeading.textContent = fill('suggestionsHeading', { title: card.dataset.title });
    suggestionsStatus.textContent = T.suggestionsLoading;
    suggestionsList.innerHTML = '';
    suggestionsBox.hidden = false;
    suggestionsBox.dataset.ticket = ticket;
    suggestionsBox.dataset.state = 'loading';
    var from = suggestionsFrom();
    var url = '/api/queue/' + encodeURIComponent(ticket) + '/suggestions?limit=5' + (from ? '&from=' + encodeURIComponent(from) : '');
    return api('GET', url).then(function (list) {
      if (!suggestionsFor || suggestionsFor.ticket !== ticket) return;
      showSuggestions(list.suggestions || []);
    }, function (error) {
      if (!suggestionsFor || suggestionsFor.ticket !== ticket) return;
      suggestionsBox.dataset.state = 'failed';
      suggestionsStatus.textContent = '';
      showAlert(error.message);
    });
  }

  function showSuggestions(suggestions) {
    suggestionsBox.dataset.state = 'ready';
    suggestionsStatus.textContent = suggestions.length ? '' : T.suggestionsEmpty;
    suggestionsList.innerHTML = suggestions.map(function (slot) {
      var day = dayLabel(slot.start), time = timeLabel(slot.start);
      var take = fill('suggestionTake', { title: suggestionsFor.title, operator: slot.operatorName, day: day, time: time });
      return '<li class="suggestion">' +
        '<button type="button" class="suggestion__take" data-operator="' + escapeHTML(slot.operatorID) + '"' +
        ' data-start="' + escapeHTML(slot.start) + '" aria-label="' + escapeHTML(take) + '">' +
        '<strong class="suggestion__who">' + escapeHTML(fill('suggestionSlot', { operator: slot.operatorName, day: day, time: time })) + '</strong>' +
        '<span class="suggestion__why">' + escapeHTML((slot.reasons || []).join(' · ')) + '</span>' +
        '</button></li>';
    }).join('');
    var first = suggestionsList.querySelector('.suggestion__take');
    if (first) first.focus();
  }

  function takeSuggestion(button) {
    if (!suggestionsFor) return;
    var chosen = suggestionsFor;
    var buttons = suggestionsList.querySelectorAll('.suggestion__take');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    perform(schedule(chosen.ticket, button.dataset.operator, button.dataset.start), fill('scheduled', { title: chosen.title }))
      .then(function (appointment) {
        closeSuggestions(false);
        var bar = appointment && appointment.id ? findByKey('bar|' + appointment.id) : null;
        if (bar) bar.focus();
      }, function () {
        // Someone else took the slot (or the call) meanwhile: the reason is in the alert; offer fresh slots.
        var card = findByKey('card|' + chosen.ticket);
        if (card && suggestionsFor && suggestionsFor.ticket === chosen.ticket) openSuggestions(card);
        else closeSuggestions(false);
      });
  }

  board.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var suggest = target.closest('.card__suggest');
    if (suggest) {
      event.preventDefault();
      var card = suggest.closest('.card');
      if (card) openSuggestions(card);
      return;
    }
    var take = target.closest('.suggestion__take');
    if (take && !take.disabled) { event.preventDefault(); takeSuggestion(take); }
  });

  suggestionsBox.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { event.preventDefault(); closeSuggestions(true); return; }
    var buttons = Array.prototype.slice.call(suggestionsList.querySelectorAll('.suggestion__take'));
    var index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); buttons[Math.min(buttons.length - 1, index + 1)].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); buttons[Math.max(0, index - 1)].focus(); }
  });

  document.getElementById('suggestions-close').addEventListener('click', function () { closeSuggestions(true); });

  // ---------------------------------------------------------------- alert, live updates

  document.getElementById('board-alert-close').addEventListener('click', hideAlert);

  function setLive(on) {
    liveBox.dataset.state = on ? 'on' : 'off';
    liveBox.textContent = on ? T.live : T.liveOff;
  }

  if (window.EventSource) {
    var source = new EventSource(config.events);
    var onVersion = function (event) {
      setLive(true);
      if (event.data !== version) refresh();
    };
    source.addEventListener('version', onVersion);
    source.addEventListener('changed', onVersion);
    source.addEventListener('open', function () { setLive(true); });
    source.addEventListener('error', function () { setLive(false); });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  setAnchor(rowsBox.querySelector('.cell'));
  board.classList.add('is-ready');
})();
