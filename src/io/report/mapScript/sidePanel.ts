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
    h('h3', {}, side, t('map.side.overview'));
    h('p', { class: 'hint' }, side, t('map.side.hint'));
    var tbl = miniTable(side, [t('map.side.col.tier'), t('map.side.col.outlets'), t('map.side.col.visits'), t('map.side.col.share')]);
    data.outletTiers.forEach(function (ot) {
      var tr = h('tr', {}, tbl);
      h('td', {}, tr, TIER_LABEL[ot.tier]);
      h('td', { class: 'num' }, tr, fmt(ot.outlets, 0));
      h('td', { class: 'num' }, tr, fmt(ot.visits, 0));
      h('td', { class: 'num' }, tr, pct(ot.shareOfVisits));
    });
    // Staffing: a pool above 100% cannot fit its visit policy with its reps.
    h('h4', {}, side, t('map.side.poolsTitle'));
    var ptbl = miniTable(side, [t('map.side.col.pool'), t('map.side.col.reps'), t('map.side.col.outlets'), t('map.side.col.timeUsed'), t('map.side.col.repsForLoad')]);
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
      [t('map.rep.tierPool'), repTierLabel(rep.tier) + ' / ' + (rep.pool || '-')],
      [t('map.rep.outlets'), fmt(rep.outlets, 0)],
      [t('map.rep.visitsCycle'), t('map.rep.visitsOnDays', { visits: fmt(rep.visits, 0), days: rep.routeDays })],
      [t('map.rep.visitsDay'), fmt(rep.visitsPerDay, 1)],
      [t('map.rep.kmCycle'), fmt(rep.km, 1)],
      [t('map.rep.loadTarget'), t('map.rep.loadTargetValue', { load: fmt(rep.loadMinutes, 0), target: fmt(rep.targetMinutes, 0) })],
      [t('map.rep.balance'), pct(rep.balance)],
      [t('map.rep.overBudgetDays'), fmt(rep.overBudgetDays, 0)]
    ]);
    rep.flags.forEach(function (flag) { h('p', { class: 'flag' }, side, flag); });
  }
  function renderStops(ri) {
    var late = R.overBudgetMinutes[ri] > 0 ? t('map.stops.overBudget', { minutes: fmt(R.overBudgetMinutes[ri], 0) }) : '';
    var starts = R.departure[ri] !== R.start[ri] ? t('map.stops.dayStarts', { time: clock(R.start[ri]) }) : '';
    h('h4', {}, side, t('map.stops.title', { day: dayLabel(R.day[ri]), from: clock(R.departure[ri]), to: clock(R.end[ri]), starts: starts, km: fmt(R.km[ri]), minutes: fmt(R.minutes[ri], 0), late: late }));
    var table = miniTable(side, ['#', t('map.stops.col.arrive'), t('map.stops.col.outlet'), t('map.stops.col.tier')]);
    table.classList.add('stops');
    for (var k = STOP0[ri]; k < STOP0[ri + 1]; k++) {
      var o = R.stopOutlet[k], tr = h('tr', {}, table);
      h('td', { class: 'num' }, tr, k - STOP0[ri] + 1);
      h('td', {}, tr, clock(R.stopArrival[k]));
      h('td', {}, tr, O.name[o] + ' (' + O.id[o] + ')');
      h('td', {}, tr, TIER_LABEL[data.tiers[O.tier[o]]]);
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
    h('h4', {}, side, t('map.outlet.changesAgainst', { against: AGAINST }));
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
      [t('map.outlet.tier'), TIER_LABEL[data.tiers[O.tier[i]]]],
      [t('map.outlet.pool'), O.pool[i] >= 0 ? data.pools[O.pool[i]] : '-'],
      [t('map.outlet.rep'), rep ? rep.id + ' ' + rep.name : t('common.unassigned')],
      [t('map.outlet.visits'), days.length ? days.length + ': ' + days.join(', ') : '-']
    ]);
    renderChangeList(ROWS_OF[i]);
    if (rep) {
      var back = h('button', { type: 'button', class: 'chip' }, side, t('map.outlet.showRep', { rep: rep.id }));
      back.addEventListener('click', function () { selectRep(O.rep[i]); });
    }
  }
  function renderClosedCard(j) {
    titleWithSwatch(CHANGE_COLOR.closed, CL.name[j] + ' (' + CL.id[j] + ')');
    h('p', { class: 'hint' }, side, t('map.closed.hint', { against: AGAINST }));
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
