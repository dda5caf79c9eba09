// The actor network, drawn with the vendored Apache ECharts: a force-directed graph of the
// heaviest directed dyads (the page's "top edges" and "min events" controls choose them).
// The layout is computed here, deterministically, and fitted to the canvas.
// Arrows point from actor to recipient; width says how many events, colour their mean
// Goldstein score; labels that would collide are hidden (the biggest actors keep theirs)
// and come back on hover. Clicking an edge lists its events, a node every event of that actor.
"use strict";

(() => {
  const A = Annales;
  const SVG = "http://www.w3.org/2000/svg";
  const GRAVITY = 0.6;

  function widthOf(n, max) {
    return 1 + 7 * Math.sqrt(n / max);
  }

  // Three sample strokes for the width legend: the lightest, middle and heaviest edge shown.
  function widthLegend(edges, max) {
    const holder = document.getElementById("width-legend");
    if (!holder || !edges.length) return;
    const counts = [...new Set([edges[edges.length - 1].n, edges[Math.floor(edges.length / 2)].n, max])].sort((a, b) => a - b);
    for (const n of counts) {
      const svg = document.createElementNS(SVG, "svg");
      for (const [key, value] of Object.entries({ width: 34, height: 12, viewBox: "0 0 34 12", class: "stroke" })) svg.setAttribute(key, value);
      const line = document.createElementNS(SVG, "line");
      for (const [key, value] of Object.entries({ x1: 2, x2: 32, y1: 6, y2: 6, stroke: A.css("--neutral"), "stroke-width": widthOf(n, max) })) line.setAttribute(key, value);
      svg.appendChild(line);
      holder.appendChild(svg);
      holder.appendChild(document.createTextNode(` ${n} `));
    }
  }

  // A force-directed layout computed here, once, before drawing (Fruchterman–Reingold with a
  // cooling step): the same data always gives the same picture, and ECharts then fits it to the
  // canvas. Heavier edges pull harder; every pair of nodes repels.
  function layout(nodes, edges, width, height) {
    const n = nodes.length;
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const pos = nodes.map((_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
    const k = 1.6 / Math.sqrt(Math.max(n, 1));
    const maxEdge = Math.max(1, ...edges.map((e) => e.n));
    const links = edges.map((e) => [index.get(e.source), index.get(e.target), 0.5 + Math.log1p(e.n) / Math.log1p(maxEdge)]);
    const steps = Math.max(60, Math.min(400, Math.round(4e7 / Math.max(n * n, 1))));
    for (let step = 0; step < steps; step++) {
      const move = pos.map(() => [0, 0]);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
          const d2 = Math.max(dx * dx + dy * dy, 1e-6), f = (k * k) / d2;
          move[i][0] += dx * f; move[i][1] += dy * f; move[j][0] -= dx * f; move[j][1] -= dy * f;
        }
      }
      for (const [a, b, w] of links) {
        const dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1e-6), f = (w * d) / k;
        move[a][0] -= dx * f; move[a][1] -= dy * f; move[b][0] += dx * f; move[b][1] += dy * f;
      }
      // Gravity towards the centre keeps separate groups (two actors only linked to each other) in view.
      pos.forEach((p, i) => { move[i][0] -= p[0] * GRAVITY; move[i][1] -= p[1] * GRAVITY; });
      const temperature = 0.1 * (1 - step / steps) + 0.002;
      pos.forEach((p, i) => {
        const [mx, my] = move[i];
        const length = Math.max(Math.sqrt(mx * mx + my * my), 1e-9);
        p[0] += (mx / length) * Math.min(length, temperature);
        p[1] += (my / length) * Math.min(length, temperature);
      });
    }
    // Spread over the canvas's own proportions: ECharts then fits the drawing without stretching the nodes.
    const xs = pos.map((p) => p[0]), ys = pos.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return pos.map(([x, y]) => [((x - x0) / (x1 - x0 || 1)) * width, ((y - y0) / (y1 - y0 || 1)) * height]);
  }

  function draw(data) {
    const node = document.getElementById("network");
    if (!node) return;
    if (!data.edges.length) { node.classList.add("empty"); node.textContent = "No dyads match the filters."; return; }
    const maxEdge = Math.max(...data.edges.map((e) => e.n));
    const maxNode = Math.max(...data.nodes.map((n) => n.n));
    const pairs = new Set(data.edges.map((e) => `${e.source}\u0000${e.target}`));
    const at = layout(data.nodes, data.edges, node.clientWidth || 1000, node.clientHeight || 600);
    const nodes = data.nodes.map((n, i) => ({
      id: n.id, name: n.id, value: n.n, symbolSize: 10 + 30 * Math.sqrt(n.n / maxNode), x: at[i][0], y: at[i][1],
      // Bigger actors first: when labels collide, theirs stay.
      label: { show: true, formatter: A.isolate(n.id) }, z: 10 + Math.round(10 * n.n / maxNode),
    }));
    const links = data.edges.map((e) => ({
      source: e.source, target: e.target, value: e.n, goldstein: e.goldstein,
      lineStyle: { width: widthOf(e.n, maxEdge), color: A.goldsteinColour(e.goldstein), opacity: 0.25 + 0.6 * Math.sqrt(e.n / maxEdge),
                   curveness: pairs.has(`${e.target}\u0000${e.source}`) ? 0.2 : 0.05 },
    }));
    const chart = echarts.init(node, null, { renderer: "svg" });
    chart.setOption({
      animation: false, aria: { enabled: true }, textStyle: { fontFamily: "system-ui, sans-serif" },
      tooltip: { trigger: "item", confine: true, formatter: (p) => p.dataType === "edge"
        ? A.tooltip([`${p.data.source} → ${p.data.target}`, `${p.data.value} events, mean Goldstein ${p.data.goldstein === null ? "n/a" : p.data.goldstein.toFixed(2)}`, "click: list them"])
        : A.tooltip([p.data.id, `${p.data.value} events in the edges shown`, "click: every event of this actor"]) },
      series: [{
        type: "graph", layout: "none", roam: true, draggable: false, data: nodes, links,
        top: 30, bottom: 30, left: 40, right: 60,
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: [0, 8],
        itemStyle: { color: "#ffffff", borderColor: A.css("--accent"), borderWidth: 2 },
        label: { position: "right", fontSize: 11, color: A.css("--ink") },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: "adjacency", label: { show: true }, lineStyle: { opacity: 1 } },
      }],
    });
    chart.on("click", (p) => {
      if (p.dataType === "edge") A.go(A.eventsUrl({ actor: p.data.source, recipient: p.data.target, both: null }));
      else if (p.dataType === "node") A.go(A.eventsUrl({ actor: p.data.id, recipient: null, both: "true" }));
    });
    window.addEventListener("resize", () => chart.resize());
    widthLegend(data.edges, maxEdge);
  }

  A.onPage("network", draw);
})();
