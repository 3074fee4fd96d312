/* skyledger charts: small SVG line and bar charts in plain JavaScript (no library, no CDN).
   Data comes from the page's <script type="application/json" id="dashboard-data">; every
   label is set with textContent, never as markup. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg", DAY = 86400000;
  var W = 560, H = 250, M = { top: 26, right: 14, bottom: 40, left: 44 };

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
  function frame(container, title) {
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": title });
    container.appendChild(svg);
    return svg;
  }
  function empty(svg, message) {
    text(svg, W / 2, H / 2, message, { "text-anchor": "middle", "class": "empty" });
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
  function xLabels(svg, labels, xOf, rotate) {
    var g = el("g", { "class": "axis" }, svg);
    var every = rotate ? 1 : Math.max(1, Math.ceil(labels.length / 6));
    labels.forEach(function (label, i) {
      if (i % every !== 0) return;
      var x = xOf(i), y = H - M.bottom + 14, short = String(label).slice(0, 14);
      var attrs = rotate ? { "text-anchor": "end", transform: "rotate(-20 " + x + " " + y + ")" }
                         : { "text-anchor": "middle" };
      text(g, x, y, short, attrs);
    });
  }
  /* Ticks at evenly spaced moments between the first and last night, labelled by date. */
  function timeAxis(svg, tmin, tmax, xOfTime) {
    var g = el("g", { "class": "axis" }, svg), steps = tmax > tmin ? 5 : 0;
    for (var i = 0; i <= steps; i++) {
      var t = tmin + (tmax - tmin) * i / (steps || 1);
      text(g, xOfTime(t), H - M.bottom + 14, new Date(t).toISOString().slice(0, 10),
           { "text-anchor": "middle" });
    }
  }

  function legend(svg, series) {
    var g = el("g", { "class": "legend" }, svg), x = M.left;
    series.forEach(function (s) {
      el("rect", { x: x, y: 4, width: 10, height: 10, "class": "swatch-" + s.cls }, g);
      text(g, x + 14, 13, s.name);
      x += 20 + 7 * s.name.length;
    });
  }

  /* A line chart: labels on x, one polyline (with dots) per series; null values break lines. */
  function lineChart(container, labels, series, opts) {
    var svg = frame(container, opts.title);
    var values = [];
    series.forEach(function (s) { s.values.forEach(function (v) { if (v != null) values.push(v); }); });
    if (!values.length) { empty(svg, "No figures yet"); return svg; }
    var max = opts.max || niceMax(Math.max.apply(null, values));
    var iw = W - M.left - M.right, ih = H - M.top - M.bottom;
    var times = labels.map(function (label) { return Date.parse(label); });
    var timed = times.length > 0 && times.every(function (t) { return !isNaN(t); });
    var tmin = Math.min.apply(null, times), tmax = Math.max.apply(null, times);
    var xOfTime = function (t) { return M.left + (tmax > tmin ? iw * (t - tmin) / (tmax - tmin) : iw / 2); };
    var xOf = timed ? function (i) { return xOfTime(times[i]); }
                    : function (i) { return M.left + (labels.length > 1 ? iw * i / (labels.length - 1) : iw / 2); };
    var yOf = function (v) { return M.top + ih * (1 - v / max); };
    yAxis(svg, max, opts.format);
    if (timed) timeAxis(svg, tmin, tmax, xOfTime); else xLabels(svg, labels, xOf);
    series.forEach(function (s) {
      var d = "", pen = false;
      s.values.forEach(function (v, i) {
        if (v == null) { pen = false; return; }
        if (timed && i > 0 && times[i] - times[i - 1] > DAY * 1.5) pen = false;  /* a gap */
        d += (pen ? " L" : " M") + xOf(i).toFixed(1) + " " + yOf(v).toFixed(1);
        pen = true;
        var dot = el("circle", { cx: xOf(i), cy: yOf(v), r: 3, "class": "dot-" + s.cls }, svg);
        el("title", {}, dot).textContent = labels[i] + ": " + s.name + " " + (opts.format ? opts.format(v) : v);
      });
      if (d) el("path", { d: d.trim(), "class": "series-" + s.cls }, svg);
    });
    legend(svg, series);
    return svg;
  }

  /* A grouped bar chart: one group per label, one bar per series. */
  function barChart(container, labels, series, opts) {
    var svg = frame(container, opts.title);
    var values = [];
    series.forEach(function (s) { s.values.forEach(function (v) { if (v != null) values.push(v); }); });
    if (!values.length) { empty(svg, "No figures yet"); return svg; }
    var max = niceMax(Math.max.apply(null, values));
    var iw = W - M.left - M.right, ih = H - M.top - M.bottom;
    var group = iw / labels.length, bw = Math.max(2, group * 0.8 / series.length);
    yAxis(svg, max);
    xLabels(svg, labels, function (i) { return M.left + group * (i + 0.5); }, true);
    series.forEach(function (s, j) {
      s.values.forEach(function (v, i) {
        if (v == null) return;
        var h = ih * v / max, x = M.left + group * i + group * 0.1 + bw * j;
        var bar = el("rect", { x: x, y: M.top + ih - h, width: bw, height: h, "class": "bar-" + s.key }, svg);
        el("title", {}, bar).textContent = labels[i] + ": " + s.name + " " + v;
      });
    });
    legend(svg, series);
    return svg;
  }

  function pick(nights, scope, measure) {
    return nights.map(function (n) { return n[scope] ? n[scope][measure] : null; });
  }
  function pct(v) { return Math.round(v * 100) + "%"; }

  function draw(data) {
    var nights = data.nights || [], labels = nights.map(function (n) { return n.night; });
    document.querySelectorAll(".chart").forEach(function (node) {
      var kind = node.getAttribute("data-kind"), scope = node.getAttribute("data-scope");
      if (kind === "line") {
        lineChart(node, labels, [
          { name: "launched", key: "launched", cls: "launched", values: pick(nights, scope, "launched") },
          { name: "downed", key: "downed", cls: "downed", values: pick(nights, scope, "downed") }
        ], { title: scope + " launched and downed per night" });
      } else if (kind === "rate") {
        lineChart(node, labels, [
          { name: "drones", key: "launched", cls: "rate-drones", values: pick(nights, "drones", "rate") },
          { name: "missiles", key: "downed", cls: "rate-missiles", values: pick(nights, "missiles", "rate") }
        ], { title: "interception rate per night", max: 1, format: pct });
      } else if (kind === "weapons") {
        var rows = (data.weapons || []).slice(0, 12);
        barChart(node, rows.map(function (r) { return r.model; }), [
          { name: "launched", key: "launched", cls: "launched", values: rows.map(function (r) { return r.launched; }) },
          { name: "downed", key: "downed", cls: "downed", values: rows.map(function (r) { return r.downed; }) }
        ], { title: "launched and downed by weapon model" });
      }
      node.setAttribute("data-drawn", "true");
    });
  }

  function start() {
    var source = document.getElementById("dashboard-data");
    if (!source) return;
    draw(JSON.parse(source.textContent || "{}"));
    document.body.setAttribute("data-charts", "drawn");
  }
  window.skyledgerCharts = { lineChart: lineChart, barChart: barChart };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
