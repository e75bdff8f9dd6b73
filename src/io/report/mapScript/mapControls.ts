/**
 * Page script, part 6: the map controls and what selecting does. The pool filter (the map opens
 * on data.defaultPool) also filters the rep list, the legend and the balance chart; selecting a
 * rep fits the view to it and lists its routes; a route, or all routes of the cycle, is drawn;
 * selecting an outlet (by click or from the changes table) switches to its pool and rep and
 * centres it; the layer toggles show or hide territories, outlets, before outlines and changes.
 * Every action is marked (markAction) so that its frame is timed.
 */
export const MAP_CONTROLS_SCRIPT = String.raw`
  var poolSelect = document.getElementById('pool-select');
  var repSelect = document.getElementById('rep-select');
  var daySelect = document.getElementById('day-select');
  h('option', { value: '' }, poolSelect, t('map.pools.all'));
  data.pools.forEach(function (id, p) {
    var reps = REPS.filter(function (r) { return r.pool === id; }).length, outlets = 0;
    for (var i = 0; i < N; i++) if (O.pool[i] === p) outlets++;
    h('option', { value: id }, poolSelect, t('map.pools.option', { pool: id, reps: reps, outlets: outlets }));
  });
  poolSelect.value = state.pool;

  /** The rep list holds the reps of the pool shown (all reps for "All pools"). */
  function fillReps() {
    clear(repSelect);
    h('option', { value: '-1' }, repSelect, state.pool ? t('map.reps.allOfPool', { pool: state.pool }) : t('map.reps.all'));
    REPS.forEach(function (rep, i) {
      if (repShown(i)) h('option', { value: String(i) }, repSelect, t('map.reps.option', { id: rep.id, name: rep.name, tier: repTierLabel(rep.tier), outlets: rep.outlets }));
    });
    repSelect.value = String(state.rep);
  }
  function fillDays() {
    clear(daySelect);
    h('option', { value: '-1' }, daySelect, state.rep >= 0 ? t('map.days.none') : t('map.days.pickRep'));
    daySelect.disabled = state.rep < 0;
    if (state.rep >= 0) {
      h('option', { value: '-2' }, daySelect, t('map.days.all'));
      ROUTES_OF[state.rep].forEach(function (ri) {
        h('option', { value: String(ri) }, daySelect, t('map.days.option', { day: dayLabel(R.day[ri]), stops: R.stops[ri], km: fmt(R.km[ri]), from: clock(R.departure[ri]), to: clock(R.end[ri]) }));
      });
    }
    daySelect.value = String(state.route);
  }
  /** Everything that lists reps or depends on the selection, after a change of pool or selection. */
  function refreshPanels() {
    fillReps();
    fillDays();
    updateLegend();
    renderSide();
  }

  function setPool(id) {
    if (state.pool === id) return false;
    state.pool = id;
    shownPool = id ? data.pools.indexOf(id) : -1;
    poolSelect.value = id;
    renderChart();
    return true;
  }
  function selectPool(id) {
    markAction();
    setPool(id);
    // A selection the pool does not show is dropped, and the view goes back to the whole region.
    if (state.rep >= 0 && !repShown(state.rep)) { state.rep = -1; state.route = -1; fitRegion(); }
    if (state.outlet >= 0 && !outletShown(state.outlet)) state.outlet = -1;
    state.closed = -1;
    refreshPanels();
    requestRender();
  }
  function selectRep(i, options) {
    markAction();
    if (i >= 0 && !repShown(i)) setPool(REPS[i].pool || '');
    state.rep = i;
    state.route = -1;
    if (!(options && options.keepOutlet)) { state.outlet = -1; state.closed = -1; }
    if (!(options && options.keepView)) { if (i >= 0) fitRep(i); else fitRegion(); }
    refreshPanels();
    requestRender();
  }
  function selectRoute(ri) {
    markAction();
    state.route = ri;
    daySelect.value = String(ri);
    updateLegend();
    renderSide();
    requestRender();
  }
  /** Centres the map on a point unless it is comfortably inside the view; zooms in to street level. */
  function bringIntoView(wx, wy, keepView) {
    var x = sx(wx), y = sy(wy), inside = x > 40 && y > 40 && x < screenW() - 40 && y < screenH() - 40;
    if (keepView && inside) return;
    view.cx = wx;
    view.cy = wy;
    // About 2.5 km across the map: the outlet and its neighbours, street by street.
    var streetScale = 40075.017 * Math.cos(latOfWorldY(wy) * Math.PI / 180) * screenW() / 2.5;
    view.s = Math.max(view.s, Math.min(MAX_SCALE, streetScale));
  }
  function selectOutlet(i, options) {
    markAction();
    var keep = options && options.keepView;
    if (!outletShown(i)) setPool(O.pool[i] >= 0 ? data.pools[O.pool[i]] : '');
    state.rep = O.rep[i];
    state.route = -1;
    state.outlet = i;
    state.closed = -1;
    bringIntoView(OX[i], OY[i], keep);
    refreshPanels();
    requestRender();
  }
  function selectClosed(j, options) {
    markAction();
    var pool = CL.pool[j];
    if (poolIdx() >= 0 && pool !== poolIdx()) setPool(pool >= 0 ? data.pools[pool] : '');
    state.rep = -1;
    state.route = -1;
    state.outlet = -1;
    state.closed = j;
    if (!state.showChanges) { state.showChanges = true; document.getElementById('toggle-changes').checked = true; }
    bringIntoView(CX[j], CY[j], options && options.keepView);
    refreshPanels();
    requestRender();
  }
  poolSelect.addEventListener('change', function () { selectPool(poolSelect.value); });
  repSelect.addEventListener('change', function () { selectRep(Number(repSelect.value)); });
  daySelect.addEventListener('change', function () { selectRoute(Number(daySelect.value)); });
  function stepRoute(delta) {
    if (state.rep < 0) return;
    var mine = ROUTES_OF[state.rep];
    if (mine.length === 0) return;
    var at = mine.indexOf(state.route);
    var next = at < 0 ? (delta > 0 ? 0 : mine.length - 1) : (at + delta + mine.length) % mine.length;
    selectRoute(mine[next]);
  }
  document.getElementById('prev-day').addEventListener('click', function () { stepRoute(-1); });
  document.getElementById('next-day').addEventListener('click', function () { stepRoute(1); });
  function toggle(id, key) {
    var box = document.getElementById(id);
    box.checked = state[key];
    box.addEventListener('change', function () { markAction(); state[key] = box.checked; updateLegend(); requestRender(); });
  }
  toggle('toggle-territories', 'showTerritories');
  toggle('toggle-outlets', 'showOutlets');
  toggle('toggle-before', 'showBefore');
  toggle('toggle-changes', 'showChanges');
  if (!review.hasPrevious) {
    document.getElementById('toggle-before').parentNode.style.display = 'none';
    document.getElementById('toggle-changes').parentNode.style.display = 'none';
  }
`;
