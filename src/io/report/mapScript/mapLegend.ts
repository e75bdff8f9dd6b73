/**
 * Page script, part 8: the legend under the map. Reps of the pool shown (click to select), outlet
 * tier shapes and homes, the day colours while all routes of a rep are shown, and, against a
 * previous plan, what the change marks and before outlines mean ("Changes against <version>").
 */
export const MAP_LEGEND_SCRIPT = String.raw`
  var legend = document.getElementById('legend');
  var repsBox = h('div', { class: 'legend-group legend-reps' }, legend);
  h('div', { class: 'legend-title' }, repsBox, t('map.legend.reps'));
  var repItems = REPS.map(function (rep, i) {
    var item = h('button', { class: 'legend-rep', type: 'button', 'data-rep': rep.id, 'data-pool': rep.pool || '' }, repsBox);
    h('span', { class: 'swatch', style: 'background:' + rep.color }, item);
    item.appendChild(document.createTextNode(t('map.legend.rep', { id: rep.id, name: rep.name, tier: repTierLabel(rep.tier) })));
    item.addEventListener('click', function () { selectRep(state.rep === i ? -1 : i); });
    return item;
  });
  function legendIcon(parent, draw) {
    var icon = s('svg', { width: 16, height: 16, viewBox: '-8 -8 16 16' }, parent);
    draw(icon);
    return icon;
  }
  var tiersBox = h('div', { class: 'legend-group' }, legend);
  h('div', { class: 'legend-title' }, tiersBox, t('map.legend.tiers'));
  var TIER_ICON = [
    function (g) { s('rect', { x: -5, y: -5, width: 10, height: 10, class: 'legend-outlet' }, g); },
    function (g) { s('path', { d: 'M0 -6.5 L6.5 0 L0 6.5 L-6.5 0 Z', class: 'legend-outlet' }, g); },
    function (g) { s('circle', { r: 5, class: 'legend-outlet' }, g); },
    function (g) { s('circle', { r: 3.5, class: 'legend-outlet' }, g); }
  ];
  data.tiers.forEach(function (tier, i) {
    var item = h('div', { class: 'legend-tier' }, tiersBox);
    legendIcon(item, TIER_ICON[i]);
    item.appendChild(document.createTextNode(TIER_LABEL[tier]));
  });
  var homeItem = h('div', { class: 'legend-tier' }, tiersBox);
  legendIcon(homeItem, function (g) { s('path', { class: 'legend-home', d: 'M0 -7 L7 0 L4 0 L4 7 L-4 7 L-4 0 L-7 0 Z' }, g); });
  homeItem.appendChild(document.createTextNode(t('map.legend.home')));

  var daysBox = h('div', { class: 'legend-group legend-days' }, legend);
  var changesBox = h('div', { class: 'legend-group legend-changes' }, legend);
  if (review.hasPrevious) {
    h('div', { class: 'legend-title' }, changesBox, t('map.legend.changes', { against: AGAINST }));
    var counts = review.counts;
    [['rep', 'map.legend.repChanged', counts.repChanged], ['weekday', 'map.legend.weekdayChanged', counts.weekdayChanged], ['new', 'map.legend.new', counts['new']], ['tier', 'map.legend.tierChanged', counts.tierChanged]].forEach(function (k) {
      var item = h('div', { class: 'legend-tier' }, changesBox);
      legendIcon(item, function (g) { s('circle', { r: 5, fill: 'none', stroke: CHANGE_COLOR[k[0]], 'stroke-width': 2 }, g); });
      item.appendChild(document.createTextNode(t(k[1], { count: fmt(k[2], 0) })));
    });
    var closedItem = h('div', { class: 'legend-tier' }, changesBox);
    legendIcon(closedItem, function (g) { s('path', { d: 'M-5 -5 L5 5 M5 -5 L-5 5', stroke: CHANGE_COLOR.closed, 'stroke-width': 2.2 }, g); });
    closedItem.appendChild(document.createTextNode(t('map.legend.closed', { count: fmt(counts.closed, 0) })));
    var movedItem = h('div', { class: 'legend-tier' }, changesBox);
    legendIcon(movedItem, function (g) { s('path', { d: 'M-7 4 L7 -4', stroke: CHANGE_COLOR.moved, 'stroke-width': 1.5, 'stroke-dasharray': '3 2' }, g); });
    movedItem.appendChild(document.createTextNode(t('map.legend.moved', { count: fmt(counts.moved || 0, 0) })));
    var beforeItem = h('div', { class: 'legend-tier' }, changesBox);
    legendIcon(beforeItem, function (g) { s('rect', { x: -6, y: -5, width: 12, height: 10, fill: 'none', stroke: '#1f2933', 'stroke-width': 1.5, 'stroke-dasharray': '3 2' }, g); });
    beforeItem.appendChild(document.createTextNode(t('map.legend.before')));
  }

  /** Shows the pool's reps, marks the selected one, and lists day colours for "all routes". */
  function updateLegend() {
    repItems.forEach(function (item, i) {
      item.style.display = repShown(i) ? '' : 'none';
      item.classList.toggle('active', i === state.rep);
    });
    clear(daysBox);
    if (state.route === -2 && state.rep >= 0) {
      h('div', { class: 'legend-title' }, daysBox, t('map.legend.days'));
      ROUTES_OF[state.rep].forEach(function (ri) {
        var item = h('button', { class: 'legend-rep legend-day', type: 'button', 'data-day': String(R.day[ri]) }, daysBox);
        h('span', { class: 'swatch', style: 'background:' + data.dayColors[R.day[ri]] }, item);
        item.appendChild(document.createTextNode(dayLabel(R.day[ri])));
        item.addEventListener('click', function () { selectRoute(ri); });
      });
    }
    changesBox.style.opacity = state.showChanges || state.showBefore ? '' : '0.5';
  }
`;
