/**
 * Page script, part 7: the side panel beside the map: the region overview (tiers, pools' working
 * time), a rep's card with the stops of the selected day, or a selected outlet's card (tier, rep,
 * visiting days, and what changed for it against the previous plan); a closed outlet's card.
 */
export const SIDE_PANEL_SCRIPT = String.raw`
  var side = document.getElementById('side');
  function miniTable(parent, headers) {
    var tbl = h('table', { class: 'mini' }, parent), hr = h('tr', {}, tbl);
    headers.forEach(function (c) { h('th', {}, hr, c); });
    return tbl;
  }
  function facts(parent, list) {
    var dl = h('dl', { class: 'facts' }, parent);
    list.forEach(function (f) { h('dt', {}, dl, f[0]); h('dd', {}, dl, f[1]); });
  }
  function titleWithSwatch(color, text) {
    var title = h('h3', {}, side);
    h('span', { class: 'swatch', style: 'background:' + color }, title);
    title.appendChild(document.createTextNode(text));
  }
  function renderOverview() {
    h('h3', {}, side, 'Region overview');
    h('p', { class: 'hint' }, side, 'Click a territory, an outlet or a rep in the legend, then pick a day to follow its route. Scroll to zoom, drag to pan.');
    var tbl = miniTable(side, ['Tier', 'Outlets', 'Visits', 'Share']);
    data.outletTiers.forEach(function (ot) {
      var tr = h('tr', {}, tbl);
      h('td', {}, tr, TIER_LABEL[ot.tier]);
      h('td', { class: 'num' }, tr, fmt(ot.outlets, 0));
      h('td', { class: 'num' }, tr, fmt(ot.visits, 0));
      h('td', { class: 'num' }, tr, pct(ot.shareOfVisits));
    });
    // Staffing: a pool above 100% cannot fit its visit policy with its reps.
    h('h4', {}, side, 'Pools: working time used');
    var ptbl = miniTable(side, ['Pool', 'Reps', 'Outlets', 'Time used', 'Reps for load']);
    data.poolStaffing.forEach(function (p) {
      var tr = h('tr', { class: p.utilisation !== null && p.utilisation > 1 ? 'over' : '' }, ptbl);
      h('td', {}, tr, p.id);
      h('td', { class: 'num' }, tr, fmt(p.reps, 0));
      h('td', { class: 'num' }, tr, fmt(p.outlets, 0));
      h('td', { class: 'num' }, tr, p.utilisation === null ? '-' : pct(p.utilisation));
      h('td', { class: 'num' }, tr, p.repsForLoad === null ? '-' : fmt(p.repsForLoad, 0));
    });
  }
  function renderRepCard(rep) {
    titleWithSwatch(rep.color, rep.id + ' ' + rep.name);
    facts(side, [
      ['Tier / pool', rep.tier + ' / ' + (rep.pool || '-')],
      ['Outlets', fmt(rep.outlets, 0)],
      ['Visits / cycle', fmt(rep.visits, 0) + ' on ' + rep.routeDays + ' days'],
      ['Visits / day', fmt(rep.visitsPerDay, 1)],
      ['Km / cycle', fmt(rep.km, 1)],
      ['Load / target', fmt(rep.loadMinutes, 0) + ' / ' + fmt(rep.targetMinutes, 0) + ' min'],
      ['Balance', pct(rep.balance)],
      ['Over-budget days', fmt(rep.overBudgetDays, 0)]
    ]);
    rep.flags.forEach(function (flag) { h('p', { class: 'flag' }, side, flag); });
  }
  function renderStops(ri) {
    var late = R.overBudgetMinutes[ri] > 0 ? ' (' + fmt(R.overBudgetMinutes[ri], 0) + ' min over budget)' : '';
    var starts = R.departure[ri] !== R.start[ri] ? ' (day starts ' + clock(R.start[ri]) + ')' : '';
    h('h4', {}, side, dayLabel(R.day[ri]) + ' - ' + clock(R.departure[ri]) + ' to ' + clock(R.end[ri]) + starts + ', ' + fmt(R.km[ri]) + ' km, ' + fmt(R.minutes[ri], 0) + ' min' + late);
    var table = miniTable(side, ['#', 'Arrive', 'Outlet', 'Tier']);
    table.classList.add('stops');
    for (var k = STOP0[ri]; k < STOP0[ri + 1]; k++) {
      var o = R.stopOutlet[k], tr = h('tr', {}, table);
      h('td', { class: 'num' }, tr, k - STOP0[ri] + 1);
      h('td', {}, tr, clock(R.stopArrival[k]));
      h('td', {}, tr, O.name[o] + ' (' + O.id[o] + ')');
      h('td', {}, tr, data.tiers[O.tier[o]]);
    }
  }
  /** The days of the cycle an outlet is visited on, from the routes of its rep. */
  function visitDays(i) {
    var days = [], rep = O.rep[i];
    if (rep < 0) return days;
    ROUTES_OF[rep].forEach(function (ri) {
      for (var k = STOP0[ri]; k < STOP0[ri + 1]; k++) if (R.stopOutlet[k] === i) { days.push(dayLabel(R.day[ri])); break; }
    });
    return days;
  }
  function renderChangeList(rows) {
    if (!rows || rows.length === 0) return;
    h('h4', {}, side, 'Changes against ' + review.against);
    var ul = h('ul', { class: 'outlet-changes' }, side);
    rows.forEach(function (r) {
      var row = review.rows[r], li = h('li', {}, ul);
      li.appendChild(h('span', { class: 'kind kind-' + data.changeKinds[row[0]] }, null, KIND_LABEL[data.changeKinds[row[0]]]));
      li.appendChild(document.createTextNode(' ' + changeDetail(row) + ' (' + changeLabel(row[4]) + ')'));
    });
  }
  function renderOutletCard(i) {
    var rep = O.rep[i] >= 0 ? REPS[O.rep[i]] : null;
    titleWithSwatch(rep ? rep.color : '#9a9a9a', O.name[i] + ' (' + O.id[i] + ')');
    var days = visitDays(i);
    facts(side, [
      ['Tier', TIER_LABEL[data.tiers[O.tier[i]]]],
      ['Pool', O.pool[i] >= 0 ? data.pools[O.pool[i]] : '-'],
      ['Rep', rep ? rep.id + ' ' + rep.name : 'unassigned'],
      ['Visits', days.length ? days.length + ': ' + days.join(', ') : '-']
    ]);
    renderChangeList(ROWS_OF[i]);
    if (rep) {
      var back = h('button', { type: 'button', class: 'chip' }, side, 'Show all of ' + rep.id);
      back.addEventListener('click', function () { selectRep(O.rep[i]); });
    }
  }
  function renderClosedCard(j) {
    titleWithSwatch(CHANGE_COLOR.closed, CL.name[j] + ' (' + CL.id[j] + ')');
    h('p', { class: 'hint' }, side, 'Not in this plan: shown where it was in ' + review.against + '.');
    var rows = [];
    review.rows.forEach(function (row, r) { if (row[0] === 1 && row[1] === j) rows.push(r); });
    renderChangeList(rows);
  }
  function renderSide() {
    clear(side);
    if (state.outlet >= 0) return renderOutletCard(state.outlet);
    if (state.closed >= 0) return renderClosedCard(state.closed);
    if (state.rep < 0) return renderOverview();
    renderRepCard(REPS[state.rep]);
    if (state.route >= 0) renderStops(state.route);
  }
`;
