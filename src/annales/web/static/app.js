// Annales explorer: small SVG charts drawn from the page's JSON (no external libraries).
// Each page embeds its data in <script type="application/json" id="page-data">, the same
// object its /api twin returns; this file only draws it. Text goes in with textContent,
// never innerHTML, so stored text can never become markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

function pageData() {
  const node = document.getElementById("page-data");
  return node ? JSON.parse(node.textContent) : null;
}

function el(tag, attrs, parent) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

function title(node, text) {
  el("title", {}, node).textContent = text;
  return node;
}

function text(parent, x, y, value, attrs) {
  const node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
  node.textContent = value;
  return node;
}

function svgIn(container, width, height) {
  container.textContent = "";
  return el("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", preserveAspectRatio: "xMidYMid meet" }, container);
}

function niceMax(value) {
  if (value <= 0) return 1;
  const step = Math.pow(10, Math.floor(Math.log10(value)));
  return Math.ceil(value / step) * step;
}

function quadLegend() {
  const legend = document.getElementById("quad-legend");
  if (!legend) return;
  legend.textContent = "";
  for (const [quad, name] of Object.entries(QUADS)) {
    const key = document.createElement("span");
    key.className = `key q${quad}`;
    legend.appendChild(key);
    legend.appendChild(document.createTextNode(name + " "));
  }
}

// Stacked bars: periods on x, one stack per quad class.
function stackedBars(container, rows) {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const W = 900, H = 260, L = 48, B = 40, T = 10;
  const svg = svgIn(container, W, H);
  if (!periods.length) { text(svg, W / 2, H / 2, "No dated events", { "text-anchor": "middle", class: "muted" }); return; }
  const byPeriod = new Map(periods.map((p) => [p, { 1: 0, 2: 0, 3: 0, 4: 0 }]));
  for (const r of rows) byPeriod.get(r.period)[r.quad] = r.n;
  const totals = periods.map((p) => Object.values(byPeriod.get(p)).reduce((a, b) => a + b, 0));
  const max = niceMax(Math.max(...totals));
  const bw = (W - L - 10) / periods.length;
  const y = (v) => H - B - (v / max) * (H - B - T);
  axisY(svg, L, W, y, [0, max / 2, max]);
  periods.forEach((period, i) => {
    let base = 0;
    for (const quad of [1, 2, 3, 4]) {
      const n = byPeriod.get(period)[quad];
      if (!n) continue;
      const rect = el("rect", { x: L + i * bw + 1, y: y(base + n), width: Math.max(bw - 2, 1), height: y(base) - y(base + n), class: `q${quad}` }, svg);
      title(rect, `${period}: ${n} ${QUADS[quad]}`);
      base += n;
    }
  });
  labelsX(svg, periods, (i) => L + i * bw + bw / 2, H - B + 16);
}

function axisY(svg, left, width, y, ticks) {
  for (const tick of ticks) {
    el("line", { x1: left, x2: width - 10, y1: y(tick), y2: y(tick), class: "grid" }, svg);
    text(svg, left - 6, y(tick) + 4, Number.isInteger(tick) ? tick : tick.toFixed(1), { "text-anchor": "end", class: "tick" });
  }
}

function labelsX(svg, labels, x, y0) {
  const every = Math.max(1, Math.ceil(labels.length / 10));
  labels.forEach((label, i) => {
    if (i % every === 0) text(svg, x(i), y0, String(label).slice(0, 10), { "text-anchor": "middle", class: "tick" });
  });
}

// Lines for the two directions of a dyad: value(row) on y over periods.
function dyadLines(container, rows, value, domain) {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const W = 900, H = 240, L = 48, B = 36, T = 10;
  const svg = svgIn(container, W, H);
  if (!periods.length) { text(svg, W / 2, H / 2, "No dated events", { "text-anchor": "middle", class: "muted" }); return; }
  const lo = domain ? domain[0] : 0;
  const hi = domain ? domain[1] : niceMax(Math.max(...rows.map(value)));
  const step = periods.length > 1 ? (W - L - 20) / (periods.length - 1) : 0;
  const x = (i) => L + 10 + i * step;
  const y = (v) => H - B - ((v - lo) / (hi - lo)) * (H - B - T);
  axisY(svg, L, W, y, domain ? [lo, 0, hi] : [0, hi / 2, hi]);
  for (const [dir, cls] of [["a->b", "dir-ab"], ["b->a", "dir-ba"]]) {
    const points = rows.filter((r) => r.direction === dir).map((r) => [periods.indexOf(r.period), value(r), r]);
    if (!points.length) continue;
    el("polyline", { points: points.map(([i, v]) => `${x(i)},${y(v)}`).join(" "), class: `line ${cls}` }, svg);
    for (const [i, v, r] of points) {
      title(el("circle", { cx: x(i), cy: y(v), r: 3.5, class: `dot ${cls}` }, svg), `${r.period} ${dir}: ${v.toFixed(2)} (${r.n} events)`);
    }
  }
  labelsX(svg, periods, x, H - B + 16);
}

// Horizontal grouped bars: PLOVER type, one bar per direction.
function typeBars(container, rows) {
  const types = [...new Set(rows.map((r) => r.type))].sort();
  const W = 900, row = 26, L = 110, H = Math.max(types.length * row + 10, 40);
  const svg = svgIn(container, W, H);
  const max = niceMax(Math.max(1, ...rows.map((r) => r.n)));
  types.forEach((type, i) => {
    text(svg, L - 8, i * row + 18, type, { "text-anchor": "end", class: "tick" });
    for (const [j, dir, cls] of [[0, "a->b", "dir-ab"], [1, "b->a", "dir-ba"]]) {
      const hit = rows.find((r) => r.type === type && r.direction === dir);
      if (!hit) continue;
      const width = (hit.n / max) * (W - L - 40);
      title(el("rect", { x: L, y: i * row + 5 + j * 10, width: Math.max(width, 1), height: 9, class: `bar ${cls}` }, svg), `${type} ${dir}: ${hit.n}`);
      text(svg, L + width + 4, i * row + 13 + j * 10, hit.n, { class: "tick" });
    }
  });
}

// Goldstein -10..10 to a red-grey-blue colour.
function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [150, 150, 150], red = [192, 57, 43], blue = [31, 97, 141];
  const end = t < 0 ? red : blue;
  const mix = grey.map((c, k) => Math.round(c + (end[k] - c) * Math.abs(t)));
  return `rgb(${mix.join(",")})`;
}

// Force-directed layout computed up front (a few hundred steps), then drawn once.
function layout(nodes, edges, W, H, radius) {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / nodes.length;
    return { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a), dx: 0, dy: 0 };
  });
  const k = Math.sqrt((W * H) / Math.max(nodes.length, 1)) * 0.9;
  for (let step = 0; step < 300; step++) {
    for (const p of pos) { p.dx = 0; p.dy = 0; }
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d2 = Math.max(dx * dx + dy * dy, 1), f = (k * k) / d2;
        pos[i].dx += dx * f; pos[i].dy += dy * f; pos[j].dx -= dx * f; pos[j].dy -= dy * f;
      }
    }
    for (const e of edges) {
      const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 1), f = d / k;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    const temp = 30 * (1 - step / 300) + 0.5;
    for (const p of pos) {
      const d = Math.max(Math.sqrt(p.dx * p.dx + p.dy * p.dy), 1e-9);
      const move = Math.min(d, temp);
      p.x = Math.min(W - 30, Math.max(30, p.x + (p.dx / d) * move));
      p.y = Math.min(H - 30, Math.max(30, p.y + (p.dy / d) * move));
    }
    separate(pos, nodes.map(radius));
  }
  centre(pos, W, H);
  return (id) => pos[index.get(id)];
}

// Push apart nodes whose circles overlap (hubs linked to the same actors collapse together otherwise).
function separate(pos, radii) {
  for (let i = 0; i < pos.length; i++) {
    for (let j = i + 1; j < pos.length; j++) {
      const dx = pos[j].x - pos[i].x, dy = pos[j].y - pos[i].y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01), gap = radii[i] + radii[j] + 8;
      if (d >= gap) continue;
      const push = (gap - d) / 2, ux = d > 0.01 ? dx / d : 1, uy = d > 0.01 ? dy / d : 0;
      pos[i].x -= ux * push; pos[i].y -= uy * push; pos[j].x += ux * push; pos[j].y += uy * push;
    }
  }
}

// Move the drawing so that its bounding box sits in the middle of the canvas.
function centre(pos, W, H) {
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const dx = W / 2 - (Math.min(...xs) + Math.max(...xs)) / 2, dy = H / 2 - (Math.min(...ys) + Math.max(...ys)) / 2;
  for (const p of pos) { p.x += dx; p.y += dy; }
}

function dyadUrl(a, b) {
  return `/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
}

function drawNetwork(container, data) {
  const W = 900, H = 560;
  const svg = svgIn(container, W, H);
  if (!data.nodes.length) { text(svg, W / 2, H / 2, "No dyads", { "text-anchor": "middle", class: "muted" }); return; }
  const maxEdge = Math.max(...data.edges.map((e) => e.n));
  const maxNode = Math.max(...data.nodes.map((n) => n.n));
  const radius = (n) => 6 + 16 * Math.sqrt(n.n / maxNode);
  const at = layout(data.nodes, data.edges, W, H, radius);
  for (const e of data.edges) {
    const a = at(e.source), b = at(e.target);
    const line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: goldsteinColour(e.goldstein), "stroke-width": 1 + 7 * Math.sqrt(e.n / maxEdge), class: "edge" }, svg);
    title(line, `${e.source} → ${e.target}: ${e.n} events, mean Goldstein ${e.goldstein.toFixed(2)}`);
    line.addEventListener("click", () => { window.location.href = dyadUrl(e.source, e.target); });
  }
  let picked = null;
  for (const n of data.nodes) {
    const p = at(n.id);
    const g = el("g", { class: "node", transform: `translate(${p.x},${p.y})`, "data-id": n.id }, svg);
    title(el("circle", { r: radius(n) }, g), `${n.id}: ${n.n} events`);
    text(g, 0, 4, n.id, { "text-anchor": "middle" });
    g.addEventListener("click", () => {
      if (picked && picked !== n.id) { window.location.href = dyadUrl(picked, n.id); return; }
      picked = n.id;
      g.classList.add("picked");
    });
  }
}

// Equirectangular world map with clustered event places.
async function drawMap(container, data) {
  const W = 960, H = 480;
  const svg = svgIn(container, W, H);
  const x = (lon) => ((lon + 180) / 360) * W;
  const y = (lat) => ((90 - lat) / 180) * H;
  el("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }, svg);
  try {
    const world = await (await fetch("/static/world.geojson")).json();
    const land = el("g", { class: "land" }, svg);
    for (const feature of world.features) {
      const d = feature.geometry.coordinates
        .map((poly) => poly.map((ring) => "M" + ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join("L") + "Z").join(""))
        .join("");
      title(el("path", { d: d }, land), feature.properties.name || "");
    }
  } catch (err) {
    text(svg, 10, 20, "country outlines unavailable", { class: "muted" });
  }
  const cell = 18;
  const clusters = new Map();
  for (const p of data.places) {
    const key = `${Math.floor(x(p.lon) / cell)}:${Math.floor(y(p.lat) / cell)}`;
    const c = clusters.get(key) || { n: 0, sx: 0, sy: 0, q: [0, 0, 0, 0], names: [] };
    c.n += p.n; c.sx += x(p.lon) * p.n; c.sy += y(p.lat) * p.n;
    c.q = c.q.map((v, i) => v + p[`q${i + 1}`]);
    if (c.names.length < 5) c.names.push(`${p.name} (${p.n})`);
    clusters.set(key, c);
  }
  const max = Math.max(1, ...[...clusters.values()].map((c) => c.n));
  const points = el("g", { class: "points" }, svg);
  for (const c of [...clusters.values()].sort((a, b) => b.n - a.n)) {
    const quad = c.q.indexOf(Math.max(...c.q)) + 1;
    const circle = el("circle", { cx: c.sx / c.n, cy: c.sy / c.n, r: 3 + 14 * Math.sqrt(c.n / max), class: `q${quad} point` }, points);
    title(circle, `${c.n} events: ${c.names.join(", ")}; mostly ${QUADS[quad]}`);
  }
}

// Leave blank filter fields out of the URL: "?actor=RUS", not "?actor=RUS&recipient=&type=...".
function tidyForms() {
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const field of form.elements) if (field.name && field.value === "") field.disabled = true;
    });
  }
}

function main() {
  tidyForms();
  const data = pageData();
  const page = document.body.dataset.page;
  if (!data) return;
  if (page === "overview") { stackedBars(document.getElementById("timeline"), data.series); quadLegend(); }
  if (page === "dyad" && data.a && data.b) {
    dyadLines(document.getElementById("dyad-goldstein"), data.series, (r) => r.goldstein, [-10, 10]);
    dyadLines(document.getElementById("dyad-counts"), data.series, (r) => r.n, null);
    typeBars(document.getElementById("dyad-types"), data.types);
  }
  if (page === "network") drawNetwork(document.getElementById("network"), data);
  if (page === "map") { drawMap(document.getElementById("map"), data); quadLegend(); }
}

document.addEventListener("DOMContentLoaded", main);
