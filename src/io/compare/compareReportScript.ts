/**
 * compare.html's script, as plain browser JavaScript (ES2017, no modules, no libraries) so that
 * the page works offline from a file:// URL. It decodes the compact data embedded in
 * #compare-data (see compareReportData.ts) and draws one canvas map per plan, side by side and
 * sharing one view (zoom with the wheel or the buttons, drag to pan, all maps follow): outlets
 * coloured by rep, the outlets that changed against the baseline ringed, rep homes, and on a
 * click the outlet nearest the pointer in every plan. Every text comes from the catalogue
 * messages embedded in #compare-messages (t(key, params); a missing key shows as [[missing key]]). It leaves its state on `window.compareState`
 * and `data-*` attributes (what each map drew and ringed) for tests. Kept free of backticks and
 * dollar-brace so it can live in a String.raw literal.
 */
export const COMPARE_REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById('compare-data').textContent);
  var STRIDE = 5, REP_ABSENT = 0xffff, REP_NONE = 0xfffe;
  var F_REP = 1, F_DAY = 2, F_HERE = 4, F_LATER = 8, F_GONE = 16;
  var RING = { rep: '#d7191c', day: '#f29e0c', here: '#1a9641', later: '#4a4a4a', gone: '#7b3294' };
  var DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  var MSG = JSON.parse(document.getElementById('compare-messages').textContent);
  /** The catalogue text of a key with its {name} placeholders filled; a missing key shows as [[missing key]]. */
  function t(key, params) {
    var text = MSG[key];
    if (typeof text !== 'string' || text === '') return '[[missing ' + key + ']]';
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return params && params[name] !== undefined && params[name] !== null ? String(params[name]) : all;
    });
  }

  function bytesOf(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function h(tag, attrs, parent, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }
  function fmt(n) { return Number(n).toLocaleString('en-US'); }

  // ---- decode: positions in local km around the data's centre latitude (north up) ----
  var n = data.count;
  var xy = new DataView(bytesOf(data.xy).buffer);
  var lonOff = new Int32Array(n), latOff = new Int32Array(n), maxLatOff = 0;
  for (var i = 0; i < n; i++) {
    lonOff[i] = xy.getInt32(i * 8, true);
    latOff[i] = xy.getInt32(i * 8 + 4, true);
    if (latOff[i] > maxLatOff) maxLatOff = latOff[i];
  }
  var latMid = data.origin[1] + maxLatOff * 0.5e-5;
  var kx = 111.32 * Math.cos(latMid * Math.PI / 180), ky = 110.57;
  var X = new Float64Array(n), Y = new Float64Array(n);
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  function grow(x, y) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  for (var q = 0; q < n; q++) {
    X[q] = lonOff[q] * 1e-5 * kx;
    Y[q] = -latOff[q] * 1e-5 * ky;
    grow(X[q], Y[q]);
  }
  function lonX(lon) { return (lon - data.origin[0]) * kx; }
  function latY(lat) { return -(lat - data.origin[1]) * ky; }
  var plans = data.plans.map(function (p) {
    var b = bytesOf(p.outlets);
    var rep = new Uint16Array(n), flags = new Uint8Array(n), days = new Uint8Array(n), pool = new Uint8Array(n);
    for (var i = 0; i < n; i++) {
      var at = i * STRIDE;
      rep[i] = b[at] | (b[at + 1] << 8);
      flags[i] = b[at + 2];
      days[i] = b[at + 3];
      pool[i] = b[at + 4];
    }
    p.homes.forEach(function (hm) { grow(lonX(hm[1]), latY(hm[2])); });
    // Draw order grouped by rep, so each colour is one path.
    var order = [];
    for (var j = 0; j < n; j++) if (rep[j] !== REP_ABSENT) order.push(j);
    order.sort(function (a, c) { return rep[a] - rep[c] || a - c; });
    return { meta: p, rep: rep, flags: flags, days: days, pool: pool, order: order };
  });
  if (!isFinite(minX)) { minX = -1; maxX = 1; minY = -1; maxY = 1; }
  var fullView = { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, w: Math.max(0.5, maxX - minX) * 1.06, h: Math.max(0.5, maxY - minY) * 1.06 };
  var view = { cx: fullView.cx, cy: fullView.cy, kmPerPx: 0 };
  var state = { pool: -1, rings: true, fade: false };

  // ---- one canvas per plan ----
  var grid = document.getElementById('maps');
  var maps = plans.map(function (plan, p) {
    var card = h('figure', { class: 'map-card' }, grid);
    var cap = h('figcaption', {}, card);
    h('strong', {}, cap, p === 0 ? t('compare.plans.baseline', { label: plan.meta.label }) : plan.meta.label);
    h('span', { class: 'hint' }, cap, ' ' + t('compare.map.outlets', { count: fmt(plan.meta.counts.outlets) }));
    var canvas = h('canvas', { class: 'map', 'data-plan': String(p), 'aria-label': t('compare.map.label', { label: plan.meta.label }) }, card);
    var legend = h('div', { class: 'map-legend' }, card);
    var c = plan.meta.counts;
    var items = p === 0
      ? [['later', c.changesLater, t('compare.legend.later', { count: fmt(c.changesLater) })], ['gone', c.goneLater, t('compare.legend.gone', { count: fmt(c.goneLater) })]]
      : [['rep', c.repChanged, t('compare.legend.rep', { count: fmt(c.repChanged) })], ['day', c.weekdayOnly, t('compare.legend.day', { count: fmt(c.weekdayOnly) })], ['here', c.onlyHere, t('compare.legend.here', { count: fmt(c.onlyHere) })]];
    items.forEach(function (it) {
      var row = h('span', { class: 'ring-key', 'data-kind': it[0] }, legend);
      h('span', { class: 'ring-swatch', style: 'border-color:' + RING[it[0]] }, row);
      h('span', {}, row, it[2]);
    });
    return { canvas: canvas, plan: plan, index: p, rings: null, samples: [] };
  });

  function markerPx() { return n > 20000 ? 2 : n > 4000 ? 3 : 4.5; }
  function fitView(w, hgt) { view.kmPerPx = Math.max(fullView.w / w, fullView.h / hgt); }

  function draw(m) {
    var canvas = m.canvas, plan = m.plan;
    var dpr = window.devicePixelRatio || 1;
    var w = canvas.clientWidth, hgt = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(hgt * dpr);
    }
    if (!view.kmPerPx) fitView(w, hgt);
    var g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#f4f6f8';
    g.fillRect(0, 0, w, hgt);
    var s = 1 / view.kmPerPx, ox = w / 2 - view.cx * s, oy = hgt / 2 - view.cy * s;
    var size = markerPx(), half = size / 2;
    // Thousands of outlets: smaller homes and thinner rings, so the rings do not cover the map.
    var dense = n > 20000;
    var shown = 0, lastRep = -1;
    function visible(i) { return state.pool < 0 || plan.pool[i] === state.pool; }
    function colour(r) { return r === REP_NONE ? '#9a9a9a' : data.reps[r][2]; }
    g.beginPath();
    for (var k = 0; k < plan.order.length; k++) {
      var i = plan.order[k];
      if (!visible(i)) continue;
      var r = plan.rep[i];
      if (r !== lastRep) {
        if (lastRep !== -1) g.fill();
        g.beginPath();
        g.fillStyle = colour(r);
        g.globalAlpha = state.fade && state.rings ? 0.35 : 1;
        lastRep = r;
      }
      g.rect(ox + X[i] * s - half, oy + Y[i] * s - half, size, size);
      shown += 1;
    }
    if (lastRep !== -1) g.fill();
    g.globalAlpha = 1;
    // Homes: a rep-coloured square with a dark border.
    var home = dense ? 2.5 : 4;
    plan.meta.homes.forEach(function (hm) {
      var x = ox + lonX(hm[1]) * s, y = oy + latY(hm[2]) * s;
      g.fillStyle = colour(hm[0]);
      g.fillRect(x - home, y - home, 2 * home, 2 * home);
      g.strokeStyle = '#111';
      g.lineWidth = dense ? 1 : 1.5;
      g.strokeRect(x - home, y - home, 2 * home, 2 * home);
    });
    var rings = { rep: 0, day: 0, here: 0, later: 0, gone: 0 };
    var samples = [];
    var radius = size + (dense ? 1.5 : 2.5);
    if (state.rings) {
      var kinds = m.index === 0
        ? [['gone', F_GONE, 0], ['later', F_LATER, 0]]
        : [['here', F_HERE, 0], ['day', F_DAY, F_REP], ['rep', F_REP, 0]];
      kinds.forEach(function (kind) {
        g.beginPath();
        g.strokeStyle = RING[kind[0]];
        g.lineWidth = (kind[0] === 'later' ? 0.7 : 1) * (dense ? 1 : 1.6);
        for (var i = 0; i < n; i++) {
          var f = plan.flags[i];
          if (!(f & kind[1]) || (f & kind[2]) || plan.rep[i] === REP_ABSENT || !visible(i)) continue;
          var x = ox + X[i] * s, y = oy + Y[i] * s;
          g.moveTo(x + radius, y);
          g.arc(x, y, radius, 0, 2 * Math.PI);
          rings[kind[0]] += 1;
          if (rings[kind[0]] <= 20 && x > radius && y > radius && x < w - radius && y < hgt - radius)
            samples.push({ kind: kind[0], x: x, y: y, r: radius, id: data.ids[i] });
        }
        g.stroke();
      });
    }
    drawScale(g, w, hgt);
    m.rings = rings;
    m.samples = samples;
    canvas.setAttribute('data-drawn', String(shown));
    canvas.setAttribute('data-rings', JSON.stringify(rings));
  }

  function drawScale(g, w, hgt) {
    var target = view.kmPerPx * 100, km = 0.1;
    [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200].forEach(function (v) { if (v <= target) km = v; });
    var px = km / view.kmPerPx;
    g.strokeStyle = '#333';
    g.lineWidth = 3;
    g.beginPath();
    g.moveTo(10, hgt - 12);
    g.lineTo(10 + px, hgt - 12);
    g.stroke();
    g.fillStyle = '#333';
    g.font = '11px system-ui, sans-serif';
    g.fillText(km + ' km', 10, hgt - 18);
  }

  function drawAll() {
    var start = performance.now();
    maps.forEach(draw);
    window.compareState.lastDrawMs = Math.round(performance.now() - start);
    window.compareState.maps = maps.map(function (m) {
      return { label: m.plan.meta.label, drawn: Number(m.canvas.getAttribute('data-drawn')), rings: m.rings, samples: m.samples };
    });
  }

  // ---- interaction: one shared view ----
  function zoom(factor, m, px, py) {
    var w = m ? m.canvas.clientWidth : 0, hgt = m ? m.canvas.clientHeight : 0;
    var ax = m ? view.cx + (px - w / 2) * view.kmPerPx : view.cx;
    var ay = m ? view.cy + (py - hgt / 2) * view.kmPerPx : view.cy;
    view.kmPerPx *= factor;
    view.cx = ax - (ax - view.cx) * factor;
    view.cy = ay - (ay - view.cy) * factor;
    drawAll();
  }
  var drag = null;
  maps.forEach(function (m) {
    var c = m.canvas;
    c.addEventListener('wheel', function (e) {
      e.preventDefault();
      var r = c.getBoundingClientRect();
      zoom(e.deltaY > 0 ? 1.25 : 0.8, m, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    c.addEventListener('mousedown', function (e) { drag = { x: e.clientX, y: e.clientY, cx: view.cx, cy: view.cy, moved: false }; });
    c.addEventListener('click', function (e) {
      if (drag && drag.moved) return;
      var r = c.getBoundingClientRect();
      pick(m, e.clientX - r.left, e.clientY - r.top);
    });
  });
  window.addEventListener('mousemove', function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    view.cx = drag.cx - dx * view.kmPerPx;
    view.cy = drag.cy - dy * view.kmPerPx;
    drawAll();
  });
  window.addEventListener('mouseup', function () { setTimeout(function () { drag = null; }, 0); });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(0.8); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('zoom-reset').addEventListener('click', function () {
    view.cx = fullView.cx; view.cy = fullView.cy; view.kmPerPx = 0; drawAll();
  });
  var poolSelect = document.getElementById('pool-select');
  h('option', { value: '-1' }, poolSelect, t('compare.pools.all'));
  data.pools.forEach(function (id, k) { h('option', { value: String(k) }, poolSelect, t('compare.pools.option', { pool: id })); });
  poolSelect.addEventListener('change', function () { state.pool = Number(poolSelect.value); drawAll(); });
  var ringsBox = document.getElementById('toggle-rings');
  ringsBox.addEventListener('change', function () { state.rings = ringsBox.checked; drawAll(); });
  var fadeBox = document.getElementById('toggle-fade');
  fadeBox.addEventListener('change', function () { state.fade = fadeBox.checked; drawAll(); });
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawAll, 100);
  });

  // ---- click: the nearest outlet of that map, shown in every plan ----
  function daysText(bits) {
    var out = [];
    for (var d = 0; d < 7; d++) if (bits & (1 << d)) out.push(t('common.weekday.' + DAYS[d]));
    return out.join('+') || '-';
  }
  function pick(m, px, py) {
    var w = m.canvas.clientWidth, hgt = m.canvas.clientHeight;
    var kx0 = view.cx + (px - w / 2) * view.kmPerPx, ky0 = view.cy + (py - hgt / 2) * view.kmPerPx;
    var best = -1, bestD = Infinity, limit = 10 * view.kmPerPx;
    for (var i = 0; i < n; i++) {
      if (m.plan.rep[i] === REP_ABSENT) continue;
      var d = Math.abs(X[i] - kx0) + Math.abs(Y[i] - ky0);
      if (d < bestD) { bestD = d; best = i; }
    }
    var box = document.getElementById('pick');
    while (box.firstChild) box.removeChild(box.firstChild);
    if (best < 0 || bestD > limit) { h('p', { class: 'hint' }, box, t('compare.pick.none')); return; }
    h('h3', {}, box, t('compare.pick.heading', { id: data.ids[best] }));
    var table = h('table', { class: 'pick' }, box);
    var head = h('tr', {}, table);
    ['plan', 'rep', 'weekdays', 'against'].forEach(function (c) { h('th', {}, head, t('compare.pick.col.' + c)); });
    plans.forEach(function (plan, p) {
      var tr = h('tr', {}, table);
      var r = plan.rep[best], f = plan.flags[best];
      h('td', {}, tr, plan.meta.label);
      h('td', {}, tr, r === REP_ABSENT ? t('compare.pick.absent') : r === REP_NONE ? t('common.unassigned') : data.reps[r][0] + ' ' + data.reps[r][1]);
      h('td', {}, tr, r === REP_ABSENT ? '' : daysText(plan.days[best]));
      var what = [];
      if (p === 0) what.push(t('compare.pick.baseline'));
      if (f & F_REP) what.push(t('compare.pick.repChanged'));
      if (f & F_DAY) what.push(t('compare.pick.weekdayChanged'));
      if (f & F_HERE) what.push(t('compare.pick.notInBaseline'));
      h('td', {}, tr, what.join(t('common.listSeparator')));
    });
  }

  window.compareState = { decodeMs: Math.round(performance.now() - t0), maps: [] };
  drawAll();
  window.compareState.renderMs = Math.round(performance.now() - t0);
  document.body.setAttribute('data-ready', 'true');
})();
`;
