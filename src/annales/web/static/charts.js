// Time charts of the overview and dyad pages, drawn with the vendored Apache ECharts.
// Time is time: periods sit on a real time axis, a missing period is a gap (bars absent,
// lines broken), every chart has axis titles and a legend. Every mark is a door: a click on
// a bar, point or legend entry opens the events table filtered to it, and a drag across a
// time chart sets the page's date range.
"use strict";

(() => {
  const A = Annales;
  const FONT = { fontFamily: "system-ui, sans-serif", fontSize: 12 };
  const DRAG_PIXELS = 6;  // a press that moves less than this is a click

  function chartIn(node) {
    const chart = echarts.init(node, null, { renderer: "svg" });
    window.addEventListener("resize", () => chart.resize());
    return chart;
  }

  // A chart with nothing to show says so in words.
  function empty(node, message) {
    node.classList.add("empty");
    node.textContent = message;
  }

  // A legend entry is a door too: instead of hiding its series, open its events.
  function legendOpens(chart, urlOf) {
    chart.on("legendselectchanged", (event) => {
      chart.dispatchAction({ type: "legendSelect", name: event.name });
      const url = urlOf(event.name);
      if (url) A.go(url);
    });
  }

  // Dragging across the plot draws a band over the time axis; letting go sets since/until.
  // Plain pointer events on the chart's element: a press without a drag stays a click, which
  // ECharts gives to the bar or point under it.
  function dragSetsDates(chart) {
    const node = chart.getDom();
    const band = document.createElement("div");
    band.className = "drag-band";
    node.appendChild(band);
    let start = null;
    const xOf = (event) => event.clientX - node.getBoundingClientRect().left;
    const yOf = (event) => event.clientY - node.getBoundingClientRect().top;
    node.addEventListener("pointerdown", (event) => {
      if (event.button === 0 && chart.containPixel({ gridIndex: 0 }, [xOf(event), yOf(event)])) start = xOf(event);
    });
    window.addEventListener("pointermove", (event) => {
      if (start === null) return;
      const x = xOf(event);
      band.style.left = `${Math.min(start, x)}px`;  // CSSOM, allowed by the CSP
      band.style.width = `${Math.abs(x - start)}px`;
      band.classList.toggle("on", Math.abs(x - start) > DRAG_PIXELS);
    });
    window.addEventListener("pointerup", (event) => {
      if (start === null) return;
      const x = xOf(event), from = start;
      start = null;
      band.classList.remove("on");
      if (Math.abs(x - from) <= DRAG_PIXELS) return;
      const [a, b] = [from, x].map((px) => chart.convertFromPixel({ xAxisIndex: 0 }, px));
      if (Math.abs(b - a) < A.DAY) return;
      A.go(A.withDates(A.isoDay(Math.min(a, b)), A.isoDay(Math.max(a, b))));
    });
  }

  const LABELS = { day: "{yyyy}-{MM}-{dd}", week: "{yyyy}-{MM}-{dd}", month: "{yyyy}-{MM}", year: "{yyyy}" };
  const SPANS = { day: A.DAY, week: 7 * A.DAY, month: 28 * A.DAY, year: 365 * A.DAY };

  // A period's mark sits in its middle, so that a bar covers its period on the time axis.
  function middle(period, granularity) {
    return (A.dayMs(period) + A.dayMs(A.periodEnd(period, granularity)) + A.DAY) / 2;
  }

  // The axis spans whole periods, at least eight of them, and never labels finer than one.
  function timeAxis(first, last, granularity, title) {
    const lo = A.dayMs(first), hi = A.dayMs(A.periodEnd(last, granularity)) + A.DAY;
    const pad = Math.max(SPANS[granularity], (8 * SPANS[granularity] - (hi - lo)) / 2);
    return {
      type: "time", name: title, nameLocation: "middle", nameGap: 28, nameTextStyle: FONT,
      // containShape false: the same dates at the same place on every chart, bars or lines.
      min: lo - pad, max: hi + pad, minInterval: SPANS[granularity], containShape: false,
      axisLabel: { hideOverlap: true, formatter: LABELS[granularity] },
    };
  }

  function base() {
    return {
      animation: false, useUTC: true, aria: { enabled: true }, textStyle: FONT,
      grid: { left: 64, right: 24, top: 44, bottom: 52 },
      legend: { top: 6, itemGap: 18 },
      tooltip: { trigger: "item", confine: true },
    };
  }

  // Overview: events per period stacked by quad class.
  function timeline(data) {
    const node = document.getElementById("timeline");
    const periods = [...new Set(data.series.map((row) => row.period))].sort();
    if (!node) return;
    if (!periods.length) { empty(node, "No dated events match the filters."); return; }
    const chart = chartIn(node);
    const g = data.granularity;
    const byName = {};
    const series = [1, 2, 3, 4].map((quad) => {
      byName[A.QUADS[quad]] = quad;
      return {
        name: A.QUADS[quad], type: "bar", stack: "events", barMaxWidth: 48, barMinWidth: 2,
        itemStyle: { color: A.quadColour(quad) }, emphasis: { focus: "series" },
        data: data.series.filter((row) => row.quad === quad).map((row) => ({ value: [middle(row.period, g), row.n], period: row.period, quad })),
      };
    });
    chart.setOption({
      ...base(),
      tooltip: { trigger: "item", confine: true, formatter: (p) => A.tooltip([A.periodLabel(p.data.period, g), `${p.seriesName}: ${p.data.value[1]} events`, "click: list them"]) },
      xAxis: timeAxis(periods[0], periods[periods.length - 1], g, "event date"),
      yAxis: { type: "value", name: `events per ${g}`, nameTextStyle: FONT, minInterval: 1 },
      series,
    });
    chart.on("click", (p) => {
      if (p.componentType !== "series" || !p.data) return;
      A.go(A.eventsUrl({ since: p.data.period, until: A.periodEnd(p.data.period, g), quad: p.data.quad }));
    });
    legendOpens(chart, (name) => A.eventsUrl({ quad: byName[name] }));
    dragSetsDates(chart);
  }

  // Dyad: the two directions, with the colours of app.css (--ab, --ba).
  function directions(data) {
    return [
      { key: "a->b", name: `${A.isolate(data.a)} → ${A.isolate(data.b)}`, actor: data.a, recipient: data.b, colour: A.css("--ab") },
      { key: "b->a", name: `${A.isolate(data.b)} → ${A.isolate(data.a)}`, actor: data.b, recipient: data.a, colour: A.css("--ba") },
    ];
  }

  function dyadLegend(chart, dirs) {
    legendOpens(chart, (name) => {
      const dir = dirs.find((d) => d.name === name);
      return dir ? A.eventsUrl({ actor: dir.actor, recipient: dir.recipient, both: null }) : null;
    });
  }

  function dyadTime(id, data, value, axis) {
    const node = document.getElementById(id);
    const g = data.granularity;
    const periods = [...new Set(data.series.map((row) => row.period))].sort();
    if (!node) return;
    if (!periods.length) { empty(node, "No dated events between them."); return; }
    const chart = chartIn(node);
    const all = A.periodsBetween(periods[0], periods[periods.length - 1], g);
    const dirs = directions(data);
    const series = dirs.map((dir) => {
      const rows = new Map(data.series.filter((row) => row.direction === dir.key).map((row) => [row.period, row]));
      const points = (axis.kind === "line" ? all : [...rows.keys()]).map((period) => {
        const row = rows.get(period);
        return { value: [middle(period, g), row ? value(row) : null], period, n: row ? row.n : 0, dir };
      });
      return {
        name: dir.name, type: axis.kind, data: points, connectNulls: false, showSymbol: true, symbol: "circle", symbolSize: 8,
        barMaxWidth: 24, barMinWidth: 2, itemStyle: { color: dir.colour }, lineStyle: { width: 2, color: dir.colour },
      };
    });
    chart.setOption({
      ...base(),
      tooltip: { trigger: "item", confine: true, formatter: (p) => A.tooltip([
        A.periodLabel(p.data.period, g), p.seriesName, `${axis.title}: ${p.data.value[1] === null ? "none" : Number(p.data.value[1]).toFixed(axis.digits)} (${p.data.n} events)`, "click: list them"]) },
      xAxis: timeAxis(periods[0], periods[periods.length - 1], g, "event date"),
      yAxis: { type: "value", name: axis.title, nameTextStyle: FONT, min: axis.min, max: axis.max, minInterval: axis.digits ? 0 : 1 },
      series,
    });
    chart.on("click", (p) => {
      if (p.componentType !== "series" || !p.data || p.data.value[1] === null) return;
      const dir = p.data.dir;
      A.go(A.eventsUrl({ actor: dir.actor, recipient: dir.recipient, both: null, since: p.data.period, until: A.periodEnd(p.data.period, g) }));
    });
    dyadLegend(chart, dirs);
    dragSetsDates(chart);
  }

  function dyadTypes(data) {
    const node = document.getElementById("dyad-types");
    const types = [...new Set(data.types.map((row) => row.type))].sort().reverse();
    if (!node) return;
    if (!types.length) { empty(node, "No events between them."); return; }
    node.style.height = `${90 + types.length * 34}px`;  // CSSOM, allowed by the CSP
    const chart = chartIn(node);
    const dirs = directions(data);
    chart.setOption({
      animation: false, aria: { enabled: true }, textStyle: FONT,
      grid: { left: 110, right: 40, top: 40, bottom: 40 }, legend: { top: 6, itemGap: 18 },
      tooltip: { trigger: "item", confine: true, formatter: (p) => A.tooltip([p.seriesName, `${p.name}: ${p.value} events`, "click: list them"]) },
      xAxis: { type: "value", name: "events", nameLocation: "middle", nameGap: 26, nameTextStyle: FONT, minInterval: 1 },
      yAxis: { type: "category", data: types, name: "PLOVER type", nameTextStyle: FONT },
      series: dirs.map((dir) => ({
        name: dir.name, type: "bar", itemStyle: { color: dir.colour }, barMaxWidth: 14,
        label: { show: true, position: "right", fontSize: 11, formatter: (p) => (p.value ? String(p.value) : "") },
        data: types.map((type) => {
          const row = data.types.find((r) => r.type === type && r.direction === dir.key);
          return row ? row.n : 0;
        }),
      })),
    });
    chart.on("click", (p) => {
      if (p.componentType !== "series" || !p.value) return;
      const dir = dirs[p.seriesIndex];
      A.go(A.eventsUrl({ actor: dir.actor, recipient: dir.recipient, both: null, type: p.name }));
    });
    dyadLegend(chart, dirs);
  }

  A.onPage("overview", timeline);
  A.onPage("dyad", (data) => {
    if (!data.a || !data.b) return;
    dyadTime("dyad-goldstein", data, (row) => row.goldstein, { kind: "line", title: "mean Goldstein", min: -10, max: 10, digits: 2 });
    dyadTime("dyad-counts", data, (row) => row.n, { kind: "bar", title: "events", digits: 0 });
    dyadTypes(data);
  });
})();
