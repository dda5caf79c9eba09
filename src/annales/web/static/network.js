// The actor network, drawn with the vendored Apache ECharts: a force-directed graph of the
// heaviest directed dyads (the page's "top edges" and "min events" controls choose them).
// Arrows point from actor to recipient; width says how many events, colour their mean
// Goldstein score; labels that would collide are hidden (the biggest actors keep theirs)
// and come back on hover. Clicking an edge lists its events, a node every event of that actor.
"use strict";

(() => {
  const A = Annales;
  const SVG = "http://www.w3.org/2000/svg";

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

  function draw(data) {
    const node = document.getElementById("network");
    if (!node) return;
    if (!data.edges.length) { node.classList.add("empty"); node.textContent = "No dyads match the filters."; return; }
    const maxEdge = Math.max(...data.edges.map((e) => e.n));
    const maxNode = Math.max(...data.nodes.map((n) => n.n));
    const pairs = new Set(data.edges.map((e) => `${e.source}\u0000${e.target}`));
    const nodes = data.nodes.map((n, i) => ({
      id: n.id, name: n.id, value: n.n, symbolSize: 10 + 30 * Math.sqrt(n.n / maxNode),
      // Start on a circle, biggest first: the same data always gives the same drawing.
      x: 400 + 300 * Math.cos((2 * Math.PI * i) / data.nodes.length), y: 300 + 300 * Math.sin((2 * Math.PI * i) / data.nodes.length),
      label: { show: true, formatter: A.isolate(n.id) },
    }));
    const links = data.edges.map((e) => ({
      source: e.source, target: e.target, value: e.n, goldstein: e.goldstein,
      lineStyle: { width: widthOf(e.n, maxEdge), color: A.goldsteinColour(e.goldstein), opacity: 0.75,
                   curveness: pairs.has(`${e.target}\u0000${e.source}`) ? 0.22 : 0.06 },
    }));
    const chart = echarts.init(node, null, { renderer: "svg" });
    chart.setOption({
      animation: false, aria: { enabled: true }, textStyle: { fontFamily: "system-ui, sans-serif" },
      tooltip: { trigger: "item", confine: true, formatter: (p) => p.dataType === "edge"
        ? A.tooltip([`${p.data.source} → ${p.data.target}`, `${p.data.value} events, mean Goldstein ${p.data.goldstein === null ? "n/a" : p.data.goldstein.toFixed(2)}`, "click: list them"])
        : A.tooltip([p.data.id, `${p.data.value} events in the edges shown`, "click: every event of this actor"]) },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, data: nodes, links,
        force: { initLayout: "none", repulsion: 260, gravity: 0.06, edgeLength: [50, 180], friction: 0.2, layoutAnimation: false },
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
