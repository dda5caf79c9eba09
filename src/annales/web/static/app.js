// Annales explorer: what every page shares. Each page embeds its data in
// <script type="application/json" id="page-data">, the same object its /api twin returns;
// the page scripts (charts.js, network.js, map.js) only draw it, with the vendored libraries.
// Text reaches the DOM with textContent, never innerHTML, so stored text cannot become markup,
// and user text inside composed strings is wrapped in FSI…PDI so that a right-to-left
// override in one name cannot flip the text around it.
"use strict";

const Annales = (() => {
  const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  // Parameters that belong to one page (paging, sorting, chart options), never carried to the table.
  const PAGING = ["cursor", "before", "offset"];
  const PAGE_ONLY = ["sort", "order", "limit", "max_edges", "min_weight", "max_places", "granularity", "a", "b"];
  const DAY = 86400000;
  const pages = {};

  function pageData() {
    const node = document.getElementById("page-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  // Colours are declared once, in app.css; charts read them from there.
  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function quadColour(quad) {
    return css(`--q${quad}`);
  }

  function isolate(value) {
    return "\u2068" + String(value === null || value === undefined ? "" : value) + "\u2069";
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);
  }

  // Tooltip HTML from plain lines: every line escaped and isolated, no style attributes (CSP).
  function tooltip(lines) {
    return lines.map((line) => escapeHtml(isolate(line))).join("<br>");
  }

  // The events table with this page's filters, changed by `changes` (null removes a filter).
  function eventsUrl(changes) {
    const params = new URLSearchParams(window.location.search);
    for (const name of [...PAGING, ...PAGE_ONLY]) params.delete(name);
    for (const [name, value] of Object.entries(changes || {})) {
      if (value === null || value === undefined || value === "") params.delete(name);
      else params.set(name, String(value));
    }
    const query = params.toString();
    return "/events" + (query ? "?" + query : "");
  }

  // This page with another date range (what a drag over a time axis sets).
  function withDates(since, until) {
    const params = new URLSearchParams(window.location.search);
    for (const name of PAGING) params.delete(name);
    params.set("since", since);
    params.set("until", until);
    return window.location.pathname + "?" + params.toString();
  }

  function go(url) {
    window.location.assign(url);
  }

  function dayMs(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // The first day of the next period after `iso` (periods start on Mondays, the 1st, or 1 January).
  function nextPeriod(iso, granularity) {
    const date = new Date(dayMs(iso));
    if (granularity === "week") return date.getTime() + 7 * DAY;
    if (granularity === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    if (granularity === "year") return Date.UTC(date.getUTCFullYear() + 1, 0, 1);
    return date.getTime() + DAY;
  }

  function periodEnd(iso, granularity) {
    return isoDay(nextPeriod(iso, granularity) - DAY);
  }

  // Every period start from `first` to `last`, so that a missing period is a gap, not a jump.
  function periodsBetween(first, last, granularity) {
    const out = [];
    for (let at = dayMs(first); at <= dayMs(last) && out.length < 5000; at = nextPeriod(isoDay(at), granularity)) {
      out.push(isoDay(at));
    }
    return out;
  }

  function periodLabel(iso, granularity) {
    if (granularity === "year") return iso.slice(0, 4);
    if (granularity === "month") return iso.slice(0, 7);
    if (granularity === "week") return `week of ${iso}`;
    return iso;
  }

  // Goldstein -10..10 to the conflict–neutral–cooperation scale of app.css.
  function goldsteinColour(g) {
    const t = Math.max(-1, Math.min(1, (g || 0) / 10));
    const parse = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const neutral = parse(css("--neutral")), end = parse(t < 0 ? css("--conflict") : css("--coop"));
    const mix = neutral.map((c, k) => Math.round(c + (end[k] - c) * Math.abs(t)));
    return `rgb(${mix.join(",")})`;
  }

  function onPage(name, draw) {
    pages[name] = draw;
  }

  // Leave blank filter fields out of the URL: "?actor=RUS", not "?actor=RUS&recipient=&type=...".
  function tidyForms() {
    for (const form of document.querySelectorAll("form.filters")) {
      form.addEventListener("submit", () => {
        for (const field of form.elements) if (field.name && field.value === "") field.disabled = true;
      });
    }
  }

  function start() {
    tidyForms();
    const draw = pages[document.body.dataset.page];
    const data = pageData();
    if (draw && data) draw(data);
  }

  return {
    QUADS, DAY, css, quadColour, isolate, tooltip, eventsUrl, withDates, go, dayMs, isoDay, periodEnd,
    periodsBetween, periodLabel, goldsteinColour, onPage, start,
  };
})();

document.addEventListener("DOMContentLoaded", Annales.start);
