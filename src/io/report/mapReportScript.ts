/**
 * The map page's script, as plain browser JavaScript (ES2017, no modules, no libraries) so that
 * map.html works offline from a file:// URL. It reads the JSON embedded in #plan-data and draws
 * the territories, outlets, routes, legend, balance chart and changes table as SVG/DOM. All
 * plan text is inserted with textContent, never as HTML. Kept free of backticks and dollar-brace
 * so it can live in a String.raw literal.
 */
export const MAP_REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('plan-data').textContent);
  var SVGNS = 'http://www.w3.org/2000/svg';
  var TIER_LABEL = { large: 'Large (core)', 'night-venue': 'Night venue', medium: 'Medium (potential)', small: 'Small (basic)' };

  function h(tag, attrs, parent, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }
  function s(tag, attrs, parent, text) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }
  function fmt(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return '-';
    return Number(v).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 1 : digits });
  }
  function pct(v) { return v === null || v === undefined ? '-' : fmt(v * 100, 1) + '%'; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ---- header KPIs ----
  var t = data.totals;
  var kpis = [
    ['Outlets', fmt(t.outlets, 0)],
    ['Reps', fmt(t.reps, 0)],
    ['Visits / cycle', fmt(t.visits, 0)],
    ['Visits / rep-day', fmt(t.visitsPerDay, 1)],
    ['Km / cycle', fmt(t.km, 0)],
    ['Load balance', data.balance ? pct(data.balance.min) + ' - ' + pct(data.balance.max) : '-'],
    ['Over-budget days', fmt(t.overBudgetDays, 0)],
    ['Unassigned', fmt(t.unassigned, 0)],
    ['Quarantined rows', fmt(t.quarantined, 0)]
  ];
  var kpiBox = document.getElementById('kpis');
  kpis.forEach(function (k) {
    var card = h('div', { class: 'kpi' }, kpiBox);
    h('div', { class: 'kpi-value' }, card, k[1]);
    h('div', { class: 'kpi-label' }, card, k[0]);
  });

  // ---- projection: local km around the centre of the data ----
  var lons = [], lats = [];
  data.outlets.forEach(function (o) { lons.push(o[3]); lats.push(o[4]); });
  data.reps.forEach(function (r) { lons.push(r.home[0]); lats.push(r.home[1]); });
  if (lons.length === 0) { lons.push(0); lats.push(0); }
  var minLon = Math.min.apply(null, lons), maxLon = Math.max.apply(null, lons);
  var minLat = Math.min.apply(null, lats), maxLat = Math.max.apply(null, lats);
  var lon0 = (minLon + maxLon) / 2, lat0 = (minLat + maxLat) / 2;
  var kx = 111.32 * Math.cos(lat0 * Math.PI / 180), ky = 110.57;
  function X(lon) { return (lon - lon0) * kx; }
  function Y(lat) { return -(lat - lat0) * ky; }
  var spanX = Math.max(0.5, (maxLon - minLon) * kx), spanY = Math.max(0.5, (maxLat - minLat) * ky);
  var pad = Math.max(spanX, spanY) * 0.06;
  var home = { x: X(minLon) - pad, y: Y(maxLat) - pad, w: spanX + 2 * pad, h: spanY + 2 * pad };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };

  var svg = document.getElementById('map');
  var gTerr = s('g', { id: 'layer-territories' }, svg);
  var gMoved = s('g', { id: 'layer-moved' }, svg);
  var gRoute = s('g', { id: 'layer-routes' }, svg);
  var gOut = s('g', { id: 'layer-outlets' }, svg);
  var gHome = s('g', { id: 'layer-homes' }, svg);
  var gScale = document.getElementById('scale');
  var state = { rep: -1, route: -1, pool: '', showOutlets: true, showTerritories: true };
  function inPool(pool) { return !state.pool || pool === state.pool; }

  function applyView() {
    svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' '));
    drawMarkers();
    drawRoutes();
    drawScale();
  }

  // Territories: one polygon per rep, coloured per rep.
  data.territories.forEach(function (terr) {
    var rep = data.reps[terr.rep];
    var d = terr.ring.map(function (p, i) { return (i ? 'L' : 'M') + X(p[0]).toFixed(4) + ' ' + Y(p[1]).toFixed(4); }).join(' ') + ' Z';
    var path = s('path', { d: d, class: 'territory', fill: rep.color, stroke: rep.color, 'data-rep': rep.id, 'data-pool': rep.pool || '' }, gTerr);
    s('title', {}, path, rep.id + ' ' + rep.name + ' (' + rep.tier + '): ' + rep.outlets + ' outlets');
    path.addEventListener('click', function () { selectRep(terr.rep); });
  });

  // Moved outlets: a dashed line from the previous position to the outlet's marker.
  (data.moves || []).forEach(function (m) {
    var o = data.outlets[m[0]];
    var line = s('line', { class: 'moved' + (m[3] ? ' reassigned' : ''), x1: X(m[1]), y1: Y(m[2]), x2: X(o[3]), y2: Y(o[4]) }, gMoved);
    s('title', {}, line, o[1] + ' (' + o[0] + ') moved here' + (m[3] ? ' and changed rep' : ''));
  });

  // Markers keep a constant on-screen size (about 5 px) whatever the zoom.
  function kmPerPixel() {
    var rect = svg.getBoundingClientRect();
    if (!rect.width || !rect.height) return view.w / 900;
    return Math.max(view.w / rect.width, view.h / rect.height);
  }
  var MARKER_PX = data.outlets.length > 600 ? 3.2 : 4.5;
  function markerSize() { return MARKER_PX * kmPerPixel(); }
  function shape(tierIndex, x, y, size, parent, attrs) {
    var node;
    if (tierIndex === 0) node = s('rect', { x: x - size, y: y - size, width: 2 * size, height: 2 * size }, parent);
    else if (tierIndex === 1) node = s('path', { d: 'M' + x + ' ' + (y - size * 1.3) + ' L' + (x + size * 1.3) + ' ' + y + ' L' + x + ' ' + (y + size * 1.3) + ' L' + (x - size * 1.3) + ' ' + y + ' Z' }, parent);
    else if (tierIndex === 2) node = s('circle', { cx: x, cy: y, r: size }, parent);
    else node = s('circle', { cx: x, cy: y, r: size * 0.62 }, parent);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }

  function drawMarkers() {
    clear(gOut);
    clear(gHome);
    var size = markerSize();
    if (state.showOutlets) {
      data.outlets.forEach(function (o) {
        if (!inPool(o[6])) return;
        var rep = o[5] >= 0 ? data.reps[o[5]] : null;
        var dim = state.rep >= 0 && o[5] !== state.rep;
        var node = shape(o[2], X(o[3]), Y(o[4]), size, gOut, {
          class: 'outlet tier-' + data.tiers[o[2]] + (dim ? ' dim' : ''),
          fill: rep ? rep.color : '#9a9a9a'
        });
        s('title', {}, node, o[1] + ' (' + o[0] + ') - ' + TIER_LABEL[data.tiers[o[2]]] + ' - ' + (rep ? rep.id + ' ' + rep.name : 'unassigned'));
      });
    }
    data.reps.forEach(function (rep, i) {
      if (state.rep >= 0 && i !== state.rep) return;
      if (!inPool(rep.pool)) return;
      var x = X(rep.home[0]), y = Y(rep.home[1]), z = size * 1.6;
      var node = s('path', { class: 'home', d: 'M' + x + ' ' + (y - z) + ' L' + (x + z) + ' ' + y + ' L' + (x + z * 0.6) + ' ' + y + ' L' + (x + z * 0.6) + ' ' + (y + z) + ' L' + (x - z * 0.6) + ' ' + (y + z) + ' L' + (x - z * 0.6) + ' ' + y + ' L' + (x - z) + ' ' + y + ' Z', fill: rep.color }, gHome);
      s('title', {}, node, 'Home / office of ' + rep.id + ' ' + rep.name);
    });
  }

  function routePoints(route) {
    var rep = data.reps[route.rep];
    var pts = [[X(rep.home[0]), Y(rep.home[1])]];
    route.stops.forEach(function (st) { var o = data.outlets[st[0]]; pts.push([X(o[3]), Y(o[4])]); });
    pts.push(pts[0]);
    return pts;
  }

  function drawRoutes() {
    clear(gRoute);
    var size = markerSize();
    var list = [];
    if (state.route >= 0) list = [data.routes[state.route]];
    else if (state.route === -2 && state.rep >= 0) list = data.routes.filter(function (r) { return r.rep === state.rep; });
    list.forEach(function (route) {
      var rep = data.reps[route.rep];
      var pts = routePoints(route);
      var line = s('polyline', { class: list.length > 1 ? 'route faint' : 'route', points: pts.map(function (p) { return p[0].toFixed(4) + ',' + p[1].toFixed(4); }).join(' '), stroke: rep.color }, gRoute);
      s('title', {}, line, rep.id + ' week ' + route.week + ' ' + route.weekday + ': ' + route.stops.length + ' stops, ' + fmt(route.km) + ' km, ' + fmt(route.minutes, 0) + ' min');
      if (list.length === 1) {
        route.stops.forEach(function (st, i) {
          var p = pts[i + 1];
          s('circle', { class: 'stop-badge', cx: p[0], cy: p[1] - size * 2.6, r: size * 1.9, stroke: rep.color }, gRoute);
          s('text', { class: 'stop-label', x: p[0], y: p[1] - size * 2.6, 'font-size': size * 2.3 }, gRoute, i + 1);
        });
      }
    });
  }

  function drawScale() {
    clear(gScale);
    var kmPerPx = kmPerPixel();
    var target = kmPerPx * 120;
    var steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
    var km = steps[0];
    steps.forEach(function (v) { if (v <= target) km = v; });
    var px = km / kmPerPx;
    s('line', { x1: 10, y1: 20, x2: 10 + px, y2: 20, class: 'scale-line' }, gScale);
    s('text', { x: 10, y: 14, class: 'scale-text' }, gScale, km + ' km');
  }

  // ---- zoom and pan ----
  function zoomAt(factor, cx, cy) {
    var nw = view.w * factor, nh = view.h * factor;
    view.x = cx - (cx - view.x) * factor;
    view.y = cy - (cy - view.y) * factor;
    view.w = nw;
    view.h = nh;
    applyView();
  }
  function toMap(evt) {
    var rect = svg.getBoundingClientRect();
    var scale = Math.max(view.w / rect.width, view.h / rect.height);
    var offX = (rect.width * scale - view.w) / 2, offY = (rect.height * scale - view.h) / 2;
    return { x: view.x - offX + (evt.clientX - rect.left) * scale, y: view.y - offY + (evt.clientY - rect.top) * scale, scale: scale };
  }
  svg.addEventListener('wheel', function (evt) {
    evt.preventDefault();
    var p = toMap(evt);
    zoomAt(evt.deltaY > 0 ? 1.2 : 1 / 1.2, p.x, p.y);
  }, { passive: false });
  var drag = null;
  svg.addEventListener('mousedown', function (evt) { drag = { x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y, scale: toMap(evt).scale }; });
  window.addEventListener('mousemove', function (evt) {
    if (!drag) return;
    view.x = drag.vx - (evt.clientX - drag.x) * drag.scale;
    view.y = drag.vy - (evt.clientY - drag.y) * drag.scale;
    svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' '));
  });
  window.addEventListener('mouseup', function () { drag = null; });
  document.getElementById('zoom-in').addEventListener('click', function () { zoomAt(1 / 1.5, view.x + view.w / 2, view.y + view.h / 2); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomAt(1.5, view.x + view.w / 2, view.y + view.h / 2); });
  document.getElementById('zoom-reset').addEventListener('click', function () { view = { x: home.x, y: home.y, w: home.w, h: home.h }; applyView(); });
  window.addEventListener('resize', drawScale);

  function fitRep(i) {
    var xs = [], ys = [];
    data.outlets.forEach(function (o) { if (o[5] === i) { xs.push(X(o[3])); ys.push(Y(o[4])); } });
    var rep = data.reps[i];
    xs.push(X(rep.home[0]));
    ys.push(Y(rep.home[1]));
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var p = Math.max(x1 - x0, y1 - y0, 0.5) * 0.12;
    view = { x: x0 - p, y: y0 - p, w: x1 - x0 + 2 * p, h: y1 - y0 + 2 * p };
  }

  // ---- controls ----
  var poolSelect = document.getElementById('pool-select');
  h('option', { value: '' }, poolSelect, 'All pools');
  data.pools.forEach(function (id) {
    var reps = data.reps.filter(function (r) { return r.pool === id; }).length;
    var outlets = data.outlets.filter(function (o) { return o[6] === id; }).length;
    h('option', { value: id }, poolSelect, 'Pool ' + id + ' (' + reps + ' reps, ' + outlets + ' outlets)');
  });
  function applyPool() {
    Array.prototype.forEach.call(gTerr.childNodes, function (node) {
      node.style.display = inPool(node.getAttribute('data-pool')) ? '' : 'none';
    });
    Array.prototype.forEach.call(document.querySelectorAll('.legend-rep'), function (node) {
      node.style.display = inPool(node.getAttribute('data-pool')) ? '' : 'none';
    });
  }
  poolSelect.addEventListener('change', function () {
    state.pool = poolSelect.value;
    if (state.rep >= 0 && !inPool(data.reps[state.rep].pool)) selectRep(-1);
    applyPool();
    applyView();
  });
  var repSelect = document.getElementById('rep-select');
  var daySelect = document.getElementById('day-select');
  h('option', { value: '-1' }, repSelect, 'All reps');
  data.reps.forEach(function (rep, i) { h('option', { value: String(i) }, repSelect, rep.id + ' - ' + rep.name + ' (' + rep.tier + ', ' + rep.outlets + ' outlets)'); });

  function fillDays() {
    clear(daySelect);
    h('option', { value: '-1' }, daySelect, state.rep >= 0 ? 'No route' : 'Pick a rep to see routes');
    if (state.rep < 0) { daySelect.disabled = true; return; }
    daySelect.disabled = false;
    h('option', { value: '-2' }, daySelect, 'All routes of the cycle');
    data.routes.forEach(function (route, i) {
      if (route.rep !== state.rep) return;
      h('option', { value: String(i) }, daySelect, 'Week ' + route.week + ' ' + route.weekday + ': ' + route.stops.length + ' stops, ' + fmt(route.km) + ' km, ' + route.departure + '-' + route.end);
    });
  }

  function selectRep(i) {
    state.rep = i;
    if (i >= 0 && !inPool(data.reps[i].pool)) {
      state.pool = data.reps[i].pool || '';
      poolSelect.value = state.pool;
      applyPool();
    }
    state.route = -1;
    repSelect.value = String(i);
    fillDays();
    Array.prototype.forEach.call(gTerr.childNodes, function (node) {
      node.classList.toggle('dim', i >= 0 && node.getAttribute('data-rep') !== data.reps[i].id);
      node.classList.toggle('active', i >= 0 && node.getAttribute('data-rep') === data.reps[i].id);
    });
    Array.prototype.forEach.call(document.querySelectorAll('.legend-rep'), function (node) {
      node.classList.toggle('active', i >= 0 && node.getAttribute('data-rep') === data.reps[i].id);
    });
    if (i >= 0) fitRep(i); else view = { x: home.x, y: home.y, w: home.w, h: home.h };
    applyView();
    renderSide();
  }
  function selectRoute(i) {
    state.route = i;
    daySelect.value = String(i);
    drawRoutes();
    renderSide();
  }
  repSelect.addEventListener('change', function () { selectRep(Number(repSelect.value)); });
  daySelect.addEventListener('change', function () { selectRoute(Number(daySelect.value)); });
  function stepRoute(delta) {
    if (state.rep < 0) return;
    var mine = [];
    data.routes.forEach(function (r, i) { if (r.rep === state.rep) mine.push(i); });
    if (mine.length === 0) return;
    var at = mine.indexOf(state.route);
    var next = at < 0 ? (delta > 0 ? 0 : mine.length - 1) : (at + delta + mine.length) % mine.length;
    selectRoute(mine[next]);
  }
  document.getElementById('prev-day').addEventListener('click', function () { stepRoute(-1); });
  document.getElementById('next-day').addEventListener('click', function () { stepRoute(1); });
  document.getElementById('toggle-outlets').addEventListener('change', function (evt) { state.showOutlets = evt.target.checked; drawMarkers(); });
  document.getElementById('toggle-territories').addEventListener('change', function (evt) { gTerr.style.display = evt.target.checked ? '' : 'none'; });

  // ---- side panel: rep card and the stops of the selected day ----
  var side = document.getElementById('side');
  function renderSide() {
    clear(side);
    if (state.rep < 0) {
      h('h3', {}, side, 'Region overview');
      h('p', { class: 'hint' }, side, 'Click a territory or a rep in the legend, then pick a day to follow its route. Scroll to zoom, drag to pan.');
      var tbl = h('table', { class: 'mini' }, side);
      var hr = h('tr', {}, tbl);
      ['Tier', 'Outlets', 'Visits', 'Share'].forEach(function (c) { h('th', {}, hr, c); });
      data.outletTiers.forEach(function (ot) {
        var tr = h('tr', {}, tbl);
        h('td', {}, tr, TIER_LABEL[ot.tier]);
        h('td', { class: 'num' }, tr, fmt(ot.outlets, 0));
        h('td', { class: 'num' }, tr, fmt(ot.visits, 0));
        h('td', { class: 'num' }, tr, pct(ot.shareOfVisits));
      });
      // Staffing: a pool above 100% cannot fit its visit policy with its reps.
      h('h4', {}, side, 'Pools: working time used');
      var ptbl = h('table', { class: 'mini' }, side);
      var phr = h('tr', {}, ptbl);
      ['Pool', 'Reps', 'Outlets', 'Time used', 'Reps for load'].forEach(function (c) { h('th', {}, phr, c); });
      data.poolStaffing.forEach(function (p) {
        var tr = h('tr', { class: p.utilisation !== null && p.utilisation > 1 ? 'over' : '' }, ptbl);
        h('td', {}, tr, p.id);
        h('td', { class: 'num' }, tr, fmt(p.reps, 0));
        h('td', { class: 'num' }, tr, fmt(p.outlets, 0));
        h('td', { class: 'num' }, tr, p.utilisation === null ? '-' : pct(p.utilisation));
        h('td', { class: 'num' }, tr, p.repsForLoad === null ? '-' : fmt(p.repsForLoad, 0));
      });
      return;
    }
    var rep = data.reps[state.rep];
    var title = h('h3', {}, side);
    h('span', { class: 'swatch', style: 'background:' + rep.color }, title);
    title.appendChild(document.createTextNode(rep.id + ' ' + rep.name));
    var dl = h('dl', { class: 'facts' }, side);
    [
      ['Tier / pool', rep.tier + ' / ' + (rep.pool || '-')],
      ['Outlets', fmt(rep.outlets, 0)],
      ['Visits / cycle', fmt(rep.visits, 0) + ' on ' + rep.routeDays + ' days'],
      ['Visits / day', fmt(rep.visitsPerDay, 1)],
      ['Km / cycle', fmt(rep.km, 1)],
      ['Load / target', fmt(rep.loadMinutes, 0) + ' / ' + fmt(rep.targetMinutes, 0) + ' min'],
      ['Balance', pct(rep.balance)],
      ['Over-budget days', fmt(rep.overBudgetDays, 0)]
    ].forEach(function (f) { h('dt', {}, dl, f[0]); h('dd', {}, dl, f[1]); });
    rep.flags.forEach(function (flag) { h('p', { class: 'flag' }, side, flag); });
    if (state.route < 0) return;
    var route = data.routes[state.route];
    h('h4', {}, side, 'Week ' + route.week + ' ' + route.weekday + ' - ' + route.departure + ' to ' + route.end + (route.departure !== route.start ? ' (day starts ' + route.start + ')' : '') + ', ' + fmt(route.km) + ' km, ' + fmt(route.minutes, 0) + ' min' + (route.overBudgetMinutes > 0 ? ' (' + fmt(route.overBudgetMinutes, 0) + ' min over budget)' : ''));
    var table = h('table', { class: 'mini stops' }, side);
    var head = h('tr', {}, table);
    ['#', 'Arrive', 'Outlet', 'Tier'].forEach(function (c) { h('th', {}, head, c); });
    route.stops.forEach(function (st, i) {
      var o = data.outlets[st[0]];
      var tr = h('tr', {}, table);
      h('td', { class: 'num' }, tr, i + 1);
      h('td', {}, tr, st[1]);
      h('td', {}, tr, o[1] + ' (' + o[0] + ')');
      h('td', {}, tr, data.tiers[o[2]]);
    });
  }

  // ---- legend ----
  var legend = document.getElementById('legend');
  var repsBox = h('div', { class: 'legend-group' }, legend);
  h('div', { class: 'legend-title' }, repsBox, 'Reps (click to select)');
  data.reps.forEach(function (rep, i) {
    var item = h('button', { class: 'legend-rep', type: 'button', 'data-rep': rep.id, 'data-pool': rep.pool || '' }, repsBox);
    h('span', { class: 'swatch', style: 'background:' + rep.color }, item);
    item.appendChild(document.createTextNode(rep.id + ' ' + rep.name + ' (' + rep.tier + ')'));
    item.addEventListener('click', function () { selectRep(state.rep === i ? -1 : i); });
  });
  var tiersBox = h('div', { class: 'legend-group' }, legend);
  h('div', { class: 'legend-title' }, tiersBox, 'Outlet tiers');
  data.tiers.forEach(function (tier, i) {
    var item = h('div', { class: 'legend-tier' }, tiersBox);
    var icon = s('svg', { width: 16, height: 16, viewBox: '-8 -8 16 16' }, item);
    shape(i, 0, 0, 5, icon, { class: 'outlet', fill: '#777' });
    item.appendChild(document.createTextNode(TIER_LABEL[tier]));
  });
  var homeItem = h('div', { class: 'legend-tier' }, tiersBox);
  var homeIcon = s('svg', { width: 16, height: 16, viewBox: '-8 -8 16 16' }, homeItem);
  s('path', { class: 'home', d: 'M0 -7 L7 0 L4 0 L4 7 L-4 7 L-4 0 L-7 0 Z', fill: '#777' }, homeIcon);
  homeItem.appendChild(document.createTextNode('Rep home / office'));

  // ---- balance chart: load against target per rep, grouped by pool ----
  function renderChart() {
    var chart = document.getElementById('balance-chart');
    var reps = data.reps.map(function (r, i) { return { r: r, i: i }; });
    reps.sort(function (a, b) { return String(a.r.pool).localeCompare(String(b.r.pool)) || a.r.id.localeCompare(b.r.id); });
    var hasLoad = reps.some(function (x) { return x.r.loadMinutes !== null; });
    var hasMinutes = reps.some(function (x) { return x.r.totalMinutes > 0; });
    var value = function (r) { return hasLoad ? (r.loadMinutes || 0) : hasMinutes ? r.totalMinutes : r.outlets; };
    var unit = hasLoad || hasMinutes ? ' min' : ' outlets';
    var target = function (r) { return hasLoad ? r.targetMinutes : null; };
    var max = 1;
    reps.forEach(function (x) { max = Math.max(max, value(x.r), target(x.r) || 0); });
    var rowH = 26, left = 190, right = 250, width = 900, top = 28;
    var height = top + reps.length * rowH + 10;
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    chart.setAttribute('height', String(height));
    var plotW = width - left - right;
    s('text', { x: left, y: 16, class: 'axis-title' }, chart, hasLoad ? 'Territory load per cycle (minutes); tick = target' : hasMinutes ? 'Route minutes per cycle' : 'Outlets per rep (no territory loads or routes in this plan)');
    var lastPool = null;
    reps.forEach(function (x, row) {
      var r = x.r, y = top + row * rowH;
      if (r.pool !== lastPool && row > 0) s('line', { x1: 0, x2: width, y1: y - 2, y2: y - 2, class: 'pool-sep' }, chart);
      lastPool = r.pool;
      var label = s('text', { x: left - 8, y: y + rowH / 2 + 4, class: 'bar-label' }, chart, r.id + ' ' + r.name + ' [' + (r.pool || '-') + ']');
      label.style.cursor = 'pointer';
      label.addEventListener('click', function () { selectRep(x.i); document.getElementById('map-section').scrollIntoView(); });
      var w = Math.max(1, plotW * value(r) / max);
      var bar = s('rect', { x: left, y: y + 4, width: w, height: rowH - 8, fill: r.color, class: 'bar', 'data-rep': r.id }, chart);
      s('title', {}, bar, r.id + ': ' + fmt(value(r), 0) + (target(r) ? ' / ' + fmt(target(r), 0) + ' min target' : ''));
      if (target(r)) {
        var tx = left + plotW * target(r) / max;
        s('line', { x1: tx, x2: tx, y1: y + 1, y2: y + rowH - 1, class: 'target-tick' }, chart);
      }
      var dev = r.balance === null ? null : r.balance - 1;
      var note = fmt(value(r), 0) + unit + (dev === null ? '' : '  ' + (dev >= 0 ? '+' : '') + fmt(dev * 100, 1) + '% of target') + (r.visitsPerDay === null ? '' : '  ' + fmt(r.visitsPerDay, 1) + ' visits/day') + (r.overBudgetDays ? '  ' + r.overBudgetDays + ' days over budget' : '');
      s('text', { x: left + w + 6, y: y + rowH / 2 + 4, class: 'bar-note' + (dev !== null && Math.abs(dev) > 0.05 ? ' off' : '') }, chart, note);
    });
  }

  // ---- changes table ----
  function renderChanges() {
    var counts = data.changeCounts;
    var box = document.getElementById('change-counts');
    var kinds = [['all', 'All'], ['new', 'New (' + counts.new + ')'], ['closed', 'Closed (' + counts.closed + ')'], ['rep', 'Rep changed (' + counts.repChanged + ')'], ['weekday', 'Weekday changed (' + counts.weekdayChanged + ')'], ['tier', 'Tier changed (' + counts.tierChanged + ')'], ['moved', 'Moved (' + (counts.moved || 0) + ')']];
    var current = 'all';
    var search = document.getElementById('change-filter');
    var body = document.getElementById('changes-body');
    var status = document.getElementById('changes-status');
    if (!data.hasPrevious) h('p', { class: 'hint' }, box, 'First plan of this region: every outlet is new.');
    var chips = h('div', { class: 'chips' }, box);
    kinds.forEach(function (k) {
      var chip = h('button', { type: 'button', class: 'chip' + (k[0] === 'all' ? ' active' : ''), 'data-kind': k[0] }, chips, k[1]);
      chip.addEventListener('click', function () {
        current = k[0];
        Array.prototype.forEach.call(chips.childNodes, function (c) { c.classList.toggle('active', c === chip); });
        fill();
      });
    });
    var LIMIT = 400;
    function fill() {
      clear(body);
      var q = search.value.trim().toLowerCase();
      var rows = data.changes.filter(function (c) {
        return (current === 'all' || c.kind === current) && (!q || (c.outletId + ' ' + c.name + ' ' + c.detail + ' ' + c.reason).toLowerCase().indexOf(q) >= 0);
      });
      rows.slice(0, LIMIT).forEach(function (c) {
        var tr = h('tr', {}, body);
        h('td', {}, tr).appendChild(h('span', { class: 'kind kind-' + c.kind }, null, c.kind));
        h('td', {}, tr, c.outletId);
        h('td', {}, tr, c.name);
        h('td', {}, tr, c.detail);
        h('td', {}, tr, c.reason);
      });
      status.textContent = rows.length === 0 ? 'No changes.' : 'Showing ' + Math.min(LIMIT, rows.length) + ' of ' + rows.length + ' changes.';
    }
    search.addEventListener('input', fill);
    fill();
  }

  var warn = document.getElementById('warnings');
  data.warnings.forEach(function (w) { h('li', {}, warn, w); });
  if (data.warnings.length === 0) warn.parentNode.style.display = 'none';

  fillDays();
  renderSide();
  renderChart();
  renderChanges();
  applyView();
  document.body.setAttribute('data-ready', 'true');
})();
`;
