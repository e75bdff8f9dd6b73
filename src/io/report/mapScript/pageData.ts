/**
 * Page script, part 1 of the map report (see mapReportScript.ts): DOM and number helpers, the
 * embedded data, Web Mercator world coordinates of every outlet, home, closed outlet and outline
 * vertex (decoded once into typed arrays), per-rep outlet groups and route lists, and the
 * selection state shared by the other parts.
 */
export const PAGE_DATA_SCRIPT = String.raw`
  var data = JSON.parse(document.getElementById('plan-data').textContent);
  var SVGNS = 'http://www.w3.org/2000/svg';
  var MSG = JSON.parse(document.getElementById('report-messages').textContent);
  var review = data.review;
  /** The catalogue text of a key with its {name} placeholders filled; a missing key shows as [[missing key]]. */
  function t(key, params) {
    var text = MSG[key];
    if (typeof text !== 'string' || text === '') return '[[missing ' + key + ']]';
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return params && params[name] !== undefined && params[name] !== null ? String(params[name]) : all;
    });
  }
  var TIER_LABEL = {};
  data.tiers.forEach(function (tier) { TIER_LABEL[tier] = t('common.tier.' + tier); });
  function repTierLabel(tier) { return t('common.repTier.' + tier); }
  function weekdayLabel(day) { return t('common.weekday.' + day); }
  var AGAINST = review.againstVersion ? t('map.against.version', { version: review.againstVersion })
    : review.againstPlanAt ? t('map.against.plan', { time: review.againstPlanAt }) : null;

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
  function clock(minutes) {
    var hh = Math.floor(minutes / 60), mm = minutes - hh * 60;
    return (hh < 10 ? '0' : '') + hh + ':' + (mm < 10 ? '0' : '') + mm;
  }

  // ---- Web Mercator world coordinates in [0, 1] (tile pixel = world x 256 x 2^zoom) ----
  var UNITS = data.unitsPerDegree, LON0 = data.origin[0], LAT0 = data.origin[1];
  function worldX(qx) { return (LON0 + qx / UNITS + 180) / 360; }
  function worldY(qy) {
    var sin = Math.sin((LAT0 + qy / UNITS) * Math.PI / 180);
    return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  }
  function latOfWorldY(wy) { return Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180 / Math.PI; }

  var O = data.outlets, N = O.id.length;
  var OX = new Float64Array(N), OY = new Float64Array(N);
  for (var oi = 0; oi < N; oi++) { OX[oi] = worldX(O.x[oi]); OY[oi] = worldY(O.y[oi]); }
  var REPS = data.reps;
  var HX = REPS.map(function (r) { return worldX(r.home[0]); }), HY = REPS.map(function (r) { return worldY(r.home[1]); });
  var CL = review.closed, CX = CL.x.map(worldX), CY = CL.y.map(worldY);

  // Outline parts: world coordinates (x, y interleaved) and a bounding box each.
  function decodeOutlines(list) {
    var parts = [];
    list.forEach(function (t) {
      t.parts.forEach(function (flat) {
        var xy = new Float64Array(flat.length), qx = 0, qy = 0;
        var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (var i = 0; i + 1 < flat.length; i += 2) {
          qx += flat[i]; qy += flat[i + 1];
          var x = worldX(qx), y = worldY(qy);
          xy[i] = x; xy[i + 1] = y;
          if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
        }
        if (flat.length >= 6) parts.push({ rep: t.rep, repId: t.repId, pool: t.pool, xy: xy, box: [x0, y0, x1, y1] });
      });
    });
    return parts;
  }
  var TERR = decodeOutlines(data.territories), BEFORE = decodeOutlines(review.before);

  // Outlets grouped by rep (index REPS.length: unassigned), for drawing one colour at a time.
  var GROUPS = [];
  for (var gi = 0; gi <= REPS.length; gi++) GROUPS.push([]);
  for (var oj = 0; oj < N; oj++) GROUPS[O.rep[oj] >= 0 ? O.rep[oj] : REPS.length].push(oj);

  // Routes: offsets of each route's stops, and each rep's routes in cycle order.
  var R = data.routes, NR = R.rep.length, STOP0 = new Int32Array(NR + 1);
  for (var ri = 0; ri < NR; ri++) {
    STOP0[ri + 1] = STOP0[ri] + R.stops[ri];
    // Arrivals come as differences to the stop before; make them clock minutes again.
    for (var sk = STOP0[ri] + 1; sk < STOP0[ri + 1]; sk++) R.stopArrival[sk] += R.stopArrival[sk - 1];
  }
  var ROUTES_OF = REPS.map(function () { return []; });
  for (var rj = 0; rj < NR; rj++) ROUTES_OF[R.rep[rj]].push(rj);
  function dayLabel(day) { var d = R.cycleDays[day]; return t('map.dayLabel', { week: d[0], weekday: weekdayLabel(data.weekdays[d[1]]) }); }

  // Changes per outlet: a bit per change kind (bit k = data.changeKinds[k]) and the rows.
  var CHANGE_MASK = new Uint8Array(N), ROWS_OF = {};
  review.rows.forEach(function (row, i) {
    if (row[0] === 1) return;
    CHANGE_MASK[row[1]] |= 1 << row[0];
    (ROWS_OF[row[1]] = ROWS_OF[row[1]] || []).push(i);
  });

  var state = {
    pool: data.defaultPool, rep: -1, route: -1, outlet: -1, closed: -1,
    showOutlets: true, showTerritories: true, showBefore: false, showChanges: review.hasPrevious
  };
  var shownPool = state.pool ? data.pools.indexOf(state.pool) : -1;
  /** Index of the pool shown in data.pools, -1 for all pools. */
  function poolIdx() { return shownPool; }
  function outletShown(i) { return shownPool < 0 || O.pool[i] === shownPool; }
  function repShown(i) { return !state.pool || REPS[i].pool === state.pool; }
`;
