/**
 * Page script, part 4: the optional basemap. When the deployment set a tile server
 * (data.basemap, from MAP_TILE_URL), the tiles of the view's zoom level are shown as images under
 * the canvas, positioned in the same Web Mercator pixels the canvas draws in; tiles leaving the
 * view are removed. Without a tile server nothing is requested and drawBasemap draws nothing.
 */
export const BASEMAP_SCRIPT = String.raw`
  var tileBox = document.getElementById('basemap');
  var tileImages = {};
  if (data.basemap && data.basemap.attribution) document.getElementById('attribution').textContent = data.basemap.attribution;
  function tileUrl(z, x, y) {
    return data.basemap.url.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
  }
  /** Places the view's tiles; returns how many are shown. */
  function drawBasemap() {
    if (!data.basemap) return 0;
    var z = Math.max(0, Math.min(19, Math.round(Math.log(view.s / 256) / Math.LN2)));
    var n = Math.pow(2, z), tilePx = view.s / n, W = screenW(), H = screenH();
    var x0 = Math.floor(wxOf(0) * n), x1 = Math.floor(wxOf(W) * n);
    var y0 = Math.max(0, Math.floor(wyOf(0) * n)), y1 = Math.min(n - 1, Math.floor(wyOf(H) * n));
    var keep = {}, shown = 0;
    for (var tx = x0; tx <= x1; tx++) {
      for (var ty = y0; ty <= y1; ty++) {
        var wrapped = ((tx % n) + n) % n, key = z + '/' + tx + '/' + ty;
        var img = tileImages[key];
        if (!img) {
          img = h('img', { alt: '', draggable: 'false', class: 'tile' }, tileBox);
          img.addEventListener('error', function () { this.style.visibility = 'hidden'; });
          img.src = tileUrl(z, wrapped, ty);
          tileImages[key] = img;
        }
        img.style.left = sx(tx / n) + 'px';
        img.style.top = sy(ty / n) + 'px';
        img.style.width = img.style.height = (tilePx + 0.5) + 'px';
        keep[key] = true;
        shown++;
      }
    }
    Object.keys(tileImages).forEach(function (key) {
      if (keep[key]) return;
      tileBox.removeChild(tileImages[key]);
      delete tileImages[key];
    });
    return shown;
  }
`;
