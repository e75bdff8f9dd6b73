/**
 * Page script, last part: the header KPI cards and warnings, the hook tests and the benchmark
 * use (window.__mapReport: the last frame's counts and timing, a promise of the next frame, the
 * screen position of an outlet), and the first render, after which body[data-ready] is set.
 */
export const PAGE_BOOT_SCRIPT = String.raw`
  var totals = data.totals;
  var kpiBox = document.getElementById('kpis');
  [
    [t('map.kpi.outlets'), fmt(totals.outlets, 0)],
    [t('map.kpi.reps'), fmt(totals.reps, 0)],
    [t('map.kpi.visitsCycle'), fmt(totals.visits, 0)],
    [t('map.kpi.visitsRepDay'), fmt(totals.visitsPerDay, 1)],
    [t('map.kpi.kmCycle'), fmt(totals.km, 0)],
    [t('map.kpi.balance'), data.balance ? pct(data.balance.min) + ' - ' + pct(data.balance.max) : '-'],
    [t('map.kpi.overBudgetDays'), fmt(totals.overBudgetDays, 0)],
    [t('map.kpi.unassigned'), fmt(totals.unassigned, 0)],
    [t('map.kpi.quarantined'), fmt(totals.quarantined, 0)]
  ].forEach(function (k) {
    var card = h('div', { class: 'kpi' }, kpiBox);
    h('div', { class: 'kpi-value' }, card, k[1]);
    h('div', { class: 'kpi-label' }, card, k[0]);
  });
  var warn = document.getElementById('warnings');
  data.warnings.forEach(function (w) { h('li', {}, warn, w); });
  if (data.warnings.length === 0) warn.parentNode.style.display = 'none';

  window.__mapReport = {
    state: state,
    frame: null,
    frameMs: null,
    lastRenderMs: null,
    /** Resolves with the counts of the next frame drawn (asking for one). */
    nextFrame: function () {
      return new Promise(function (resolve) { frameWaiters.push(resolve); requestRender(); });
    },
    /** Where outlet i is drawn, in page (client) coordinates. */
    outletPoint: function (i) {
      var rect = canvas.getBoundingClientRect();
      return { x: rect.left + sx(OX[i]), y: rect.top + sy(OY[i]) };
    },
    /** Radius of the change rings around outlets, in CSS pixels (below 5: square halos instead). */
    changeRingRadius: changeRingRadius,
    repColors: function () { return REPS.map(function (r) { return r.color; }); }
  };

  fitRegion();
  regionScale = view.s;
  refreshPanels();
  renderChart();
  renderChanges();
  frameWaiters.push(function () { document.body.setAttribute('data-ready', 'true'); });
  requestRender();
`;
