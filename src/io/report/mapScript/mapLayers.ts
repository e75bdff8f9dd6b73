/**
 * Page script, part 3: drawing one frame of the map on the canvas, only what the view shows:
 * territories (filled per rep), the previous plan's outlines (dashed), outlets (one path per rep
 * colour, tier shapes once they are big enough to tell apart), change marks (rings by kind,
 * crosses where closed outlets were, dashed lines from moved outlets' old positions), the
 * selected routes (one rep colour, or one colour per day of the cycle for "all routes"), homes,
 * the selected outlet and the scale bar. Each frame leaves its counts in window.__mapReport.frame
 * for tests and the benchmark.
 */
export const MAP_LAYERS_SCRIPT = String.raw`
  // Ring colours apart from the rep palette: black for a rep change (what matters most), then magenta, green, purple.
  var CHANGE_COLOR = { 'new': '#00a651', closed: '#8b0000', rep: '#000000', weekday: '#e6007e', tier: '#6a3d9a', moved: '#555555', movedRep: '#c0392b' };
  /** The kind a changed outlet's ring shows when it has several: rep, new, weekday, tier, moved. */
  var MARK_ORDER = [2, 0, 3, 4, 5];
  var BASE_RADIUS = N > 5000 ? 1.6 : N > 600 ? 2.6 : 4;
  var regionScale = 1;
  /** Radius of an outlet marker in CSS pixels: grows when zooming in, up to 6 px. */
  function markerRadius() { return Math.min(6, BASE_RADIUS * Math.max(1, Math.sqrt(view.s / regionScale))); }
  var MARGIN = 12;
  function onScreen(x, y) { return x > -MARGIN && y > -MARGIN && x < screenW() + MARGIN && y < screenH() + MARGIN; }
  function boxOnScreen(box) {
    return sx(box[2]) > -MARGIN && sx(box[0]) < screenW() + MARGIN && sy(box[3]) > -MARGIN && sy(box[1]) < screenH() + MARGIN;
  }

  function sizeCanvas() {
    measureCanvas();
    var dpr = window.devicePixelRatio || 1, w = screenW(), hh = screenH();
    var pw = Math.round(w * dpr), ph = Math.round(hh * dpr);
    if (canvas.width !== pw || canvas.height !== ph) { canvas.width = pw; canvas.height = ph; }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hh);
  }

  function tracePart(p) {
    var xy = p.xy;
    ctx.moveTo(sx(xy[0]), sy(xy[1]));
    for (var i = 2; i + 1 < xy.length; i += 2) ctx.lineTo(sx(xy[i]), sy(xy[i + 1]));
    ctx.closePath();
  }
  function drawTerritories(frame) {
    TERR.forEach(function (p) {
      if (!repShown(p.rep) || !boxOnScreen(p.box)) return;
      var rep = REPS[p.rep], active = state.rep === p.rep, dim = state.rep >= 0 && !active;
      ctx.beginPath();
      tracePart(p);
      ctx.globalAlpha = dim ? 0.05 : active ? 0.26 : 0.16;
      ctx.fillStyle = rep.color;
      ctx.fill();
      ctx.globalAlpha = dim ? 0.35 : 1;
      ctx.lineWidth = active ? 3 : 1.5;
      ctx.strokeStyle = rep.color;
      ctx.stroke();
      frame.territories.push(p.rep);
    });
    ctx.globalAlpha = 1;
  }
  function drawBefore(frame) {
    var pool = poolIdx();
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.6;
    ctx.strokeStyle = '#1f2933';
    BEFORE.forEach(function (p) {
      if ((pool >= 0 && p.pool !== pool) || !boxOnScreen(p.box)) return;
      ctx.beginPath();
      tracePart(p);
      ctx.stroke();
      frame.before += 1;
    });
    ctx.setLineDash([]);
  }

  function addShape(tier, x, y, r) {
    if (r < 2.2 || tier === 0) ctx.rect(x - r, y - r, 2 * r, 2 * r);
    else if (tier === 1) {
      ctx.moveTo(x, y - 1.3 * r); ctx.lineTo(x + 1.3 * r, y); ctx.lineTo(x, y + 1.3 * r); ctx.lineTo(x - 1.3 * r, y); ctx.closePath();
    } else {
      var rr = tier === 2 ? r : r * 0.7;
      ctx.moveTo(x + rr, y);
      ctx.arc(x, y, rr, 0, 2 * Math.PI);
    }
  }
  /** One rep's outlets in its colour: tiny squares one by one (cheaper than a path of thousands), else one path of tier shapes. */
  function drawGroup(g, r, frame) {
    var list = GROUPS[g], count = 0, tiny = r < 2.2;
    var dim = state.rep >= 0 && g !== state.rep;
    ctx.globalAlpha = dim ? 0.22 : 1;
    ctx.fillStyle = g < REPS.length ? REPS[g].color : '#9a9a9a';
    ctx.beginPath();
    for (var k = 0; k < list.length; k++) {
      var i = list[k];
      if (!outletShown(i)) continue;
      var x = sx(OX[i]), y = sy(OY[i]);
      if (!onScreen(x, y)) continue;
      if (tiny) ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
      else addShape(O.tier[i], x, y, r);
      count++;
    }
    frame.outlets += count;
    if (count === 0 || tiny) return;
    ctx.fill();
    if (!dim) { ctx.lineWidth = 0.7; ctx.strokeStyle = '#1f2933'; ctx.stroke(); }
  }
  function drawOutlets(frame) {
    var r = markerRadius();
    // The selected rep's outlets last, on top of the dimmed others.
    for (var g = 0; g < GROUPS.length; g++) if (g !== state.rep) drawGroup(g, r, frame);
    if (state.rep >= 0) drawGroup(state.rep, r, frame);
    ctx.globalAlpha = 1;
  }

  /** Rings this small are drawn as filled squares under the outlets instead (stroking 40,000 arcs takes a second). */
  var HALO_BELOW_PX = 5;
  function changeRingRadius() { return markerRadius() + 2.5; }
  /**
   * A mark around each changed outlet shown, in the colour of its most important change: a ring
   * over the outlet, or when zoomed out a square halo drawn before the outlets. With a rep
   * selected, the marks of other reps' outlets are dimmed like the outlets.
   */
  function drawChangeMarks(frame, halos) {
    var r = halos ? markerRadius() + 1.6 : changeRingRadius();
    ctx.lineWidth = 1.8;
    var passes = state.rep >= 0 ? [false, true] : [null];
    passes.forEach(function (selected) {
      ctx.globalAlpha = selected === false ? 0.22 : 1;
      MARK_ORDER.forEach(function (kind, at) {
        ctx.beginPath();
        ctx.fillStyle = ctx.strokeStyle = CHANGE_COLOR[data.changeKinds[kind]];
        var count = 0;
        for (var i = 0; i < N; i++) {
          var mask = CHANGE_MASK[i];
          if (!(mask & (1 << kind)) || !outletShown(i)) continue;
          if (selected !== null && (O.rep[i] === state.rep) !== selected) continue;
          var higher = false;
          for (var k = 0; k < at; k++) if (mask & (1 << MARK_ORDER[k])) higher = true;
          if (higher) continue;
          var x = sx(OX[i]), y = sy(OY[i]);
          if (!onScreen(x, y)) continue;
          if (halos) ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
          else { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); }
          frame.marked.push(i);
          count++;
        }
        if (count > 0 && !halos) ctx.stroke();
        frame.changeMarks += count;
      });
    });
    ctx.globalAlpha = 1;
  }
  /** Crosses where closed outlets were, and dashed lines from moved outlets' old positions. */
  function drawGoneAndMoved(frame) {
    var r = changeRingRadius();
    var pool = poolIdx(), c = Math.max(4, r);
    ctx.beginPath();
    for (var j = 0; j < CX.length; j++) {
      if (pool >= 0 && CL.pool[j] !== pool) continue;
      var x = sx(CX[j]), y = sy(CY[j]);
      if (!onScreen(x, y)) continue;
      ctx.moveTo(x - c, y - c); ctx.lineTo(x + c, y + c); ctx.moveTo(x + c, y - c); ctx.lineTo(x - c, y + c);
      frame.closedMarks += 1;
    }
    ctx.lineWidth = 2.2;
    ctx.strokeStyle = CHANGE_COLOR.closed;
    ctx.stroke();
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.5;
    [0, 1].forEach(function (reassigned) {
      ctx.beginPath();
      review.moves.forEach(function (m) {
        if (m[3] !== reassigned || !outletShown(m[0])) return;
        ctx.moveTo(sx(worldX(m[1])), sy(worldY(m[2])));
        ctx.lineTo(sx(OX[m[0]]), sy(OY[m[0]]));
        frame.moves += 1;
      });
      ctx.strokeStyle = reassigned ? CHANGE_COLOR.movedRep : CHANGE_COLOR.moved;
      ctx.stroke();
    });
    ctx.setLineDash([]);
  }

  function selectedRoutes() {
    if (state.route >= 0) return [state.route];
    if (state.route === -2 && state.rep >= 0) return ROUTES_OF[state.rep];
    return [];
  }
  function routeColor(ri, single) { return single ? REPS[R.rep[ri]].color : data.dayColors[R.day[ri]]; }
  function traceRoute(ri) {
    var rep = R.rep[ri];
    ctx.moveTo(sx(HX[rep]), sy(HY[rep]));
    for (var k = STOP0[ri]; k < STOP0[ri + 1]; k++) ctx.lineTo(sx(OX[R.stopOutlet[k]]), sy(OY[R.stopOutlet[k]]));
    ctx.lineTo(sx(HX[rep]), sy(HY[rep]));
  }
  function drawRoutes(frame) {
    var list = selectedRoutes(), single = list.length === 1;
    ctx.lineJoin = 'round';
    list.forEach(function (ri) {
      var color = routeColor(ri, single);
      ctx.beginPath();
      traceRoute(ri);
      ctx.globalAlpha = single ? 0.95 : 0.85;
      ctx.lineWidth = single ? 3 : 2.2;
      ctx.strokeStyle = color;
      ctx.stroke();
      frame.routes.push({ route: ri, day: R.day[ri], color: color });
    });
    ctx.globalAlpha = 1;
    if (!single) return;
    var ri = list[0], color = REPS[R.rep[ri]].color;
    ctx.font = '700 10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (var k = STOP0[ri]; k < STOP0[ri + 1]; k++) {
      var x = sx(OX[R.stopOutlet[k]]), y = sy(OY[R.stopOutlet[k]]) - 11;
      if (!onScreen(x, y)) continue;
      ctx.beginPath();
      ctx.arc(x, y, 8, 0, 2 * Math.PI);
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = color;
      ctx.stroke();
      ctx.fillStyle = '#111';
      ctx.fillText(String(k - STOP0[ri] + 1), x, y + 0.5);
    }
  }

  function traceHome(x, y, z) {
    ctx.moveTo(x, y - z); ctx.lineTo(x + z, y); ctx.lineTo(x + z * 0.6, y); ctx.lineTo(x + z * 0.6, y + z);
    ctx.lineTo(x - z * 0.6, y + z); ctx.lineTo(x - z * 0.6, y); ctx.lineTo(x - z, y); ctx.closePath();
  }
  function drawHomes(frame) {
    var z = Math.max(5, markerRadius() * 1.8);
    REPS.forEach(function (rep, i) {
      if ((state.rep >= 0 && i !== state.rep) || !repShown(i)) return;
      var x = sx(HX[i]), y = sy(HY[i]);
      if (!onScreen(x, y)) return;
      ctx.beginPath();
      traceHome(x, y, z);
      ctx.fillStyle = rep.color;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#111';
      ctx.stroke();
      frame.homes += 1;
    });
  }
  function drawSelection() {
    var x = null, y = null;
    if (state.outlet >= 0) { x = sx(OX[state.outlet]); y = sy(OY[state.outlet]); }
    else if (state.closed >= 0) { x = sx(CX[state.closed]); y = sy(CY[state.closed]); }
    if (x === null) return;
    var r = markerRadius() + 8;
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.lineWidth = 4; ctx.strokeStyle = '#fff'; ctx.stroke();
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.lineWidth = 2; ctx.strokeStyle = '#111'; ctx.stroke();
  }

  var scaleSvg = document.getElementById('scale');
  function drawScale() {
    clear(scaleSvg);
    var kmPerPx = kmPerPixel(), target = kmPerPx * 120;
    var steps = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200], km = steps[0];
    steps.forEach(function (v) { if (v <= target) km = v; });
    var px = km / kmPerPx;
    s('line', { x1: 10, y1: 20, x2: 10 + px, y2: 20, class: 'scale-line' }, scaleSvg);
    s('text', { x: 10, y: 14, class: 'scale-text' }, scaleSvg, (km < 1 ? km * 1000 + ' m' : km + ' km'));
  }

  drawFrame = function () {
    var frame = { outlets: 0, territories: [], before: 0, changeMarks: 0, marked: [], closedMarks: 0, moves: 0, routes: [], homes: 0, tiles: 0, pool: state.pool, rep: state.rep };
    sizeCanvas();
    frame.tiles = drawBasemap();
    if (state.showTerritories) drawTerritories(frame);
    if (state.showBefore) drawBefore(frame);
    var halos = state.showChanges && changeRingRadius() < HALO_BELOW_PX;
    if (halos) drawChangeMarks(frame, true);
    if (state.showOutlets) drawOutlets(frame);
    if (state.showChanges && !halos) drawChangeMarks(frame, false);
    if (state.showChanges) drawGoneAndMoved(frame);
    drawRoutes(frame);
    drawHomes(frame);
    drawSelection();
    drawScale();
    window.__mapReport.frame = frame;
  };
`;
