// The map: the bundled country outlines (world.geojson, Natural Earth) in the vendored Leaflet,
// no tiles, so it works offline. Event places are markers merged by Leaflet.markercluster into
// clusters that split as one zooms in. A marker is a small pie: its area says how many events,
// each slice the share of one quad class (not just the largest). Clicking a place lists its
// events; clicking a cluster lists the events of the area it covers.
"use strict";

(() => {
  const A = Annales;
  const SVG = "http://www.w3.org/2000/svg";
  const CELL = 0.005;  // places are grouped on coordinates rounded to 0.01 degree

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    return node;
  }

  // A pie of the four quad classes, `size` pixels wide, with the count in the middle.
  function pie(counts, size, label) {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    const r = size / 2;
    const svg = svgEl("svg", { width: size, height: size, viewBox: `0 0 ${size} ${size}`, class: "pie" });
    let angle = -Math.PI / 2;
    counts.forEach((n, i) => {
      if (!n) return;
      const share = n / total;
      if (share >= 0.9999) { svg.appendChild(svgEl("circle", { cx: r, cy: r, r: r - 1, fill: A.quadColour(i + 1) })); return; }
      const end = angle + share * 2 * Math.PI;
      const large = share > 0.5 ? 1 : 0;
      const [x1, y1, x2, y2] = [r + (r - 1) * Math.cos(angle), r + (r - 1) * Math.sin(angle), r + (r - 1) * Math.cos(end), r + (r - 1) * Math.sin(end)];
      svg.appendChild(svgEl("path", { d: `M${r},${r}L${x1},${y1}A${r - 1},${r - 1} 0 ${large} 1 ${x2},${y2}Z`, fill: A.quadColour(i + 1) }));
      angle = end;
    });
    svg.appendChild(svgEl("circle", { cx: r, cy: r, r: r - 1, fill: "none", stroke: "#ffffff", "stroke-width": 1.5 }));
    if (label && size >= 22) {
      svg.appendChild(svgEl("circle", { cx: r, cy: r, r: Math.max(7, r * 0.45), fill: "#ffffff", opacity: 0.85 }));
      const text = svgEl("text", { x: r, y: r + 4, "text-anchor": "middle", "font-size": 11, "font-weight": 600, fill: A.css("--ink") });
      text.textContent = label;
      svg.appendChild(text);
    }
    return svg;
  }

  function sizeOf(n, max) {
    return Math.round(12 + 34 * Math.sqrt(n / max));
  }

  function icon(counts, n, max, label, kind) {
    const size = sizeOf(n, max);
    return L.divIcon({ html: pie(counts, size, label), className: `place-icon ${kind}`, iconSize: [size, size] });
  }

  function box(south, west, north, east) {
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    return [clamp(south, -90, 90), clamp(west, -180, 180), clamp(north, -90, 90), clamp(east, -180, 180)].map((v) => v.toFixed(3)).join(",");
  }

  function hint(lines) {
    const node = document.createElement("div");
    for (const line of lines) {
      const row = document.createElement("div");
      row.textContent = A.isolate(line);
      node.appendChild(row);
    }
    return node;
  }

  function addOutlines(map) {
    fetch("/static/world.geojson")
      .then((response) => response.json())
      .then((world) => {
        L.geoJSON(world, { interactive: false, style: { color: "#ffffff", weight: 0.7, fillColor: A.css("--land"), fillOpacity: 1 } }).addTo(map);
        document.getElementById("map").dataset.outlines = "drawn";
      })
      .catch(() => { document.getElementById("map").dataset.outlines = "missing"; });
  }

  function draw(data) {
    const node = document.getElementById("map");
    if (!node) return;
    const map = L.map(node, { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: true, renderer: L.svg() });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
    addOutlines(map);
    const places = data.places || [];
    const max = Math.max(1, ...places.map((p) => p.n));
    const counts = (p) => [p.q1, p.q2, p.q3, p.q4];
    const group = L.markerClusterGroup({
      showCoverageOnHover: false, zoomToBoundsOnClick: false, spiderfyOnMaxZoom: false, maxClusterRadius: 48,
      iconCreateFunction: (cluster) => {
        const children = cluster.getAllChildMarkers().map((m) => m.options.place);
        const sum = [0, 1, 2, 3].map((i) => children.reduce((acc, p) => acc + counts(p)[i], 0));
        const n = children.reduce((acc, p) => acc + p.n, 0);
        return icon(sum, n, max, String(n), "cluster");
      },
    });
    for (const p of places) {
      const marker = L.marker([p.lat, p.lon], { place: p, icon: icon(counts(p), p.n, max, p.n > 1 ? String(p.n) : "", "single"), keyboard: true });
      marker.bindTooltip(hint([`${p.name}: ${p.n} events`, "click: list them"]));
      marker.on("click", () => A.go(A.eventsUrl({ place: p.name, bbox: box(p.lat - CELL, p.lon - CELL, p.lat + CELL, p.lon + CELL) })));
      group.addLayer(marker);
    }
    group.on("clusterclick", (event) => {
      const b = event.layer.getBounds();
      A.go(A.eventsUrl({ place: null, bbox: box(b.getSouth() - CELL, b.getWest() - CELL, b.getNorth() + CELL, b.getEast() + CELL) }));
    });
    group.on("clustermouseover", (event) => {
      const n = event.layer.getAllChildMarkers().reduce((acc, m) => acc + m.options.place.n, 0);
      event.layer.bindTooltip(hint([`${n} events in ${event.layer.getChildCount()} places`, "click: list them; zoom in to split"])).openTooltip();
    });
    map.addLayer(group);
    if (places.length) map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 5 });
    else map.setView([20, 0], 1.5);
  }

  A.onPage("map", draw);
})();
