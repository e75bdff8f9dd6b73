/**
 * Page script, part 9: the balance chart, load against target per rep of the pool shown, grouped
 * by pool. The layout is measured, not guessed: the label column is as wide as the longest rep
 * label, the note column as wide as the longest note, and the chart is drawn at 1:1 (no viewBox
 * scaling), so no label is ever cut; when the labels leave too little room for the bars the
 * chart gets wider than the section and scrolls sideways.
 */
export const BALANCE_CHART_SCRIPT = String.raw`
  var chart = document.getElementById('balance-chart');
  function renderChart() {
    clear(chart);
    var reps = [];
    REPS.forEach(function (r, i) { if (repShown(i)) reps.push({ r: r, i: i }); });
    reps.sort(function (a, b) { return String(a.r.pool).localeCompare(String(b.r.pool)) || a.r.id.localeCompare(b.r.id); });
    var hasLoad = reps.some(function (x) { return x.r.loadMinutes !== null; });
    var hasMinutes = reps.some(function (x) { return x.r.totalMinutes > 0; });
    var value = function (r) { return hasLoad ? (r.loadMinutes || 0) : hasMinutes ? r.totalMinutes : r.outlets; };
    var unit = hasLoad || hasMinutes ? t('map.chart.unitMinutes') : t('map.chart.unitOutlets');
    var target = function (r) { return hasLoad ? r.targetMinutes : null; };
    var max = 1;
    reps.forEach(function (x) { max = Math.max(max, value(x.r), target(x.r) || 0); });
    var rowH = 26, top = 28, gap = 8, height = top + reps.length * rowH + 10;
    var room = Math.max(320, (chart.parentNode.clientWidth || 900) - 2);
    // Measure at 1:1: a leftover viewBox would scale the texts, and text measured small is measured wrong.
    chart.removeAttribute('viewBox');
    chart.setAttribute('width', String(room));
    chart.setAttribute('height', String(height));
    var title = s('text', { x: 0, y: 16, class: 'axis-title' }, chart, (hasLoad ? t('map.chart.load') : hasMinutes ? t('map.chart.minutes') : t('map.chart.outlets')) + (state.pool ? t('map.chart.ofPool', { pool: state.pool }) : ''));
    // Texts first, to measure them; then the columns.
    var rows = reps.map(function (x) {
      var r = x.r, dev = r.balance === null ? null : r.balance - 1;
      var label = s('text', { x: 0, y: 0, class: 'bar-label' }, chart, r.id + ' ' + r.name + ' [' + (r.pool || '-') + ']');
      var note = s('text', { x: 0, y: 0, class: 'bar-note' + (dev !== null && Math.abs(dev) > 0.05 ? ' off' : '') }, chart,
        fmt(value(r), 0) + unit + (dev === null ? '' : '  ' + t('map.chart.ofTarget', { sign: dev >= 0 ? '+' : '', percent: fmt(dev * 100, 1) })) + (r.visitsPerDay === null ? '' : '  ' + t('map.chart.visitsPerDay', { visits: fmt(r.visitsPerDay, 1) })) + (r.overBudgetDays ? '  ' + t('map.chart.overBudget', { days: r.overBudgetDays }) : ''));
      return { x: x, label: label, note: note, labelW: label.getComputedTextLength(), noteW: note.getComputedTextLength() };
    });
    var left = gap, right = gap;
    rows.forEach(function (row) { left = Math.max(left, row.labelW + 2 * gap); right = Math.max(right, row.noteW + 2 * gap); });
    var plotW = Math.max(160, room - left - right);
    var width = Math.max(left + plotW + right, title.getComputedTextLength() + gap);
    title.setAttribute('x', String(Math.min(left, width - title.getComputedTextLength() - gap)));
    chart.setAttribute('width', String(Math.ceil(width)));
    chart.setAttribute('viewBox', '0 0 ' + Math.ceil(width) + ' ' + height);
    var lastPool = null;
    rows.forEach(function (row, n) {
      var r = row.x.r, y = top + n * rowH;
      if (r.pool !== lastPool && n > 0) s('line', { x1: 0, x2: width, y1: y - 2, y2: y - 2, class: 'pool-sep' }, chart);
      lastPool = r.pool;
      row.label.setAttribute('x', String(left - gap));
      row.label.setAttribute('y', String(y + rowH / 2 + 4));
      row.label.style.cursor = 'pointer';
      row.label.addEventListener('click', function () { selectRep(row.x.i); document.getElementById('map-section').scrollIntoView(); });
      var w = Math.max(1, plotW * value(r) / max);
      var bar = s('rect', { x: left, y: y + 4, width: w, height: rowH - 8, fill: r.color, class: 'bar', 'data-rep': r.id }, chart);
      s('title', {}, bar, r.id + ': ' + fmt(value(r), 0) + (target(r) ? t('map.chart.barTarget', { target: fmt(target(r), 0) }) : ''));
      if (target(r)) {
        var tx = left + plotW * target(r) / max;
        s('line', { x1: tx, x2: tx, y1: y + 1, y2: y + rowH - 1, class: 'target-tick' }, chart);
      }
      row.note.setAttribute('x', String(left + w + 6));
      row.note.setAttribute('y', String(y + rowH / 2 + 4));
    });
  }
  var chartWidth = 0;
  window.addEventListener('resize', function () {
    var w = chart.parentNode.clientWidth;
    if (w !== chartWidth) { chartWidth = w; renderChart(); }
  });
`;
