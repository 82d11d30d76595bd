/* stagesim: each chart picture in report.html that has its data beside it (a script element of type
   application/json) becomes an Apache ECharts chart of the same size: hover for values, click the
   legend to hide or show a series. Without scripts the pictures stay; nothing here loads anything. */
(function () {
  "use strict";
  if (typeof echarts === "undefined") {
    return;
  }
  var SYMBOLS = {circle: "circle", square: "rect", triangle: "triangle", diamond: "diamond",
    "triangle-down": "path://M0,0L10,0L5,10Z",
    cross: "path://M2,0L5,3L8,0L10,2L7,5L10,8L8,10L5,7L2,10L0,8L3,5L0,2Z"};
  var PLACES = {"top-left": "insideTopLeft", top: "insideTop", "top-right": "insideTopRight", left: "insideLeft",
    center: "inside", right: "insideRight", "bottom-left": "insideBottomLeft", bottom: "insideBottom",
    "bottom-right": "insideBottomRight"};
  var GRID = "#dddddd";
  var INK = "#444444";

  /* A figure to four significant digits, as the tooltips show it: 316.7, 0.0125, 12350. */
  function fmt(v) {
    if (v === null || v === undefined || v === "-" || isNaN(v)) {
      return "–";
    }
    return String(Number(Number(v).toPrecision(4)));
  }

  /* The percentile whose axis value 1/(1 − q) is x: 1000 is p99.9. */
  function percentile(x) {
    return "p" + String(Number((100 * (1 - 1 / x)).toPrecision(6)));
  }

  function escape(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* A round step (1, 2 or 5 × 10^k) for about six ticks over [lo, hi]. */
  function step(lo, hi) {
    var raw = (hi - lo) / 6;
    if (!(raw > 0)) {
      return 1;
    }
    var mag = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var m = [1, 2, 5, 10].filter(function (k) { return k * mag >= raw; })[0];
    return m * mag;
  }

  /* An ECharts axis for one of the model's axes; log and percentile axes get their ticks as lines. */
  function axis(a, side, grid, categories, show) {
    var out = {gridIndex: grid, name: show ? a.label : "", nameTextStyle: {fontSize: 10, color: INK},
      axisLabel: {fontSize: 10, color: INK}, splitLine: {lineStyle: {color: GRID}},
      axisLine: {onZero: false, lineStyle: {color: "#999999"}}};
    if (side === "x") {
      out.nameLocation = "middle";
      out.nameGap = a.kind === "log" || a.kind === "percentile" ? 22 : 20;
    } else {
      out.nameLocation = "end";
      out.nameGap = 6;
      out.nameTextStyle.align = "left";
    }
    if (categories) {
      out.type = "category";
      out.name = side === "y" ? "" : out.name;
      out.data = a.categories;
      out.axisLabel.interval = 0;
      out.inverse = side === "y";
      return out;
    }
    out.min = a.min;
    out.max = a.max;
    if (a.kind === "log" || a.kind === "percentile") {
      out.type = "log";
      out.logBase = 10;
      out.axisLabel.show = false;
      out.axisTick = {show: false};
      out.splitLine = {show: false};
      return out;
    }
    out.type = "value";
    var s = step(a.min, a.max);
    out.interval = s; /* ticks at its multiples, and at the ends of the range, which are left unlabelled */
    out.axisLabel.formatter = function (v) {
      return Math.abs(v / s - Math.round(v / s)) < 1e-6 ? fmt(v) : "";
    };
    return out;
  }

  /* The width the tick labels of a log axis on the left take (they are drawn as the grid lines' labels). */
  function labels(a) {
    var most = 0;
    a.ticks.forEach(function (t) { most = Math.max(most, t.label.length); });
    return most * 6 + 8;
  }

  /* The ticks of a log or percentile axis as grid lines labelled where the picture labels them. */
  function ticks(a, side, xi, yi) {
    var lines = a.ticks.map(function (t) {
      var d = {label: {formatter: t.label}};
      d[side === "x" ? "xAxis" : "yAxis"] = t.at;
      return d;
    });
    return {type: "line", name: "", data: [], xAxisIndex: xi, yAxisIndex: yi, silent: true,
      markLine: {silent: true, symbol: ["none", "none"], animation: false, lineStyle: {color: GRID, width: 1,
        type: "solid"}, label: {position: "start", fontSize: 10, color: INK, distance: 4}, data: lines}};
  }

  function lineType(dash) {
    return dash ? dash : "solid";
  }

  /* The series of one panel, its bands and lines on series of their own so the legend toggles them. */
  function series(p, xi, yi, index, out, panelOf) {
    var horizontal = p.horizontal;
    p.series.forEach(function (s) {
      var e = {name: s.name, xAxisIndex: xi, yAxisIndex: yi, animation: false, itemStyle: {color: s.colour}};
      if (s.kind === "bar") {
        e.type = "bar";
        e.data = s.data;
        e.barMaxWidth = 28;
        if (s.stack) {
          e.stack = "p" + index + s.stack;
        }
      } else if (s.kind === "interval") {
        e.type = "custom";
        e.data = s.data.filter(function (d) { return d !== null; });
        e.encode = horizontal ? {x: [1, 2], y: 0} : {x: 0, y: [1, 2]};
        e.renderItem = function (params, api) {
          var at = api.value(0);
          var a = horizontal ? api.coord([api.value(1), at]) : api.coord([at, api.value(1)]);
          var b = horizontal ? api.coord([api.value(2), at]) : api.coord([at, api.value(2)]);
          var style = {stroke: s.colour, lineWidth: s.width};
          var cap = function (c) {
            return horizontal ? {x1: c[0], y1: c[1] - 6, x2: c[0], y2: c[1] + 6}
              : {x1: c[0] - 6, y1: c[1], x2: c[0] + 6, y2: c[1]};
          };
          return {type: "group", children: [
            {type: "line", shape: {x1: a[0], y1: a[1], x2: b[0], y2: b[1]}, style: style},
            {type: "line", shape: cap(a), style: style}, {type: "line", shape: cap(b), style: style}]};
        };
      } else {
        e.type = "line";
        e.data = s.data;
        e.connectNulls = false;
        e.showSymbol = s.marker !== null;
        e.symbol = s.marker === null ? "none" : SYMBOLS[s.marker];
        e.symbolSize = 7;
        e.lineStyle = {color: s.colour, width: s.width, type: lineType(s.dash), opacity: s.width > 0 ? 1 : 0};
        if (s.kind === "area") {
          e.stack = "p" + index + s.stack;
          e.areaStyle = {color: s.colour, opacity: 0.85};
          e.lineStyle.width = 0;
        }
      }
      panelOf.push(p);
      out.push(e);
    });
    var carriers = {};
    function carrier(name, colour) {
      if (!carriers[name]) {
        carriers[name] = {type: "line", name: name, data: [], xAxisIndex: xi, yAxisIndex: yi, silent: true,
          itemStyle: {color: colour}, lineStyle: {color: colour}};
        panelOf.push(p);
        out.push(carriers[name]);
      }
      return carriers[name];
    }
    p.bands.forEach(function (b) {
      var c = carrier(b.name, b.colour);
      c.markArea = c.markArea || {silent: true, animation: false, data: []};
      var key = b.axis === "x" ? "xAxis" : "yAxis";
      var from = {itemStyle: {color: b.colour}, label: {show: b.label !== "", formatter: b.label, fontSize: 10,
        color: INK, position: PLACES[b.place] || "insideTop"}};
      var to = {};
      from[key] = b.from;
      to[key] = b.to;
      c.markArea.data.push([from, to]);
    });
    p.rules.forEach(function (r) {
      var c = carrier(r.name, r.colour);
      c.markLine = c.markLine || {silent: true, animation: false, symbol: ["none", "none"], data: []};
      var d = {lineStyle: {color: r.colour, width: r.width, type: lineType(r.dash)},
        label: {show: r.label !== "", formatter: r.label, fontSize: 10, color: INK}};
      d[r.axis === "x" ? "xAxis" : "yAxis"] = r.at;
      c.markLine.data.push(d);
    });
  }

  /* The ECharts option for a model drawn on width × height pixels. */
  function option(m, width, height) {
    var top = 58;
    var bands = {};
    m.panels.forEach(function (p) { p.bands.forEach(function (b) { bands[b.name] = true; }); });
    var cols = m.columns;
    var rows = Math.ceil(m.panels.length / cols);
    var cellW = (width - 16) / cols;
    var total = 0;
    m.panels.forEach(function (p) { total += p.weight; });
    var o = {animation: false, textStyle: {fontFamily: "sans-serif"},
      title: [{text: m.title, left: "center", top: 4, textStyle: {fontSize: 15}}],
      legend: {type: "scroll", top: 30, data: m.legend.map(function (name) {
        return bands[name] ? {name: name, icon: "rect"} : {name: name};
      }), textStyle: {fontSize: 11}},
      grid: [], xAxis: [], yAxis: [], series: []};
    var panelOf = [];
    var y0 = top;
    m.panels.forEach(function (p, i) {
      var col = i % cols;
      var row = Math.floor(i / cols);
      var cellH = cols === 1 ? (height - top - 4) * p.weight / total : (height - top - 4) / rows;
      var x = 8 + col * cellW;
      var y = cols === 1 ? y0 : top + row * cellH;
      if (cols === 1) {
        y0 += cellH;
      }
      var head = p.title ? 16 : 0;
      if (p.title) {
        o.title.push({text: p.title, left: x + 6, top: y, textStyle: {fontSize: 11, fontWeight: "bold",
          color: INK, width: cellW - 12, overflow: "truncate"}});
      }
      var horizontal = p.horizontal;
      var xa = horizontal ? p.y : p.x;
      var ya = horizontal ? p.x : p.y;
      var room = ya.kind === "log" || ya.kind === "percentile" ? labels(ya) : 0;
      var below = xa.kind === "log" || xa.kind === "percentile" ? 14 : 0;
      o.grid.push({left: x + 6 + room, top: y + head + 16, width: cellW - 16 - room,
        height: cellH - head - 16 - 26 - below, containLabel: true});
      var lastRow = cols === 1 || i + cols >= m.panels.length;
      o.xAxis.push(axis(xa, "x", i, xa.kind === "category", lastRow || rows === 1));
      o.yAxis.push(axis(ya, "y", i, ya.kind === "category", true));
      series(p, i, i, i, o.series, panelOf);
      if (xa.kind === "log" || xa.kind === "percentile") {
        o.series.push(ticks(xa, "x", i, i));
        panelOf.push(p);
      }
      if (ya.kind === "log" || ya.kind === "percentile") {
        o.series.push(ticks(ya, "y", i, i));
        panelOf.push(p);
      }
    });
    o.tooltip = {trigger: "axis", confine: true, axisPointer: {type: "line"}, formatter: function (params) {
      if (!params.length) {
        return "";
      }
      var p = panelOf[params[0].seriesIndex];
      var along = p.x; /* the axis the pointer follows: a horizontal panel's categories are its x too */
      var head = along.kind === "category" ? params[0].axisValue
        : along.kind === "percentile" ? percentile(params[0].axisValue) : fmt(params[0].axisValue);
      if (along.kind === "category" && typeof head === "number") {
        head = along.categories[head];
      }
      var lines = [(p.title ? escape(p.title) + " · " : "") + escape(along.label) + ": " + escape(head)];
      params.forEach(function (q) {
        if (!q.seriesName) {
          return;
        }
        var v = q.value;
        var text;
        if (q.seriesType === "custom") {
          text = "[" + fmt(v[1]) + ", " + fmt(v[2]) + "]";
        } else {
          text = fmt(Array.isArray(v) ? v[1] : v);
        }
        lines.push(q.marker + escape(q.seriesName) + ": <b>" + text + "</b>");
      });
      return lines.join("<br>");
    }};
    return o;
  }

  function enhance(img) {
    var data = document.getElementById(img.getAttribute("data-chart"));
    if (!data) {
      return;
    }
    var model = JSON.parse(data.textContent);
    var ratio = img.height / img.width;
    var width = img.clientWidth || img.width;
    var div = document.createElement("div");
    div.id = "interactive-" + img.getAttribute("data-chart").replace(/^chart-data-/, "");
    div.className = "interactive";
    div.setAttribute("role", "img");
    div.setAttribute("aria-label", img.alt);
    div.style.width = width + "px";
    div.style.height = Math.round(width * ratio) + "px";
    img.parentNode.insertBefore(div, img);
    img.style.display = "none";
    var chart = echarts.init(div, null, {renderer: "canvas"});
    chart.setOption(option(model, width, Math.round(width * ratio)));
    window.addEventListener("resize", function () {
      var w = div.parentNode.clientWidth < img.width ? div.parentNode.clientWidth : img.width;
      if (w > 0 && w !== div.clientWidth) {
        div.style.width = w + "px";
        div.style.height = Math.round(w * ratio) + "px";
        chart.setOption(option(model, w, Math.round(w * ratio)), true);
        chart.resize();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("img[data-chart]"), enhance);
}());
