/*
 * c4obs.js — the observatory's map (issue 14): the jurisdiction's cuadrantes as a
 * choropleth of incidents, and a heat layer of the incidents' ~110 m cells.
 *
 * The page is built once by folium (c4console/gui/observatory/observatory_page.py)
 * with local Leaflet and the Leaflet.heat plugin folium ships; the window sends each
 * answer of the central to window.c4obs.show(data). Heat: L.heatLayer when the plugin
 * loaded, else weighted circles (said by window.c4obs.heatKind()).
 */
(function () {
  "use strict";

  // Sequential reds, light to dark: 0 incidents is the first class.
  var CLASSES = ["#fff5f0", "#fdd0a2", "#fc9272", "#ef3b2c", "#a50f15"];
  var map = null;
  var outlines = null; // the FeatureCollection (sector, cuadrante, colonia)
  var choropleth = null;
  var heat = null;
  var drawn = 0; // polygons drawn by the last show()
  var shown = 0; // answers shown

  function colour(count, max) {
    if (!count || !max) {
      return CLASSES[0];
    }
    var k = Math.min(CLASSES.length - 1, 1 + Math.floor((CLASSES.length - 1) * (count - 1) / max));
    return CLASSES[k];
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function attach(leafletMap, config) {
    map = leafletMap;
    outlines = config.outlines;
    if (config.bounds) {
      map.fitBounds(config.bounds);
    }
    L.control.scale({ metric: true, imperial: false }).addTo(map);
  }

  function show(data) {
    var counts = {};
    var max = 0;
    (data.cuadrantes || []).forEach(function (c) {
      counts[c.cuadrante] = c.count;
      max = Math.max(max, c.count);
    });
    if (choropleth) {
      map.removeLayer(choropleth);
    }
    drawn = 0;
    choropleth = L.geoJSON(outlines, {
      style: function (f) {
        return { color: "#37474f", weight: 1, opacity: 0.9, fillOpacity: 0.6,
                 fillColor: colour(counts[f.properties.cuadrante] || 0, max) };
      },
      onEachFeature: function (f, layer) {
        drawn += 1;
        var p = f.properties;
        layer.bindTooltip(escapeHtml(p.cuadrante) + " · " + escapeHtml(p.colonia) +
                          " (" + escapeHtml(p.sector) + "): " + (counts[p.cuadrante] || 0),
                          { sticky: true });
      }
    }).addTo(map);
    if (heat) {
      map.removeLayer(heat);
    }
    var points = data.heat || [];
    var top = points.reduce(function (m, p) { return Math.max(m, p[2]); }, 0);
    if (typeof L.heatLayer === "function") {
      heat = L.heatLayer(points, { radius: 18, blur: 15, max: top || 1, minOpacity: 0.3 });
    } else {
      heat = L.layerGroup(points.map(function (p) {
        return L.circle([p[0], p[1]], { radius: 60, stroke: false, fillColor: "#b71c1c",
                                        fillOpacity: 0.2 + 0.6 * p[2] / (top || 1) });
      }));
    }
    heat.addTo(map);
    shown += 1;
  }

  window.c4obs = {
    attach: attach,
    show: show,
    polygonCount: function () { return drawn; },
    shownCount: function () { return shown; },
    heatKind: function () { return typeof L.heatLayer === "function" ? "leaflet.heat" : "circles"; }
  };
})();
