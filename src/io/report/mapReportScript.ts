import { BALANCE_CHART_SCRIPT } from './mapScript/balanceChart.js';
import { BASEMAP_SCRIPT } from './mapScript/basemap.js';
import { CHANGES_TABLE_SCRIPT } from './mapScript/changesTable.js';
import { MAP_CONTROLS_SCRIPT } from './mapScript/mapControls.js';
import { MAP_LAYERS_SCRIPT } from './mapScript/mapLayers.js';
import { MAP_LEGEND_SCRIPT } from './mapScript/mapLegend.js';
import { MAP_POINTER_SCRIPT } from './mapScript/mapPointer.js';
import { MAP_VIEW_SCRIPT } from './mapScript/mapView.js';
import { PAGE_BOOT_SCRIPT } from './mapScript/pageBoot.js';
import { PAGE_DATA_SCRIPT } from './mapScript/pageData.js';
import { SIDE_PANEL_SCRIPT } from './mapScript/sidePanel.js';

/**
 * The map page's script, as plain browser JavaScript (ES2017, no modules, no libraries) so that
 * map.html works offline from a file:// URL. It reads the JSON embedded in #plan-data and draws
 * the map on a canvas (only what the view shows; clicks found through a grid index), with an
 * optional tile basemap under it, and the legend, side panel, balance chart and paged changes
 * table as DOM/SVG. All plan text is inserted with textContent, never as HTML. The parts under
 * mapScript/ share one function scope, in this order; each is kept free of backticks and
 * dollar-brace so it can live in a String.raw literal.
 */
export const MAP_REPORT_SCRIPT = `
(function () {
  'use strict';
${[
  PAGE_DATA_SCRIPT,
  MAP_VIEW_SCRIPT,
  MAP_LAYERS_SCRIPT,
  BASEMAP_SCRIPT,
  MAP_POINTER_SCRIPT,
  MAP_CONTROLS_SCRIPT,
  SIDE_PANEL_SCRIPT,
  MAP_LEGEND_SCRIPT,
  BALANCE_CHART_SCRIPT,
  CHANGES_TABLE_SCRIPT,
  PAGE_BOOT_SCRIPT,
].join('\n')}
})();
`;
