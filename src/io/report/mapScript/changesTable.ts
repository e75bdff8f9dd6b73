/**
 * Page script, part 10: the changes table against the previous plan, every row (no cap), paged
 * 100 rows at a time, filtered by kind and by text. Rows are decoded from review.rows (numbers
 * into the label table) only when shown; clicking a row (or Enter on it) selects its outlet on
 * the map (a closed outlet at its previous position) and brings the map into view.
 */
export const CHANGES_TABLE_SCRIPT = String.raw`
  var KIND_LABEL = {};
  data.changeKinds.forEach(function (kind) { KIND_LABEL[kind] = t('map.kind.' + kind); });
  /** A weekday list label ("Mon+Thu") in the page's language. */
  function daysText(label) { return label === null ? '-' : label.split('+').map(weekdayLabel).join('+'); }
  var PAGE_SIZE = 100;
  function changeLabel(i) { return i >= 0 ? review.labels[i] : null; }
  /** The Detail column of a row, e.g. "R01 -> R02" or "0.90 km, R01 -> R01 (kept)". */
  function changeDetail(row) {
    var from = changeLabel(row[2]), to = changeLabel(row[3]);
    switch (data.changeKinds[row[0]]) {
      case 'new': return TIER_LABEL[data.tiers[row[5]]] + ' -> ' + (to === null ? t('common.unassigned') : to);
      case 'closed': return t('map.detail.was', { rep: from === null ? t('common.unassigned') : from });
      case 'weekday': return daysText(from) + ' -> ' + daysText(to);
      case 'tier': return (from === null ? t('common.none') : TIER_LABEL[from] || from) + ' -> ' + (to === null ? t('common.none') : TIER_LABEL[to] || to);
      case 'moved': return t('map.detail.moved', { km: (row[5] / 100).toFixed(2), from: from === null ? t('common.none') : from, to: to === null ? t('common.none') : to, kept: row[6] ? '' : t('map.detail.kept') });
      default: return (from === null ? t('common.none') : from) + ' -> ' + (to === null ? t('common.none') : to);
    }
  }
  function rowOutlet(row) {
    return row[0] === 1 ? { id: CL.id[row[1]], name: CL.name[row[1]] } : { id: O.id[row[1]], name: O.name[row[1]] };
  }
  var searchText = [];
  function rowText(r) {
    if (searchText[r] === undefined) {
      var row = review.rows[r], o = rowOutlet(row);
      searchText[r] = (o.id + ' ' + o.name + ' ' + changeDetail(row) + ' ' + changeLabel(row[4])).toLowerCase();
    }
    return searchText[r];
  }

  function renderChanges() {
    var counts = review.counts;
    document.getElementById('changes-title').textContent = AGAINST ? t('map.changes.against', { against: AGAINST }) : t('map.section.changes');
    var box = document.getElementById('change-counts');
    var kinds = [['all', t('map.changes.all')], ['new', t('map.changes.new', { count: counts['new'] })], ['closed', t('map.changes.closed', { count: counts.closed })], ['rep', t('map.changes.rep', { count: counts.repChanged })], ['weekday', t('map.changes.weekday', { count: counts.weekdayChanged })], ['tier', t('map.changes.tier', { count: counts.tierChanged })], ['moved', t('map.changes.moved', { count: counts.moved || 0 })]];
    var current = 'all', page = 0, shown = [], selectedRow = -1;
    var search = document.getElementById('change-filter');
    var body = document.getElementById('changes-body');
    var status = document.getElementById('changes-status');
    var prev = document.getElementById('changes-prev'), next = document.getElementById('changes-next');
    if (!review.hasPrevious) h('p', { class: 'hint' }, box, t('map.changes.firstPlan'));
    var chips = h('div', { class: 'chips' }, box);
    kinds.forEach(function (k) {
      var chip = h('button', { type: 'button', class: 'chip' + (k[0] === 'all' ? ' active' : ''), 'data-kind': k[0] }, chips, k[1]);
      chip.addEventListener('click', function () {
        current = k[0];
        Array.prototype.forEach.call(chips.childNodes, function (c) { c.classList.toggle('active', c === chip); });
        filter();
      });
    });
    function pickRow(r, tr) {
      selectedRow = r;
      Array.prototype.forEach.call(body.childNodes, function (node) { node.classList.toggle('selected', node === tr); });
      var row = review.rows[r];
      if (row[0] === 1) selectClosed(row[1]); else selectOutlet(row[1]);
      document.getElementById('map-section').scrollIntoView({ block: 'start' });
    }
    function fillPage() {
      clear(body);
      var first = page * PAGE_SIZE, last = Math.min(shown.length, first + PAGE_SIZE);
      for (var n = first; n < last; n++) {
        (function (r) {
          var row = review.rows[r], o = rowOutlet(row), kind = data.changeKinds[row[0]];
          var tr = h('tr', { class: 'change-row' + (r === selectedRow ? ' selected' : ''), tabindex: '0', 'data-row': String(r), title: t('map.changes.showOnMap') }, body);
          h('td', {}, tr).appendChild(h('span', { class: 'kind kind-' + kind }, null, KIND_LABEL[kind]));
          h('td', {}, tr, o.id);
          h('td', {}, tr, o.name);
          h('td', {}, tr, changeDetail(row));
          h('td', {}, tr, changeLabel(row[4]));
          tr.addEventListener('click', function () { pickRow(r, tr); });
          tr.addEventListener('keydown', function (evt) { if (evt.key === 'Enter') pickRow(r, tr); });
        })(shown[n]);
      }
      var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
      status.textContent = shown.length === 0 ? t('map.changes.none') : t('map.changes.status', { first: fmt(first + 1, 0), last: fmt(last, 0), total: fmt(shown.length, 0), page: page + 1, pages: pages });
    }
    function filter() {
      var q = search.value.trim().toLowerCase();
      var kindIndex = data.changeKinds.indexOf(current);
      shown = [];
      for (var r = 0; r < review.rows.length; r++) {
        if (kindIndex >= 0 && review.rows[r][0] !== kindIndex) continue;
        if (q && rowText(r).indexOf(q) < 0) continue;
        shown.push(r);
      }
      page = 0;
      fillPage();
    }
    prev.addEventListener('click', function () { if (page > 0) { page--; fillPage(); } });
    next.addEventListener('click', function () { if ((page + 1) * PAGE_SIZE < shown.length) { page++; fillPage(); } });
    search.addEventListener('input', filter);
    filter();
  }
`;
