/**
 * Page script, part 2: the map view (a centre in world coordinates and a scale in CSS pixels per
 * world unit), conversions between world and screen, fitting a box, the render scheduler that
 * draws at most once per animation frame and times it, and zoom and pan by wheel, drag and the
 * zoom buttons.
 */
export const MAP_VIEW_SCRIPT = String.raw`
  var canvas = document.getElementById('map');
  var ctx = canvas.getContext('2d');
  var view = { cx: 0.5, cy: 0.5, s: 1024 };
  var MAX_SCALE = 256 * Math.pow(2, 20), MIN_SCALE = 256;
  // The canvas size in CSS pixels, read from the layout once per frame and per event (reading it
  // for every point would cost a layout query each time).
  var viewW = 800, viewH = 560;
  function measureCanvas() { viewW = canvas.clientWidth || 800; viewH = canvas.clientHeight || 560; }
  function screenW() { return viewW; }
  function screenH() { return viewH; }
  function sx(wx) { return (wx - view.cx) * view.s + viewW / 2; }
  function sy(wy) { return (wy - view.cy) * view.s + viewH / 2; }
  function wxOf(px) { return view.cx + (px - viewW / 2) / view.s; }
  function wyOf(py) { return view.cy + (py - viewH / 2) / view.s; }
  function kmPerPixel() { return 40075.017 * Math.cos(latOfWorldY(view.cy) * Math.PI / 180) / view.s; }

  /** Shows the box [x0, y0, x1, y1] (world units) with a margin of pad x its size around it. */
  function fitBox(box, pad) {
    measureCanvas();
    var w = Math.max(box[2] - box[0], 1e-7), hgt = Math.max(box[3] - box[1], 1e-7);
    view.cx = (box[0] + box[2]) / 2;
    view.cy = (box[1] + box[3]) / 2;
    view.s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.min(screenW() / (w * (1 + 2 * pad)), screenH() / (hgt * (1 + 2 * pad)))));
  }
  function boxOf(indexes, xs, ys, box) {
    box = box || [Infinity, Infinity, -Infinity, -Infinity];
    indexes.forEach(function (i) {
      if (xs[i] < box[0]) box[0] = xs[i]; if (xs[i] > box[2]) box[2] = xs[i];
      if (ys[i] < box[1]) box[1] = ys[i]; if (ys[i] > box[3]) box[3] = ys[i];
    });
    return box;
  }
  var REGION_BOX = (function () {
    var all = [];
    for (var i = 0; i < N; i++) all.push(i);
    var box = boxOf(all, OX, OY);
    box = boxOf(REPS.map(function (r, i) { return i; }), HX, HY, box);
    return isFinite(box[0]) ? box : [0.49, 0.49, 0.51, 0.51];
  })();
  function fitRegion() { fitBox(REGION_BOX, 0.04); }
  function fitRep(i) {
    var box = boxOf(GROUPS[i], OX, OY);
    box = boxOf([i], HX, HY, box);
    fitBox(box, 0.1);
  }

  // ---- render scheduling: one frame per animation frame, timed from the action that asked ----
  var pendingFrame = false, actionStart = null, frameWaiters = [], drawFrame = null;
  /** Notes when a user action starts, so that the frame it causes can be timed from there. */
  function markAction() { if (actionStart === null) actionStart = performance.now(); }
  function requestRender() {
    if (pendingFrame) return;
    pendingFrame = true;
    requestAnimationFrame(function () {
      pendingFrame = false;
      var t0 = performance.now();
      drawFrame();
      var t1 = performance.now();
      window.__mapReport.frameMs = t1 - t0;
      if (actionStart !== null) {
        window.__lastRenderMs = window.__mapReport.lastRenderMs = t1 - actionStart;
        actionStart = null;
      }
      var waiters = frameWaiters;
      frameWaiters = [];
      waiters.forEach(function (resolve) { resolve(window.__mapReport.frame); });
    });
  }

  // ---- zoom and pan ----
  function zoomAt(factor, px, py) {
    var wx = wxOf(px), wy = wyOf(py);
    view.s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.s * factor));
    view.cx = wx - (px - screenW() / 2) / view.s;
    view.cy = wy - (py - screenH() / 2) / view.s;
    markAction();
    requestRender();
  }
  function localPoint(evt) {
    measureCanvas();
    var rect = canvas.getBoundingClientRect();
    return { x: evt.clientX - rect.left, y: evt.clientY - rect.top };
  }
  canvas.addEventListener('wheel', function (evt) {
    evt.preventDefault();
    var p = localPoint(evt);
    zoomAt(evt.deltaY > 0 ? 1 / 1.25 : 1.25, p.x, p.y);
  }, { passive: false });
  var drag = null;
  canvas.addEventListener('mousedown', function (evt) {
    drag = { x: evt.clientX, y: evt.clientY, cx: view.cx, cy: view.cy, moved: 0 };
  });
  window.addEventListener('mousemove', function (evt) {
    if (!drag) return;
    drag.moved = Math.max(drag.moved, Math.abs(evt.clientX - drag.x) + Math.abs(evt.clientY - drag.y));
    if (drag.moved < 3) return;
    view.cx = drag.cx - (evt.clientX - drag.x) / view.s;
    view.cy = drag.cy - (evt.clientY - drag.y) / view.s;
    canvas.style.cursor = 'grabbing';
    requestRender();
  });
  window.addEventListener('mouseup', function () {
    canvas.style.cursor = '';
    setTimeout(function () { drag = null; }, 0);
  });
  function wasDrag() { return drag !== null && drag.moved >= 3; }
  document.getElementById('zoom-in').addEventListener('click', function () { zoomAt(1.5, screenW() / 2, screenH() / 2); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomAt(1 / 1.5, screenW() / 2, screenH() / 2); });
  document.getElementById('zoom-reset').addEventListener('click', function () { markAction(); fitRegion(); requestRender(); });
  window.addEventListener('resize', requestRender);
`;
