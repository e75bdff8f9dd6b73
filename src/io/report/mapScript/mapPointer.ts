/**
 * Page script, part 5: what is under the pointer. A grid index over the outlets (about two per
 * cell, built once) finds the nearest shown outlet within a few pixels without scanning all of
 * them; closed outlets are few and scanned; otherwise the territory containing the point
 * (point in polygon, bounding boxes first). A click selects the outlet or the territory's rep; a
 * hover shows a tooltip.
 */
export const MAP_POINTER_SCRIPT = String.raw`
  var GRID = (function () {
    var b = REGION_BOX, side = Math.max(1, Math.ceil(Math.sqrt(N / 2)));
    var cw = Math.max((b[2] - b[0]) / side, 1e-12), chh = Math.max((b[3] - b[1]) / side, 1e-12);
    var start = new Int32Array(side * side + 1), items = new Int32Array(N), cellOf = new Int32Array(N);
    function cell(cx, cy) { return Math.min(side - 1, Math.max(0, cy)) * side + Math.min(side - 1, Math.max(0, cx)); }
    for (var i = 0; i < N; i++) {
      cellOf[i] = cell(Math.floor((OX[i] - b[0]) / cw), Math.floor((OY[i] - b[1]) / chh));
      start[cellOf[i] + 1]++;
    }
    for (var c = 0; c < side * side; c++) start[c + 1] += start[c];
    var fill = start.slice(0, side * side);
    for (var j = 0; j < N; j++) items[fill[cellOf[j]]++] = j;
    return { b: b, side: side, cw: cw, ch: chh, start: start, items: items };
  })();

  /** The nearest outlet shown within radiusPx of screen point (px, py), or -1. */
  function outletAt(px, py, radiusPx) {
    if (!state.showOutlets) return -1;
    var wx = wxOf(px), wy = wyOf(py), rw = radiusPx / view.s, g = GRID;
    var cx0 = Math.max(0, Math.floor((wx - rw - g.b[0]) / g.cw)), cx1 = Math.min(g.side - 1, Math.floor((wx + rw - g.b[0]) / g.cw));
    var cy0 = Math.max(0, Math.floor((wy - rw - g.b[1]) / g.ch)), cy1 = Math.min(g.side - 1, Math.floor((wy + rw - g.b[1]) / g.ch));
    var best = -1, bestD = rw * rw;
    for (var cy = cy0; cy <= cy1; cy++) {
      for (var cx = cx0; cx <= cx1; cx++) {
        var c = cy * g.side + cx;
        for (var k = g.start[c]; k < g.start[c + 1]; k++) {
          var i = g.items[k];
          if (!outletShown(i)) continue;
          var dx = OX[i] - wx, dy = OY[i] - wy, d = dx * dx + dy * dy;
          if (d <= bestD) { bestD = d; best = i; }
        }
      }
    }
    return best;
  }
  /** The closed outlet (previous position) within radiusPx, or -1. */
  function closedAt(px, py, radiusPx) {
    if (!state.showChanges) return -1;
    var pool = poolIdx(), best = -1, bestD = radiusPx * radiusPx;
    for (var j = 0; j < CX.length; j++) {
      if (pool >= 0 && CL.pool[j] !== pool) continue;
      var dx = sx(CX[j]) - px, dy = sy(CY[j]) - py, d = dx * dx + dy * dy;
      if (d <= bestD) { bestD = d; best = j; }
    }
    return best;
  }
  function insidePart(p, wx, wy) {
    var xy = p.xy, inside = false, n = xy.length;
    for (var i = 0, j = n - 2; i < n; j = i, i += 2) {
      var xi = xy[i], yi = xy[i + 1], xj = xy[j], yj = xy[j + 1];
      if ((yi > wy) !== (yj > wy) && wx < (xj - xi) * (wy - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
  /** The rep whose shown territory contains screen point (px, py), or -1 (the selected rep first). */
  function territoryAt(px, py) {
    if (!state.showTerritories) return -1;
    var wx = wxOf(px), wy = wyOf(py), found = -1;
    TERR.forEach(function (p) {
      if (found === state.rep && found >= 0) return;
      if (!repShown(p.rep) || wx < p.box[0] || wx > p.box[2] || wy < p.box[1] || wy > p.box[3]) return;
      if (insidePart(p, wx, wy)) found = p.rep;
    });
    return found;
  }

  canvas.addEventListener('click', function (evt) {
    if (wasDrag()) return;
    var p = localPoint(evt), hit = outletAt(p.x, p.y, 7);
    if (hit >= 0) return selectOutlet(hit, { keepView: true });
    var gone = closedAt(p.x, p.y, 7);
    if (gone >= 0) return selectClosed(gone, { keepView: true });
    var rep = territoryAt(p.x, p.y);
    if (rep >= 0) selectRep(rep);
  });

  var tip = document.getElementById('map-tip'), hoverPending = false, hoverAt = null;
  function outletText(i) {
    var rep = O.rep[i] >= 0 ? REPS[O.rep[i]] : null;
    return O.name[i] + ' (' + O.id[i] + ') - ' + TIER_LABEL[data.tiers[O.tier[i]]] + ' - ' + (rep ? rep.id + ' ' + rep.name : t('common.unassigned'));
  }
  function showHover() {
    hoverPending = false;
    if (!hoverAt || drag) { tip.hidden = true; return; }
    var p = hoverAt, text = null, i = outletAt(p.x, p.y, 7);
    if (i >= 0) text = outletText(i);
    else {
      var j = closedAt(p.x, p.y, 7);
      if (j >= 0) text = t('map.tip.closed', { name: CL.name[j], id: CL.id[j] });
      else {
        var r = territoryAt(p.x, p.y);
        if (r >= 0) text = t('map.tip.territory', { id: REPS[r].id, name: REPS[r].name, tier: repTierLabel(REPS[r].tier), outlets: REPS[r].outlets });
      }
    }
    tip.hidden = text === null;
    if (text === null) return;
    tip.textContent = text;
    tip.style.left = Math.min(p.x + 14, screenW() - 260) + 'px';
    tip.style.top = (p.y + 14) + 'px';
  }
  canvas.addEventListener('mousemove', function (evt) {
    hoverAt = localPoint(evt);
    if (!hoverPending) { hoverPending = true; requestAnimationFrame(showHover); }
  });
  canvas.addEventListener('mouseleave', function () { hoverAt = null; tip.hidden = true; });
`;
