/**
 * Page script, part 10: the changes table against the previous plan, every row (no cap), paged
 * 100 rows at a time, filtered by kind and by text. Rows are decoded from review.rows (numbers
 * into the label table) only when shown; clicking a row (or Enter on it) selects its outlet on
 * the map (a closed outlet at its previous position) and brings the map into view.
 */
export const CHANGES_TABLE_SCRIPT = String.raw`
  var KIND_LABEL = { 'new': 'new', closed: 'closed', rep: 'rep', weekday: 'weekday', tier: 'tier', moved: 'moved' };
  var PAGE_SIZE = 100;
  function changeLabel(i) { return i >= 0 ? review.labels[i] : null; }
  /** The Detail column of a row, e.g. "R01 -> R02" or "0.90 km, R01 -> R01 (kept)". */
  function changeDetail(row) {
    var from = changeLabel(row[2]), to = changeLabel(row[3]);
    switch (data.changeKinds[row[0]]) {
      case 'new': return data.tiers[row[5]] + ' -> ' + (to === null ? 'unassigned' : to);
      case 'closed': return 'was ' + (from === null ? 'unassigned' : from);
      case 'weekday': return (from || '-') + ' -> ' + (to || '-');
      case 'moved': return (row[5] / 100).toFixed(2) + ' km, ' + (from === null ? 'none' : from) + ' -> ' + (to === null ? 'none' : to) + (row[6] ? '' : ' (kept)');
      default: return (from === null ? 'none' : from) + ' -> ' + (to === null ? 'none' : to);
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
    document.getElementById('changes-title').textContent = review.against ? 'Changes against ' + review.against : 'Changes against the previous version';
    var box = document.getElementById('change-counts');
    var kinds = [['all', 'All'], ['new', 'New (' + counts['new'] + ')'], ['closed', 'Closed (' + counts.closed + ')'], ['rep', 'Rep changed (' + counts.repChanged + ')'], ['weekday', 'Weekday changed (' + counts.weekdayChanged + ')'], ['tier', 'Tier changed (' + counts.tierChanged + ')'], ['moved', 'Moved (' + (counts.moved || 0) + ')']];
    var current = 'all', page = 0, shown = [], selectedRow = -1;
    var search = document.getElementById('change-filter');
    var body = document.getElementById('changes-body');
    var status = document.getElementById('changes-status');
    var prev = document.getElementById('changes-prev'), next = document.getElementById('changes-next');
    if (!review.hasPrevious) h('p', { class: 'hint' }, box, 'First plan of this region: every outlet is new.');
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
          var tr = h('tr', { class: 'change-row' + (r === selectedRow ? ' selected' : ''), tabindex: '0', 'data-row': String(r), title: 'Show on the map' }, body);
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
      status.textContent = shown.length === 0 ? 'No changes.' : 'Rows ' + fmt(first + 1, 0) + '-' + fmt(last, 0) + ' of ' + fmt(shown.length, 0) + ' changes (page ' + (page + 1) + ' of ' + pages + ').';
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
