// The disputes board: filters, paging, and one row per claim group with its values on an axis.
// Every text that comes from the data is set with textContent or as an SVG <title>'s text; a link is
// made only for an http(s) URL. Names and quotes from articles never become markup.
(function () {
  "use strict";
  performance.mark("kg-start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var SVG = "http://www.w3.org/2000/svg";
  var URL_OK = /^https?:\/\//i;
  var DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function fmt(x) {
    var r = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 10) / 10;
    return r.toLocaleString("en");
  }
  function period(d) {
    var p = d.split("-");
    if (p.length === 1) return [d + "-01-01", d + "-12-31"];
    if (p.length === 2) return [d + "-01", d + "-31"];
    return [d, d];
  }
  function outletName(i) { return i >= 0 ? data.outlets[i] : ""; }

  // ---- heading, filters ---------------------------------------------------------------------
  $("kg-title").textContent = data.title;
  document.title = "kg · " + data.title;
  var c = data.counts;
  $("kg-counts").textContent = plural(c.rows, "figure") + " stated by 2+ outlets · " + c.contested + " contested · " +
    plural(c.claims, "claim") + " from " + plural(c.outlets, "outlet");
  if (data.note) { $("kg-note").textContent = data.note; $("kg-note").hidden = false; }
  var built = [];
  if (data.filters.source) built.push("outlet " + data.filters.source);
  if (data.filters.since) built.push("since " + data.filters.since);
  if (data.filters.until) built.push("until " + data.filters.until);
  if (data.filters.focus) built.push("about " + data.filters.focus);
  $("kg-footer").textContent = (built.length ? "Built for: " + built.join(", ") + ". " : "") + data.generator;
  if (data.filters.since) $("kg-since").value = data.filters.since;
  if (data.filters.until) $("kg-until").value = data.filters.until;

  function addOptions(select, names) {
    names.map(function (n, i) { return [n, i]; })
      .sort(function (a, b) { return a[0].localeCompare(b[0]); })
      .forEach(function (p) { var o = el("option", null, p[0]); o.value = String(p[1]); select.appendChild(o); });
  }
  addOptions($("kg-event"), data.events);
  addOptions($("kg-outlet"), data.outlets);

  // what each row is searched and filtered on, once
  data.rows.forEach(function (r) {
    var words = [r.what, r.counted.join(" "), r.predicates.join(" "), data.events[r.event], r.basis];
    var outlets = {};
    r.values.forEach(function (v) {
      words.push(v.text, v.speaker, outletName(v.outlet), outletName(v.original), v.quote, v.title);
      if (v.outlet >= 0) outlets[v.outlet] = true;
      if (v.original >= 0) outlets[v.original] = true;
    });
    r._text = words.join("\n").toLowerCase();
    r._outlets = outlets;
  });

  var state = { q: "", event: "", outlet: "", status: "", since: data.filters.since || "", until: data.filters.until || "", page: 0 };
  var shown = data.rows;
  function datePasses(v) {
    if (!state.since && !state.until) return true;
    if (!v.date) return false;
    var p = period(v.date);
    if (state.since && p[1] < period(state.since)[0]) return false;
    if (state.until && p[0] > period(state.until)[1]) return false;
    return true;
  }
  function rowPasses(r) {
    if (state.event !== "" && String(r.event) !== state.event) return false;
    if (state.outlet !== "" && !r._outlets[state.outlet]) return false;
    if (state.status && r.status !== state.status) return false;
    if ((state.since || state.until) && !r.values.some(datePasses)) return false;
    if (state.q && r._text.indexOf(state.q) < 0) return false;
    return true;
  }
  function apply() {
    shown = data.rows.filter(rowPasses);
    var pages = Math.max(1, Math.ceil(shown.length / data.pageSize));
    if (state.page >= pages) state.page = pages - 1;
    var hidden = data.rows.length - shown.length;
    $("kg-shown").textContent = "showing " + shown.length.toLocaleString("en") + " of " + plural(data.rows.length, "figure") +
      (hidden ? " (" + hidden.toLocaleString("en") + " filtered out)" : "");
    $("kg-page").textContent = "page " + (state.page + 1) + " of " + pages;
    $("kg-prev").disabled = state.page === 0;
    $("kg-next").disabled = state.page >= pages - 1;
    render();
  }

  // ---- one row ------------------------------------------------------------------------------
  var W_LABEL = 150, LANE = 20;
  function lanes(r) {
    var byKey = {}, out = [];
    r.values.forEach(function (v, i) {
      var key = [v.lo, v.hi, v.number, v.status, v.machine].join("|");
      if (!byKey[key]) { byKey[key] = { v: v, items: [] }; out.push(byKey[key]); }
      byKey[key].items.push(i);
    });
    out.sort(function (a, b) { return (a.v.lo === null ? -Infinity : a.v.lo) - (b.v.lo === null ? -Infinity : b.v.lo); });
    return out;
  }
  function ticks(lo, hi) {
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / 4 || 1)));
    [1, 2, 2.5, 5, 10].some(function (m) { if (span / (step * m) <= 6) { step = step * m; return true; } return false; });
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(t);
    return out;
  }
  function axis(r, section) {
    var width = Math.max(320, ($("kg-rows").clientWidth || 900) - 60);
    var ls = lanes(r);
    var lo = r.lo, hi = r.hi;
    var span = hi - lo;
    var pad = span > 0 ? span * 0.08 : Math.max(1, Math.abs(hi) * 0.1);
    var a = Math.max(0, lo - pad), b = hi + pad + (r.open ? (span > 0 ? span : pad) * 0.5 : 0);
    var x0 = 12, x1 = width - W_LABEL;
    var scale = function (x) { return x0 + (x - a) / (b - a) * (x1 - x0); };
    var height = 22 + ls.length * LANE;
    var s = svg("svg", { class: "kg-axis", width: width, height: height, role: "img" });
    s.setAttribute("aria-label", "values stated, on one axis");
    var axisY = height - 16;
    ticks(a, b).forEach(function (t) {
      var g = svg("g", { class: "kg-tick" });
      var x = scale(t);
      g.appendChild(svg("line", { x1: x, x2: x, y1: 2, y2: axisY }));
      var label = svg("text", { x: x, y: axisY + 12, "text-anchor": "middle" });
      label.textContent = fmt(t);
      g.appendChild(label);
      s.appendChild(g);
    });
    s.appendChild(svg("line", { class: "kg-rule", x1: x0, x2: x1, y1: axisY, y2: axisY }));
    ls.forEach(function (lane, n) {
      var v = lane.v, y = 10 + n * LANE;
      var cls = "kg-mark kg-s-" + v.status + (v.machine ? " kg-machine" : "");
      var mark, right;
      if (v.point) {
        mark = svg("circle", { cx: scale(v.lo), cy: y, r: 5.5, class: cls + " kg-point" });
        right = scale(v.lo) + 6;
      } else {
        var left = v.lo === null ? x0 : scale(v.lo);
        right = v.hi === null ? x1 : scale(v.hi);
        var w = Math.max(4, right - left);
        mark = svg("rect", { x: left, y: y - 5, width: w, height: 10, rx: 4, class: cls + (v.hi === null ? " kg-open" : " kg-interval") });
        if (v.hi === null) {
          var arrow = svg("path", { d: "M" + (x1 - 1) + " " + (y - 7) + " L" + (x1 + 8) + " " + y + " L" + (x1 - 1) + " " + (y + 7) + " Z", class: "kg-s-" + v.status });
          s.appendChild(arrow);
          right = x1 + 8;
        }
      }
      mark.setAttribute("data-text", v.number);
      mark.setAttribute("data-status", v.status);
      if (v.machine) mark.setAttribute("data-machine", "1");
      var tip = svg("title");
      tip.textContent = lane.items.map(function (i) {
        var x = r.values[i];
        return x.text + " — " + [x.speaker, outletName(x.outlet), x.date].filter(Boolean).join(" · ") + "\n“" + x.quote + "”";
      }).join("\n\n");
      mark.appendChild(tip);
      mark.addEventListener("click", function () { reveal(section, lane.items); });
      s.appendChild(mark);
      var label = svg("text", { x: Math.min(right + 6, width - W_LABEL + 14), y: y + 4 });
      label.textContent = v.number + (lane.items.length > 1 ? " ×" + lane.items.length : "");
      s.appendChild(label);
    });
    return s;
  }
  function reveal(section, items) {
    var lis = section.querySelectorAll(".kg-values > li");
    Array.prototype.forEach.call(lis, function (li) { li.classList.remove("kg-hit"); });
    items.forEach(function (i, n) {
      var li = lis[i];
      li.classList.add("kg-hit");
      li.querySelector("details").open = true;
      if (n === 0) li.scrollIntoView({ block: "nearest" });
    });
  }
  function valueItem(v) {
    var li = el("li");
    var details = el("details");
    var summary = el("summary");
    summary.appendChild(el("span", "kg-dot kg-" + v.status + (v.machine ? " kg-m" : "")));
    summary.appendChild(el("span", "kg-value", v.text));
    var who = [];
    if (v.speaker && v.speaker !== outletName(v.outlet)) who.push(v.speaker);
    var outlet = outletName(v.outlet) || "no outlet";
    if (v.original >= 0) outlet += " (from " + outletName(v.original) + ")";
    who.push(outlet);
    who.push(v.date || "undated");
    summary.appendChild(el("span", "kg-who", " — " + who.join(" · ")));
    if (v.machine) summary.appendChild(el("span", "kg-tag", "machine"));
    summary.title = "“" + v.quote + "”";
    details.appendChild(summary);
    details.appendChild(el("blockquote", null, "“" + v.quote + "”"));
    var detail = el("div", "kg-detail");
    detail.appendChild(el("span", null, v.status + (v.basis ? ": " + v.basis : "") + (v.title ? " · in “" + v.title + "”" : "")));
    if (v.stated && v.stated !== v.date) detail.appendChild(el("span", null, " · said " + v.stated));
    if (v.url && URL_OK.test(v.url)) {
      detail.appendChild(document.createTextNode(" · "));
      var a = el("a", null, "article");
      a.href = v.url;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      detail.appendChild(a);
    }
    details.appendChild(detail);
    li.appendChild(details);
    return li;
  }
  function rowElement(r) {
    var section = el("section", "kg-row kg-" + r.status.replace(" ", "-"));
    section.setAttribute("data-row", r.id);
    var h = el("h2");
    h.appendChild(el("span", "kg-badge kg-" + r.status.replace(" ", "-"), r.status));
    h.appendChild(el("span", null, r.what + " " + r.predicates.join(" / ")));
    h.appendChild(el("span", "kg-event", " · " + data.events[r.event]));
    section.appendChild(h);
    var context = [plural(r.sources, "source")];
    if (r.counted.length && r.counted.join() !== r.what) context.push("counted as: " + r.counted.join("; "));
    if (r.scope.length) context.push(r.scope.join(", ") === "cumulative" ? "running total" : r.scope.join(", "));
    if (r.asOf.length) context.push("as of " + r.asOf.join(", "));
    if (r.modality.length) context.push(r.modality.join(", "));
    section.appendChild(el("div", "kg-context", context.join(" · ")));
    section.appendChild(el("div", "kg-basis", r.basis));
    section.appendChild(axis(r, section));
    var list = el("ul", "kg-values");
    r.values.forEach(function (v) { list.appendChild(valueItem(v)); });
    section.appendChild(list);
    return section;
  }
  function render() {
    var start = state.page * data.pageSize;
    var box = $("kg-rows");
    box.replaceChildren();
    shown.slice(start, start + data.pageSize).forEach(function (r) { box.appendChild(rowElement(r)); });
  }

  // ---- controls -----------------------------------------------------------------------------
  var timer = null;
  $("kg-search").addEventListener("input", function (ev) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = ev.target.value.trim().toLowerCase(); state.page = 0; apply(); }, 120);
  });
  [["kg-event", "event"], ["kg-outlet", "outlet"], ["kg-status", "status"]].forEach(function (p) {
    $(p[0]).addEventListener("change", function (ev) { state[p[1]] = ev.target.value; state.page = 0; apply(); });
  });
  ["since", "until"].forEach(function (which) {
    var input = $("kg-" + which);
    input.addEventListener("input", function () {
      var v = input.value.trim();
      var ok = v === "" || DATE.test(v);
      input.classList.toggle("kg-bad", !ok);
      if (ok && state[which] !== v) { state[which] = v; state.page = 0; apply(); }
    });
  });
  $("kg-prev").addEventListener("click", function () { state.page--; apply(); window.scrollTo(0, 0); });
  $("kg-next").addEventListener("click", function () { state.page++; apply(); window.scrollTo(0, 0); });
  var resizeTimer = null;
  window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(render, 150); });

  apply();
  window.kg = { data: data, state: state, apply: apply, shown: function () { return shown; }, ready: false };
  requestAnimationFrame(function () {
    window.kg.ready = true;
    window.kg.readyAt = performance.now();
    document.documentElement.setAttribute("data-kg-ready", "1");
  });
})();
