/*
 * c4map.js — live incident and unit markers on the c4console map.
 *
 * The page is built once by folium; the console sends changes as batches to
 * window.c4map.applyBatch(). Markers live in layers keyed by id, so a batch
 * only touches what changed. Clicks and batch acknowledgements go back to
 * Python through the QWebChannel bridge (connected by the console's injected
 * script); calls made before the bridge is up wait in a small outbox.
 *
 * Pick mode (the registry form's "Elegir en el mapa"): a banner and a crosshair
 * cursor until the next click on the map, whose lat/lon goes back to Python
 * (onPointPicked); Esc cancels (onPickCancelled). The home marker shows where the
 * beneficiary being edited lives.
 *
 * Planned stops (issue 13): the follow-up's patrol visits due today and not yet made,
 * small markers of their own layer labelled with the unit; a batch's "stops" and
 * "removeStops" keep them, a proven visit's stop is removed.
 */
(function () {
  "use strict";

  var PRIORITY_COLORS = { ALTA: "#d32f2f", MEDIA: "#f57c00", BAJA: "#fbc02d" };
  var UNIT_COLORS = {
    available: "#2e7d32",
    assigned: "#1565c0",
    en_route: "#1565c0",
    on_scene: "#7b1fa2",
    out_of_service: "#757575"
  };
  var FALLBACK_COLOR = "#455a64";
  var MIN_SELECT_ZOOM = 14;
  var PULSE_MS = 600; // an active alarm's ring: on, off (see c4map.css)
  var homeBounds = null;
  var operatorMoved = false;

  var map = null;
  var linkLayer = null;
  var incidentLayer = null;
  var unitLayer = null;
  var stopLayer = null;
  var STOP_LABEL_ZOOM = 15; // planned stops are labelled from this zoom on
  var stops = {}; // visit id -> {data, marker}
  var incidents = {}; // id -> {data, main, live, line, trail, key}
  var units = {}; // id -> {data, marker, key}
  var selected = null; // {kind, id}
  var bridge = null;
  var outbox = [];
  var stats = { batches: 0, lastSeq: 0, errors: 0 };
  var pick = null; // {banner, onClick, onKey} while picking a point
  var home = null; // {marker, label}: the home of the beneficiary being edited

  function callBridge(method, args) {
    if (bridge && typeof bridge[method] === "function") {
      bridge[method].apply(bridge, args);
    } else {
      outbox.push([method, args]); // the channel connects asynchronously
    }
  }

  function connectBridge(obj) {
    bridge = obj;
    var waiting = outbox;
    outbox = [];
    waiting.forEach(function (call) { callBridge(call[0], call[1]); });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function incidentColor(d) { return PRIORITY_COLORS[d.priority] || FALLBACK_COLOR; }
  function unitColor(d) { return UNIT_COLORS[d.status] || FALLBACK_COLOR; }

  function incidentIcon(d) {
    var root = el("div", "c4-inc c4-prio-" + String(d.priority).toLowerCase() + (d.alarm ? " c4-alarm" : "") +
      (d.test ? " c4-test" : ""));
    root.style.setProperty("--c4-color", incidentColor(d));
    root.appendChild(el("span", "c4-inc-letter", String(d.priority || "?").charAt(0)));
    var size = d.alarm ? 30 : 20; // active alarms must stand out
    return L.divIcon({ html: root, className: "c4-marker", iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  }

  function liveIcon(d) {
    var root = el("div", "c4-live");
    root.style.setProperty("--c4-color", incidentColor(d));
    return L.divIcon({ html: root, className: "c4-marker", iconSize: [18, 18], iconAnchor: [9, 9] });
  }

  function unitIcon(d) {
    var root = el("div", "c4-unit c4-unit-" + d.status);
    root.style.setProperty("--c4-color", unitColor(d));
    root.appendChild(el("div", "c4-unit-dot"));
    root.appendChild(el("div", "c4-unit-label", d.callsign));
    return L.divIcon({ html: root, className: "c4-marker", iconSize: [16, 16], iconAnchor: [8, 8] });
  }

  function isSelected(kind, id) {
    return selected !== null && selected.kind === kind && selected.id === id;
  }

  // Tags the marker's DOM element so tests and the selection style can find it;
  // Leaflet replaces the element on setIcon, so this runs after every change.
  function decorate(marker, kind, id, role) {
    var node = marker.getElement();
    if (!node) { return; }
    node.setAttribute("data-c4-kind", kind);
    node.setAttribute("data-c4-id", id);
    node.setAttribute("data-c4-role", role);
    node.classList.toggle("c4-selected", isSelected(kind, id));
  }

  function clickable(marker, kind, id) {
    marker.on("click", function () { callBridge("onMarkerClicked", [kind, id]); });
    return marker;
  }

  function placeMarker(current, pos, icon, key, oldKey, kind, id, role, options) {
    if (!pos) {
      if (current) { current.remove(); }
      return null;
    }
    var layer = kind === "unit" ? unitLayer : incidentLayer;
    if (!current) {
      var opts = { icon: icon(), keyboard: false, riseOnHover: true };
      Object.keys(options || {}).forEach(function (k) { opts[k] = options[k]; });
      current = clickable(L.marker(pos, opts), kind, id).addTo(layer);
    } else {
      current.setLatLng(pos);
      if (key !== oldKey) {
        current.setIcon(icon());
        if (options && options.zIndexOffset !== undefined) { current.setZIndexOffset(options.zIndexOffset); }
      }
    }
    decorate(current, kind, id, role);
    return current;
  }

  function upsertIncident(d) {
    var e = incidents[d.id] || { data: null, main: null, live: null, line: null, trail: null, key: null };
    var key = [d.priority, d.status, d.alarm, !!d.test].join("|");
    var z = { zIndexOffset: d.alarm ? 1000 : 0 };
    e.main = placeMarker(e.main, d.pos, function () { return incidentIcon(d); }, key, e.key,
      "incident", d.id, "main", z);
    // The device's position never moves the confirmed marker: it gets its own.
    e.live = placeMarker(e.live, d.live, function () { return liveIcon(d); }, key, e.key,
      "incident", d.id, "live", z);
    // Tooltips get DOM text nodes, never HTML strings: the folio comes from outside.
    if (e.main) { e.main.unbindTooltip().bindTooltip(el("span", null, d.folio || d.id)); }
    var liveLabel = d.proximity ? d.proximity.aggressorLabel : "GPS";
    if (e.live) {
      e.live.unbindTooltip().bindTooltip(el("span", null, (d.folio || d.id) + " (" + liveLabel + ")"));
      var liveNode = e.live.getElement();
      if (liveNode) { liveNode.classList.toggle("c4-aggressor", !!d.proximity); }
    }
    if (d.pos && d.live) {
      var style = { color: incidentColor(d), weight: 2, dashArray: "6 6", interactive: false };
      if (e.line) { e.line.setLatLngs([d.pos, d.live]).setStyle(style); } else {
        e.line = L.polyline([d.pos, d.live], style).addTo(linkLayer);
      }
    } else if (e.line) {
      e.line.remove();
      e.line = null;
    }
    // The active alarm's path (the device's fixes, oldest first): a solid line under the markers.
    if (d.trail && d.trail.length >= 2) {
      var trailStyle = { color: incidentColor(d), weight: 3, opacity: 0.7, interactive: false,
        className: "c4-trail" };
      if (e.trail) { e.trail.setLatLngs(d.trail).setStyle(trailStyle); } else {
        e.trail = L.polyline(d.trail, trailStyle).addTo(linkLayer);
      }
    } else if (e.trail) {
      e.trail.remove();
      e.trail = null;
    }
    drawProximity(e, d);
    e.data = d;
    e.key = key;
    incidents[d.id] = e;
  }

  // A proximity alarm: the order's exclusion zones (circles, polygons; the ones he is in
  // filled stronger) and her position when it is not the incident's own marker.
  function drawProximity(e, d) {
    var p = d.proximity || null;
    var zonesKey = p ? JSON.stringify([p.zones, p.inside]) : "";
    if (e.zonesKey !== zonesKey) {
      if (e.zones) { e.zones.remove(); e.zones = null; }
      if (p && p.zones && p.zones.length) {
        e.zones = L.layerGroup().addTo(linkLayer);
        p.zones.forEach(function (zone) {
          var style = { color: "#6a1b9a", weight: 2, fillOpacity: zone.inside ? 0.25 : 0.08,
            interactive: false, className: "c4-zone" };
          var shape = zone.kind === "polygon" ? L.polygon(zone.points, style)
            : L.circle(zone.center, Object.assign({ radius: zone.radius }, style));
          shape.bindTooltip(el("span", null, zone.label || ""));
          e.zones.addLayer(shape);
        });
      }
      e.zonesKey = zonesKey;
    }
    var victim = p && p.victim ? p.victim : null;
    if (victim) {
      var style = { radius: 7, color: "#ffffff", weight: 2, fillColor: "#00897b", fillOpacity: 1,
        interactive: false, className: "c4-victim" };
      if (e.victim) { e.victim.setLatLng(victim); } else {
        e.victim = L.circleMarker(victim, style).addTo(linkLayer);
      }
      e.victim.unbindTooltip().bindTooltip(el("span", null, p.victimLabel || ""));
    } else if (e.victim) {
      e.victim.remove();
      e.victim = null;
    }
  }

  function removeIncident(id) {
    var e = incidents[id];
    if (!e) { return; }
    [e.main, e.live, e.line, e.trail, e.zones, e.victim].forEach(function (layer) {
      if (layer) { layer.remove(); }
    });
    delete incidents[id];
  }

  function upsertUnit(d) {
    var e = units[d.id] || { data: null, marker: null, key: null };
    var key = [d.status, d.callsign].join("|");
    e.marker = placeMarker(e.marker, d.pos, function () { return unitIcon(d); }, key, e.key,
      "unit", d.id, "unit", { zIndexOffset: 500 });
    e.data = d;
    e.key = key;
    units[d.id] = e;
  }

  // A unit that only moved: its marker (and its DOM element) stays, only the position changes.
  function moveUnit(id, lat, lon) {
    var e = units[id];
    if (!e || !e.marker) { return; }
    e.data.pos = [lat, lon];
    e.marker.setLatLng([lat, lon]);
  }

  function removeUnit(id) {
    var e = units[id];
    if (!e) { return; }
    if (e.marker) { e.marker.remove(); }
    delete units[id];
  }

  function stopIcon(d) {
    var root = el("div", "c4-stop c4-stop-" + d.place);
    root.appendChild(el("div", "c4-stop-dot"));
    root.appendChild(el("div", "c4-stop-label", d.callsign + " " + d.due));
    return L.divIcon({ html: root, className: "c4-marker", iconSize: [10, 10], iconAnchor: [5, 5] });
  }

  // A planned stop: not clickable (the dock lists the visit); its unit in data-c4-unit.
  function upsertStop(d) {
    var e = stops[d.id];
    if (e) { e.marker.remove(); }
    var marker = L.marker(d.pos, { icon: stopIcon(d), keyboard: false, interactive: false })
      .addTo(stopLayer);
    var node = marker.getElement();
    if (node) {
      node.setAttribute("data-c4-kind", "stop");
      node.setAttribute("data-c4-id", d.id);
      node.setAttribute("data-c4-unit", d.unit);
    }
    stops[d.id] = { data: d, marker: marker };
  }

  function removeStop(id) {
    var e = stops[id];
    if (!e) { return; }
    e.marker.remove();
    delete stops[id];
  }

  function markersOf(kind, id) {
    if (kind === "incident") {
      var e = incidents[id];
      return e ? [e.main, e.live].filter(Boolean) : [];
    }
    var u = units[id];
    return u && u.marker ? [u.marker] : [];
  }

  function refreshSelection(previous) {
    [previous, selected].forEach(function (s) {
      if (!s) { return; }
      markersOf(s.kind, s.id).forEach(function (m) {
        var node = m.getElement();
        if (node) { node.classList.toggle("c4-selected", isSelected(s.kind, s.id)); }
      });
    });
  }

  /** Highlights an incident or unit and pans to it; returns true if it is on the map. */
  function select(kind, id) {
    var previous = selected;
    operatorMoved = true; // the view now follows the operator's choice, not the jurisdiction
    selected = { kind: kind, id: id };
    refreshSelection(previous);
    var markers = markersOf(kind, id);
    if (!markers.length || !map) { return false; }
    var target = markers[0].getLatLng();
    if (map.getZoom() < MIN_SELECT_ZOOM) { map.setView(target, MIN_SELECT_ZOOM); } else { map.panTo(target); }
    return true;
  }

  function guarded(fn, arg) {
    try { fn(arg); } catch (err) {
      stats.errors += 1; // one bad record must not stop the rest of the batch
      console.error("c4map: " + err);
    }
  }

  /** Applies {seq, incidents, units, removeIncidents, removeUnits, moves, stops, removeStops,
   * select} (object or JSON
   * text); moves is flat: [id, lat, lon, id, lat, lon, ...] of units already on the map. */
  function applyBatch(batch) {
    var b = typeof batch === "string" ? JSON.parse(batch) : batch;
    (b.removeIncidents || []).forEach(function (id) { guarded(removeIncident, id); });
    (b.removeUnits || []).forEach(function (id) { guarded(removeUnit, id); });
    (b.incidents || []).forEach(function (d) { guarded(upsertIncident, d); });
    (b.units || []).forEach(function (d) { guarded(upsertUnit, d); });
    (b.removeStops || []).forEach(function (id) { guarded(removeStop, id); });
    (b.stops || []).forEach(function (d) { guarded(upsertStop, d); });
    var moves = b.moves || [];
    for (var i = 0; i + 2 < moves.length; i += 3) {
      try { moveUnit(moves[i], moves[i + 1], moves[i + 2]); } catch (err) {
        stats.errors += 1;
        console.error("c4map: " + err);
      }
    }
    if (b.select) { guarded(function (s) { select(s.kind, s.id); }, b.select); }
    stats.batches += 1;
    stats.lastSeq = b.seq || 0;
    callBridge("onBatchApplied", [stats.lastSeq]);
    return { incidents: Object.keys(incidents).length, units: Object.keys(units).length };
  }

  function point(m) {
    if (!m) { return null; }
    var ll = m.getLatLng();
    return { lat: ll.lat, lon: ll.lng };
  }

  /** Test/diagnostic view of one marker: position, colour and state. */
  function markerInfo(kind, id) {
    if (kind === "incident") {
      var e = incidents[id];
      if (!e) { return null; }
      var main = point(e.main);
      return {
        lat: main ? main.lat : null,
        lon: main ? main.lon : null,
        color: incidentColor(e.data),
        priority: e.data.priority,
        status: e.data.status,
        alarm: !!e.data.alarm,
        live: point(e.live),
        line: !!e.line,
        trail: e.trail ? e.trail.getLatLngs().map(function (ll) { return [ll.lat, ll.lng]; }) : [],
        test: !!e.data.test,
        aggressor: !!e.data.proximity,
        victim: e.victim ? point(e.victim) : null,
        zones: e.zones ? e.zones.getLayers().map(function (layer) {
          if (layer.getRadius) {
            var c = layer.getLatLng();
            return { kind: "circle", lat: c.lat, lon: c.lng, radius: layer.getRadius() };
          }
          return { kind: "polygon", points: layer.getLatLngs()[0].map(function (ll) { return [ll.lat, ll.lng]; }) };
        }) : [],
        selected: isSelected(kind, id)
      };
    }
    var u = units[id];
    if (!u) { return null; }
    var p = point(u.marker);
    return {
      lat: p.lat, lon: p.lon, color: unitColor(u.data), status: u.data.status,
      callsign: u.data.callsign, selected: isSelected(kind, id)
    };
  }

  function stopPick() {
    if (!pick) { return false; }
    map.off("click", pick.onClick);
    document.removeEventListener("keydown", pick.onKey, true);
    pick.banner.remove();
    map.getContainer().classList.remove("c4-picking");
    pick = null;
    return true;
  }

  /** Pick mode: the next click on the map is sent to Python; Esc cancels. */
  function startPick(text) {
    if (!map) { return false; }
    stopPick();
    stopPolygonPick();
    var banner = el("div", "c4-pick-banner", text);
    // (pointer-events: none in c4map.css: a click on the banner lands on the map.)
    map.getContainer().appendChild(banner);
    map.getContainer().classList.add("c4-picking");
    pick = {
      banner: banner,
      onClick: function (e) {
        stopPick();
        callBridge("onPointPicked", [e.latlng.lat, e.latlng.lng]);
      },
      onKey: function (e) {
        if (e.key === "Escape" && stopPick()) { callBridge("onPickCancelled", []); }
      }
    };
    map.on("click", pick.onClick);
    document.addEventListener("keydown", pick.onKey, true);
    return true;
  }

  /** The home marker at {lat, lon, label}, or none (null). */
  function setHome(h) {
    if (home) { home.marker.remove(); home = null; }
    if (!h || !map) { return; }
    var root = el("div", "c4-home");
    var marker = L.marker([h.lat, h.lon], {
      icon: L.divIcon({ html: root, className: "c4-marker", iconSize: [22, 22], iconAnchor: [11, 11] }),
      keyboard: false, interactive: true, zIndexOffset: 800
    }).addTo(map);
    marker.bindTooltip(el("span", null, h.label || ""));
    var node = marker.getElement();
    if (node) { node.setAttribute("data-c4-kind", "home"); }
    home = { marker: marker, label: h.label || "" };
  }

  function homeInfo() {
    if (!home) { return null; }
    var p = point(home.marker);
    return { lat: p.lat, lon: p.lon, label: home.label };
  }

  function attach(leafletMap, config) {
    map = leafletMap;
    linkLayer = L.layerGroup().addTo(map);
    incidentLayer = L.layerGroup().addTo(map);
    stopLayer = L.layerGroup().addTo(map);
    unitLayer = L.layerGroup().addTo(map);
    config = config || {};
    if (!config.tiles) { map.getContainer().classList.add("c4-plain"); }
    // A day's planned stops are many: their labels (unit, time) only from street zoom on,
    // so the alarms and patrols stay readable at the city's zoom.
    var labelStops = function () {
      map.getContainer().classList.toggle("c4-stop-labels", map.getZoom() >= STOP_LABEL_ZOOM);
    };
    map.on("zoomend", labelStops);
    labelStops();
    L.control.scale({ imperial: false }).addTo(map);
    var container = map.getContainer();
    setInterval(function () { container.classList.toggle("c4-pulse-on"); }, PULSE_MS);
    homeBounds = config.bounds || null;
    // The page is often laid out before the widget has its final size: keep the
    // whole jurisdiction in view on resizes until the operator moves the map.
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
      map.getContainer().addEventListener(name, function () { operatorMoved = true; }, { passive: true });
    });
    map.on("resize", function () {
      if (!operatorMoved && homeBounds) { map.fitBounds(homeBounds); }
    });
    window.c4map.ready = true;
  }

  window.c4map = {
    ready: false,
    attach: attach,
    connectBridge: connectBridge,
    applyBatch: applyBatch,
    select: select,
    selection: function () { return selected; },
    markerIds: function () {
      return { incidents: Object.keys(incidents), units: Object.keys(units), stops: Object.keys(stops) };
    },
    stopInfo: function (id) {
      var e = stops[id];
      return e ? { pos: e.data.pos, unit: e.data.unit, callsign: e.data.callsign, due: e.data.due } : null;
    },
    markerInfo: markerInfo,
    startPick: startPick,
    stopPick: stopPick,
    picking: function () { return pick !== null; },
    setHome: setHome,
    homeInfo: homeInfo,
    // Where a position is drawn, in pixels from the map's top left (tests click there).
    containerPoint: function (lat, lon) {
      var p = map.latLngToContainerPoint([lat, lon]);
      return { x: p.x, y: p.y };
    },
    stats: function () { return { batches: stats.batches, lastSeq: stats.lastSeq, errors: stats.errors }; },
    bridgeConnected: function () { return bridge !== null; },
    view: function () {
      var c = map.getCenter();
      return { lat: c.lat, lon: c.lng, zoom: map.getZoom() };
    }
  };

  // --- Polygon pick (the exclusion zones form): several clicks, one outline ----------------
  // Kept apart from the markers and the one-point pick: each click adds a corner (drawn as
  // a dashed outline); Enter or a double click closes it (onPolygonPicked with the corners
  // as JSON [[lat, lon], …]); Esc cancels (onPickCancelled). Double-click zoom is off
  // meanwhile, and the two clicks of a double click add one corner.
  var polygonPick = null; // {banner, points, line, onClick, onDouble, onKey, zoomed}

  function stopPolygonPick() {
    var p = polygonPick;
    if (!p) { return false; }
    map.off("click", p.onClick);
    map.off("dblclick", p.onDouble);
    document.removeEventListener("keydown", p.onKey, true);
    if (p.zoomed) { map.doubleClickZoom.enable(); }
    p.banner.remove();
    p.line.remove();
    map.getContainer().classList.remove("c4-picking");
    polygonPick = null;
    return true;
  }

  function finishPolygonPick() {
    var p = polygonPick;
    if (!p) { return false; }
    var points = p.points.slice();
    stopPolygonPick();
    callBridge("onPolygonPicked", [JSON.stringify(points)]);
    return true;
  }

  /** Polygon pick: clicks add corners until Enter or a double click; Esc cancels. */
  function startPolygonPick(text) {
    if (!map) { return false; }
    stopPick();
    stopPolygonPick();
    var banner = el("div", "c4-pick-banner", text);
    map.getContainer().appendChild(banner);
    map.getContainer().classList.add("c4-picking");
    var line = L.polyline([], { color: "#6a1b9a", weight: 2, dashArray: "4 4", interactive: false,
      className: "c4-polygon-draft" }).addTo(map);
    var p = {
      banner: banner, points: [], line: line, zoomed: map.doubleClickZoom.enabled(),
      onClick: function (e) {
        var last = p.points[p.points.length - 1];
        var corner = [e.latlng.lat, e.latlng.lng];
        if (last && last[0] === corner[0] && last[1] === corner[1]) { return; }
        p.points.push(corner);
        line.setLatLngs(p.points);
      },
      onDouble: function () { finishPolygonPick(); },
      onKey: function (e) {
        if (e.key === "Escape" && stopPolygonPick()) { callBridge("onPickCancelled", []); }
        if (e.key === "Enter") { finishPolygonPick(); }
      }
    };
    if (p.zoomed) { map.doubleClickZoom.disable(); }
    map.on("click", p.onClick);
    map.on("dblclick", p.onDouble);
    document.addEventListener("keydown", p.onKey, true);
    polygonPick = p;
    return true;
  }

  window.c4map.startPolygonPick = startPolygonPick;
  window.c4map.stopPolygonPick = stopPolygonPick;
  window.c4map.finishPolygonPick = finishPolygonPick;
  window.c4map.polygonPicking = function () {
    return polygonPick ? polygonPick.points.slice() : null;
  };

  // --- Draft zones (the exclusion zones form): the order's zones while they are edited -----
  var draftZones = null;

  /** Draw the zones being edited ([{kind, lat, lon, radius_m, points, label}]), or none. */
  function setDraftZones(zones) {
    if (draftZones) { draftZones.remove(); draftZones = null; }
    if (!map || !zones || !zones.length) { return 0; }
    draftZones = L.layerGroup().addTo(map);
    zones.forEach(function (z) {
      var style = { color: "#00838f", weight: 2, dashArray: "6 4", fillOpacity: 0.1,
        interactive: false, className: "c4-zone-draft" };
      var shape = z.kind === "polygon" ? L.polygon(z.points, style)
        : L.circle([z.lat, z.lon], Object.assign({ radius: z.radius_m }, style));
      shape.bindTooltip(el("span", null, z.label || ""));
      draftZones.addLayer(shape);
    });
    return zones.length;
  }

  window.c4map.setDraftZones = setDraftZones;
  window.c4map.draftZoneCount = function () { return draftZones ? draftZones.getLayers().length : 0; };
}());
