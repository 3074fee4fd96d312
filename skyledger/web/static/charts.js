/* skyledger charts: small SVG charts in plain JavaScript (no library, no CDN).
   Data comes from the page's <script type="application/json" id="dashboard-data">; every
   label is set with textContent, never as markup.

   The controls above the charts choose the span of nights (the last 30 days of the ledger,
   a year, or all: the page holds the last year's nights, and "all" reads the older ones from
   /api/stats) and the grain (per night, or summed per month); every mark shows its exact
   figures on hover or focus. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg", DAY = 86400000;
  var W = 560, H = 250, M = { top: 26, right: 16, bottom: 40, left: 46 };
  var state = { range: "30", period: "night" };

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, value, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = String(value);
    return node;
  }
  function frame(container, title, height) {
    var svg = el("svg", { viewBox: "0 0 " + W + " " + (height || H), role: "img", "aria-label": title });
    container.appendChild(svg);
    return svg;
  }
  function empty(svg, message) {
    text(svg, W / 2, H / 2, message, { "text-anchor": "middle", "class": "empty" });
  }
  /* A mark that shows its exact figures on hover and keyboard focus. */
  function tip(node, lines) {
    node.setAttribute("data-tip", lines.join("\n"));
    node.setAttribute("tabindex", "0");
    el("title", {}, node).textContent = lines.join(", ");
  }
  function niceMax(v) {
    if (!(v > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v))), f = v / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }
  function yAxis(svg, max, fmt) {
    var g = el("g", { "class": "axis" }, svg), steps = 4;
    for (var i = 0; i <= steps; i++) {
      var v = max * i / steps, y = M.top + (H - M.top - M.bottom) * (1 - i / steps);
      el("line", { x1: M.left, x2: W - M.right, y1: y, y2: y }, g);
      text(g, M.left - 6, y + 4, fmt ? fmt(v) : Math.round(v), { "text-anchor": "end" });
    }
  }
  function anchorAt(x) {
    return x < M.left + 30 ? "start" : x > W - M.right - 30 ? "end" : "middle";
  }
  function timeAxis(svg, tmin, tmax, xOfTime) {
    var g = el("g", { "class": "axis" }, svg), steps = tmax > tmin ? 4 : 0;
    for (var i = 0; i <= steps; i++) {
      var t = tmin + (tmax - tmin) * i / (steps || 1), x = xOfTime(t);
      text(g, x, H - M.bottom + 14, new Date(t).toISOString().slice(0, 10), { "text-anchor": anchorAt(x) });
    }
  }
  function legend(svg, series) {
    var g = el("g", { "class": "legend" }, svg), x = M.left;
    series.forEach(function (s) {
      el("rect", { x: x, y: 4, width: 10, height: 10, "class": "swatch-" + s.cls }, g);
      text(g, x + 14, 13, s.name);
      x += 22 + 7 * s.name.length;
    });
  }
  function fmtValue(v, format) { return v == null ? "—" : format ? format(v) : String(v); }

  /* A line chart over time: one polyline (with dots) per series; gaps break lines. */
  function lineChart(container, rows, series, opts) {
    var svg = frame(container, opts.title), values = [];
    series.forEach(function (s) { rows.forEach(function (r) { var v = s.get(r); if (v != null) values.push(v); }); });
    if (!values.length) { empty(svg, "No figures in this span"); return svg; }
    var max = opts.max || niceMax(Math.max.apply(null, values));
    var iw = W - M.left - M.right, ih = H - M.top - M.bottom;
    var times = rows.map(function (r) { return Date.parse(r.night); });
    var tmin = Math.min.apply(null, times), tmax = Math.max.apply(null, times);
    var xOf = function (t) { return M.left + (tmax > tmin ? iw * (t - tmin) / (tmax - tmin) : iw / 2); };
    var yOf = function (v) { return M.top + ih * (1 - Math.min(v, max) / max); };
    yAxis(svg, max, opts.format);
    timeAxis(svg, tmin, tmax, xOf);
    series.forEach(function (s) {
      var d = "", pen = false;
      rows.forEach(function (r, i) {
        var v = s.get(r);
        if (v == null) { pen = false; return; }
        if (i > 0 && times[i] - times[i - 1] > DAY * 1.5) pen = false;  /* a gap */
        var x = xOf(times[i]), y = yOf(v), flagged = opts.max && v > opts.max;
        d += (pen ? " L" : " M") + x.toFixed(1) + " " + y.toFixed(1);
        pen = true;
        var dot = el("circle", { cx: x, cy: y, r: flagged ? 4 : 3, "class": "dot-" + s.cls + (flagged ? " flagged" : "") }, svg);
        tip(dot, opts.describe(r, s, flagged));
      });
      if (d) el("path", { d: d.trim(), "class": "series-" + s.cls }, svg);
    });
    legend(svg, series);
    return svg;
  }

  /* Vertical bars per label (months): one bar per series. */
  function columnChart(container, rows, series, opts) {
    var svg = frame(container, opts.title), values = [];
    series.forEach(function (s) { rows.forEach(function (r) { var v = s.get(r); if (v != null) values.push(v); }); });
    if (!values.length) { empty(svg, "No figures in this span"); return svg; }
    var max = opts.max || niceMax(Math.max.apply(null, values));
    var iw = W - M.left - M.right, ih = H - M.top - M.bottom;
    var group = iw / rows.length, bw = Math.max(2, group * 0.8 / series.length);
    var every = Math.max(1, Math.ceil(rows.length / 8));
    yAxis(svg, max, opts.format);
    var axis = el("g", { "class": "axis" }, svg);
    rows.forEach(function (r, i) {
      if (i % every === 0) text(axis, M.left + group * (i + 0.5), H - M.bottom + 14, r.month, { "text-anchor": "middle" });
      series.forEach(function (s, j) {
        var v = s.get(r);
        if (v == null) return;
        var flagged = opts.max && v > opts.max, h = ih * Math.min(v, max) / max;
        var bar = el("rect", { x: M.left + group * i + group * 0.1 + bw * j, y: M.top + ih - h, width: bw, height: h,
                              "class": "bar-" + s.cls + (flagged ? " flagged" : "") }, svg);
        tip(bar, opts.describe(r, s, flagged));
      });
    });
    legend(svg, series);
    return svg;
  }

  /* Horizontal bars, one row per label, the whole label written out. */
  function rowChart(container, rows, series, opts) {
    var rowH = 34, height = Math.max(80, 30 + rows.length * rowH);
    var svg = frame(container, opts.title, height);
    if (!rows.length) { empty(svg, "No model has both figures in this span"); return svg; }
    var values = [];
    rows.forEach(function (r) { series.forEach(function (s) { values.push(s.get(r)); }); });
    var max = niceMax(Math.max.apply(null, values)), left = 8, iw = W - left - M.right;
    rows.forEach(function (r, i) {
      var y = 28 + i * rowH;
      text(svg, left, y, r.model + " (" + r.nights + " night" + (r.nights === 1 ? "" : "s") + ")", { "class": "row-label" });
      series.forEach(function (s, j) {
        var v = s.get(r), w = Math.max(1, iw * v / max);
        var bar = el("rect", { x: left, y: y + 3 + j * 9, width: w, height: 8, "class": "bar-" + s.cls }, svg);
        tip(bar, [r.model, s.name + " " + v, "over " + r.nights + " night(s) with both figures"]);
        text(svg, left + w + 4, y + 10 + j * 9, v, { "class": "bar-value" });
      });
    });
    legend(svg, series);
    return svg;
  }

  function pct(v) { return Math.round(v * 100) + "%"; }
  function scopeOf(row, scope) { return row[scope] || {}; }
  function describeCounts(scope) {
    return function (r) {
      var s = scopeOf(r, scope), head = r.night || (r.month + " (" + r.nights + " nights)");
      return [head, scope + " launched " + fmtValue(s.launched), "downed " + fmtValue(s.downed), "lost " + fmtValue(s.lost)];
    };
  }
  function describeRates(r, series, flagged) {
    var s = scopeOf(r, "total"), head = r.night || (r.month + " (" + r.nights + " nights)");
    var lines = [head, "shot down " + fmtValue(s.shot_down, pct), "neutralised " + fmtValue(s.neutralised, pct),
                 "launched " + fmtValue(s.launched) + ", downed " + fmtValue(s.downed) + ", lost " + fmtValue(s.lost)];
    if (flagged || s.flag) lines.push("⚠ " + (s.flag || "above 100%"));
    return lines;
  }

  /* The nights (or months) the controls choose, counted back from the newest night. */
  function spanOf(data) {
    var nights = (data.nights || []).filter(function (n) { return n.night; });
    if (!nights.length) return { nights: [], months: [], first: null, last: null };
    var last = nights[nights.length - 1].night, first = nights[0].night;
    if (state.range !== "all") {
      var cut = new Date(Date.parse(last) - (Number(state.range) - 1) * DAY).toISOString().slice(0, 10);
      nights = nights.filter(function (n) { return n.night >= cut; });
      first = cut;
    }
    var from = first.slice(0, 7);
    var months = (data.months || []).filter(function (m) { return m.month >= from; });
    return { nights: nights, months: months, first: first, last: last };
  }

  /* Launched and downed per model, summed over the nights of the span that give both. */
  function weaponsOf(nights) {
    var sums = {};
    nights.forEach(function (n) {
      Object.keys(n).forEach(function (key) {
        if (key.indexOf("model:") !== 0) return;
        var s = n[key];
        if (s.launched == null || s.downed == null) return;
        var model = key.slice(6), row = sums[model] || (sums[model] = { model: model, launched: 0, downed: 0, nights: 0 });
        row.launched += s.launched; row.downed += s.downed; row.nights += 1;
      });
    });
    return Object.keys(sums).map(function (k) { return sums[k]; })
      .sort(function (a, b) { return b.launched - a.launched || (a.model < b.model ? -1 : 1); });
  }

  function drawChart(node, span) {
    var kind = node.getAttribute("data-kind"), scope = node.getAttribute("data-scope");
    var monthly = state.period === "month", rows = monthly ? span.months : span.nights;
    var draw = monthly ? columnChart : lineChart;
    if (kind === "line") {
      draw(node, rows, [
        { name: "launched", cls: "launched", get: function (r) { return scopeOf(r, scope).launched; } },
        { name: "downed", cls: "downed", get: function (r) { return scopeOf(r, scope).downed; } }
      ], { title: scope + " launched and downed", describe: describeCounts(scope) });
    } else if (kind === "rate") {
      draw(node, rows, [
        { name: "shot down", cls: "rate-shot", get: function (r) { return scopeOf(r, "total").shot_down; } },
        { name: "neutralised", cls: "rate-neutralised", get: function (r) { return scopeOf(r, "total").neutralised; } }
      ], { title: "shot down and neutralised, of all launched", max: 1, format: pct, describe: describeRates });
    } else if (kind === "weapons") {
      rowChart(node, weaponsOf(span.nights), [
        { name: "launched", cls: "launched", get: function (r) { return r.launched; } },
        { name: "downed", cls: "downed", get: function (r) { return r.downed; } }
      ], { title: "launched and downed by weapon model" });
    }
  }

  function redraw(data) {
    var span = spanOf(data);
    document.querySelectorAll(".chart").forEach(function (node) {
      while (node.firstChild) node.removeChild(node.firstChild);
      drawChart(node, span);
      node.setAttribute("data-drawn", "true");
    });
    var label = document.getElementById("range-label");
    if (label) label.textContent = span.last ? span.first + " to " + span.last + " · " + span.nights.length + " nights" : "";
    document.querySelectorAll("#controls button").forEach(function (b) {
      var on = b.getAttribute("data-range") === state.range || b.getAttribute("data-period") === state.period;
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    document.body.setAttribute("data-range", state.range);
    document.body.setAttribute("data-period", state.period);
  }

  function tooltips() {
    var box = document.getElementById("tooltip");
    if (!box) return;
    function show(event) {
      var mark = event.target.closest ? event.target.closest("[data-tip]") : null;
      if (!mark) return;
      box.textContent = mark.getAttribute("data-tip");
      box.hidden = false;
      var r = mark.getBoundingClientRect(), page = document.documentElement;
      var left = Math.min(r.left + window.scrollX + 8, page.clientWidth + window.scrollX - box.offsetWidth - 4);
      box.style.left = Math.max(4, left) + "px";
      box.style.top = (r.top + window.scrollY - box.offsetHeight - 8) + "px";
    }
    function hide(event) {
      if (event.target.closest && event.target.closest("[data-tip]")) box.hidden = true;
    }
    ["mouseover", "focusin"].forEach(function (n) { document.addEventListener(n, show); });
    ["mouseout", "focusout"].forEach(function (n) { document.addEventListener(n, hide); });
  }

  /* The page holds the last year's nights and their months; "all" reads every night and
     month from /api/stats, a page at a time, once, then draws them. */
  var STATS_PAGE = 5000;
  function loadAll(data, done) {
    var held = (data.nights || []).length;
    if (data.nights_total == null || held >= data.nights_total) { done(); return; }
    if (document.body.hasAttribute("data-loading")) return;  // the reading under way draws
    var label = document.getElementById("range-label"), nights = [], months = {};
    document.body.setAttribute("data-loading", "nights");
    if (label) label.textContent = "reading all " + data.nights_total + " nights…";
    function finish(problem) {
      document.body.removeAttribute("data-loading");
      done();
      if (problem && label) label.textContent += " · could not read every night (" + problem + ")";
    }
    function read(offset) {
      fetch("/api/stats?limit=" + STATS_PAGE + "&offset=" + offset, { headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(function (body) {
          nights = nights.concat(body.nights || []);
          (body.months || []).forEach(function (m) { months[m.start] = m; });  // an edge month comes twice, whole
          if ((body.nights || []).length && nights.length < body.total) { read(offset + STATS_PAGE); return; }
          data.nights = nights;
          data.nights_total = nights.length;
          data.months = Object.keys(months).sort().map(function (k) { return months[k]; });
          finish();
        })
        .catch(function (err) { finish(String(err && err.message || err)); });
    }
    read(0);
  }

  function start() {
    var source = document.getElementById("dashboard-data");
    if (!source) return;
    var data = JSON.parse(source.textContent || "{}");
    document.querySelectorAll("#controls button").forEach(function (b) {
      b.addEventListener("click", function () {
        if (b.getAttribute("data-range")) state.range = b.getAttribute("data-range");
        if (b.getAttribute("data-period")) state.period = b.getAttribute("data-period");
        if (state.range === "all") loadAll(data, function () { redraw(data); });
        else redraw(data);
      });
    });
    tooltips();
    redraw(data);
    document.body.setAttribute("data-charts", "drawn");
  }
  window.skyledgerCharts = { lineChart: lineChart, columnChart: columnChart, rowChart: rowChart };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
