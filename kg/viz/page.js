// The page's behaviour: legend and filters, search, the panel with the quotes behind a node or an edge.
// Every text that comes from the data is set with textContent (or given to vis-network as a plain
// string, which it shows with innerText): names and quotes from articles never become markup.
(function () {
  "use strict";
  performance.mark("kg-start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  var $ = function (id) { return document.getElementById(id); };
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  // ---- heading, notes -------------------------------------------------------------------------
  $("kg-title").textContent = data.title;
  document.title = "kg · " + data.title;
  var edgeCount = data.edges.length;
  $("kg-counts").textContent = plural(data.nodes.length, "node") + " · " + plural(edgeCount, "edge");
  if (data.note) { $("kg-note").textContent = data.note; $("kg-note").hidden = false; }
  var built = [];
  if (data.filters.source) built.push("outlet " + data.filters.source);
  if (data.filters.since) built.push("since " + data.filters.since);
  if (data.filters.until) built.push("until " + data.filters.until);
  if (data.filters.focus) built.push("around " + data.filters.focus);
  $("kg-built").textContent = (built.length ? "Built for: " + built.join(", ") + ". " : "") + data.generator;
  $("kg-size-note").textContent = "Node size: " + data.legend.size + ".";

  // ---- data, filters --------------------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeType = {};
  data.nodes.forEach(function (n) { nodeType[n.id] = n.kgType; });
  // a page built for a period starts with it in the date boxes
  var state = { types: {}, outlets: {}, since: data.filters.since || "", until: data.filters.until || "" };
  $("kg-since").value = state.since;
  $("kg-until").value = state.until;
  data.legend.types.forEach(function (t) { state.types[t.type] = true; });
  var outletIds = data.outlets.map(function (_, i) { return i; }).concat([-1]);
  outletIds.forEach(function (i) { state.outlets[i] = true; });

  function period(d) {
    var p = d.split("-");
    if (p.length === 1) return [d + "-01-01", d + "-12-31"];
    if (p.length === 2) return [d + "-01", d + "-31"];
    return [d, d];
  }
  function claimFiltersOn() {
    return state.since || state.until || outletIds.some(function (i) { return !state.outlets[i]; });
  }
  function claimPasses(ci) {
    var c = data.claims[ci];
    if (!state.outlets[c.outlet]) return false;
    if (state.since || state.until) {
      if (!c.date) return false;
      var p = period(c.date);
      if (state.since && p[1] < period(state.since)[0]) return false;
      if (state.until && p[0] > period(state.until)[1]) return false;
    }
    return true;
  }
  var visibleNodes = {}, visibleEdges = {};
  function recompute() {
    var filtering = claimFiltersOn();
    var touched = {};
    visibleEdges = {};
    data.edges.forEach(function (e) {
      if (!state.types[nodeType[e.from]] || !state.types[nodeType[e.to]]) return;
      if (filtering && !(e.claims.length && e.claims.some(claimPasses))) return;
      visibleEdges[e.id] = true;
      touched[e.from] = touched[e.to] = true;
    });
    visibleNodes = {};
    data.nodes.forEach(function (n) {
      if (state.types[n.kgType] && (!filtering || touched[n.id])) visibleNodes[n.id] = true;
    });
  }
  recompute();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes[n.id] === true; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdges[e.id] === true; } });
  function refresh() {
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    var shownNodes = nodeView.length, shownEdges = edgeView.length;
    $("kg-visible").textContent = (shownNodes === data.nodes.length && shownEdges === edgeCount) ? "" :
      "showing " + plural(shownNodes, "node") + " and " + plural(shownEdges, "edge") + " of " +
      data.nodes.length.toLocaleString("en") + " and " + edgeCount.toLocaleString("en") + " (filters on the left)";
    if (currentSelection) showSelection(currentSelection);
  }

  // ---- the network ----------------------------------------------------------------------------
  var container = $("kg-network");
  performance.mark("kg-datasets");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  performance.mark("kg-network");
  window.kg = { data: data, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, network: network, ready: false };
  $("kg-physics").checked = !!data.physics;
  function markReady() {
    network.once("afterDrawing", function () {
      window.kg.ready = true;
      window.kg.readyAt = performance.now();
      document.documentElement.setAttribute("data-kg-ready", "1");
    });
    network.redraw();
  }
  // A large page comes without edge labels: vis-network spends half its start-up on them, and at the
  // zoom that shows a whole large graph it does not draw them anyway. Once zoomed in far enough for
  // labels to be drawn, the edges nearest the centre of the view (and those of the selected node) get
  // theirs, at most LABEL_BUDGET at a time: drawing thousands of labels makes every frame slow.
  var LABEL_BUDGET = 600;
  var deferred = data.edges.some(function (e) { return e.predicate !== undefined; });
  var labelled = {};
  var labelTimer = null;
  function labelView() {
    var scale = network.getScale();
    if (!deferred) return 0;
    var want = {}, count = 0;
    if (scale >= 0.4) {
      var centre = network.getViewPosition(), box = container.getBoundingClientRect();
      var w = box.width / 2 / scale, h = box.height / 2 / scale;
      var positions = network.getPositions();
      var near = [];
      data.edges.forEach(function (e) {
        if (e.predicate === undefined || !visibleEdges[e.id]) return;
        var a = positions[e.from], b = positions[e.to];
        if (!a || !b) return;
        var x = (a.x + b.x) / 2 - centre.x, y = (a.y + b.y) / 2 - centre.y;
        if (Math.abs(x) <= w && Math.abs(y) <= h) near.push([x * x + y * y, e.id]);
      });
      near.sort(function (p, q) { return p[0] - q[0]; });
      network.getSelectedEdges().forEach(function (id) { if (!want[id] && edges.get(id).predicate !== undefined) { want[id] = true; count++; } });
      for (var i = 0; i < near.length && count < LABEL_BUDGET; i++) if (!want[near[i][1]]) { want[near[i][1]] = true; count++; }
    }
    var changes = [];
    Object.keys(labelled).forEach(function (id) { if (!want[id]) { delete labelled[id]; changes.push({ id: Number(id), label: "" }); } });
    Object.keys(want).forEach(function (id) {
      if (!labelled[id]) { labelled[id] = true; changes.push({ id: Number(id), label: edges.get(Number(id)).predicate }); }
    });
    if (changes.length) edges.update(changes);
    window.kg.labelled = count;
    return count;
  }
  function scheduleLabels() { clearTimeout(labelTimer); labelTimer = setTimeout(labelView, 200); }
  if (deferred) ["zoom", "dragEnd", "animationFinished", "select", "deselectNode", "deselectEdge"].forEach(function (ev) { network.on(ev, scheduleLabels); });
  window.kg.labelView = labelView;
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      $("kg-physics").checked = false;
      markReady();
    });
  } else {
    markReady();
  }
  $("kg-physics").addEventListener("change", function (ev) {
    network.setOptions({ physics: { enabled: ev.target.checked, stabilization: { enabled: false } } });
  });
  $("kg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });

  // ---- legend: types (also the type filter), edge kinds, outlets, dates -------------------------
  function swatch(shape, fill, border) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "16"); s.setAttribute("height", "16"); s.setAttribute("viewBox", "0 0 16 16");
    s.setAttribute("class", "kg-swatch");
    var shapes = {
      dot: "M8 2a6 6 0 1 0 0.001 0z", square: "M2.5 2.5h11v11h-11z", diamond: "M8 1l7 7-7 7-7-7z",
      triangle: "M8 2l6.5 12h-13z", triangleDown: "M1.5 2h13l-6.5 12z", hexagon: "M4.5 2h7l3.5 6-3.5 6h-7l-3.5-6z",
      star: "M8 1l2 4.7 5 .4-3.8 3.3 1.2 5-4.4-2.7-4.4 2.7 1.2-5L1 6.1l5-.4z", box: "M1 4h14v8h-14z"
    };
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", shapes[shape] || shapes.dot);
    path.setAttribute("fill", fill);
    path.setAttribute("stroke", border || "#555");
    path.setAttribute("stroke-width", "1");
    s.appendChild(path);
    return s;
  }
  function line(color, width, dashes) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "28"); s.setAttribute("height", "10");
    var l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", "1"); l.setAttribute("x2", "27"); l.setAttribute("y1", "5"); l.setAttribute("y2", "5");
    l.setAttribute("stroke", color); l.setAttribute("stroke-width", String(width));
    if (dashes) l.setAttribute("stroke-dasharray", Array.isArray(dashes) ? dashes.join(" ") : "5 4");
    s.appendChild(l);
    return s;
  }
  data.legend.types.forEach(function (t) {
    var label = el("label");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.hidden = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () {
      state.types[t.type] = box.checked;
      label.classList.toggle("kg-off", !box.checked);
      refresh();
    });
    label.appendChild(box);
    label.appendChild(swatch(t.shape, t.color));
    label.appendChild(el("span", null, t.legend));
    label.appendChild(el("span", "kg-count", t.count));
    $("kg-types").appendChild(label);
  });
  data.legend.statuses.forEach(function (s) {
    var item = el("div", "kg-edge-item");
    item.appendChild(line(s.color, s.status === "corroborated" ? 3.5 : s.status === "conflicting" ? 2.5 : 1.2));
    item.appendChild(el("span", null, s.legend));
    $("kg-edge-legend").appendChild(item);
  });
  data.legend.edges.forEach(function (k) {
    var item = el("div", "kg-edge-item");
    item.appendChild(line(k.color, k.width, k.dashes));
    item.appendChild(el("span", null, k.legend));
    $("kg-edge-legend").appendChild(item);
  });
  var outletCounts = {};
  data.claims.forEach(function (c) { outletCounts[c.outlet] = (outletCounts[c.outlet] || 0) + 1; });
  var outletBoxes = [];
  data.outlets.forEach(function (name, i) {
    var label = el("label");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.setAttribute("data-outlet", String(i));
    box.addEventListener("change", function () { state.outlets[i] = box.checked; refresh(); });
    outletBoxes.push(box);
    label.appendChild(box);
    label.appendChild(el("span", null, name));
    label.appendChild(el("span", "kg-count", outletCounts[i] || 0));
    $("kg-outlets").appendChild(label);
  });
  if (!data.outlets.length) $("kg-outlet-section").hidden = true;
  function setAllOutlets(on) {
    return function (ev) {
      ev.preventDefault();
      outletBoxes.forEach(function (b, i) { b.checked = on; state.outlets[i] = on; });
      refresh();
    };
  }
  $("kg-outlets-all").addEventListener("click", setAllOutlets(true));
  $("kg-outlets-none").addEventListener("click", setAllOutlets(false));
  var DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
  ["since", "until"].forEach(function (which) {
    var input = $("kg-" + which);
    input.addEventListener("input", function () {
      var v = input.value.trim();
      var ok = v === "" || DATE.test(v);
      input.classList.toggle("kg-bad", !ok);
      if (ok && state[which] !== v) { state[which] = v; refresh(); }
    });
  });

  // ---- colour by community (where kg analyze ran) ----------------------------------------------
  if (data.legend.communities) {
    $("kg-community-box").hidden = false;
    var palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
    var original = {};
    data.nodes.forEach(function (n) { original[n.id] = n.color; });
    $("kg-community").addEventListener("change", function (ev) {
      nodes.update(data.nodes.filter(function (n) { return n.community !== undefined; }).map(function (n) {
        return { id: n.id, color: ev.target.checked ? palette[n.community % palette.length] : original[n.id] };
      }));
    });
  }

  // ---- the panel: what is behind a node or an edge ----------------------------------------------
  var currentSelection = null;
  function claimItem(ci, hidden) {
    var c = data.claims[ci];
    var li = el("li", hidden ? "kg-filtered" : null);
    li.appendChild(el("div", "kg-says", c.says));
    li.appendChild(el("blockquote", null, "“" + c.quote + "”"));
    var meta = el("div", "kg-meta");
    var outlet = c.outlet >= 0 ? data.outlets[c.outlet] : "no outlet";
    var who = c.speaker === outlet ? outlet : (c.speaker || "unknown speaker") + " · " + outlet;
    meta.appendChild(el("span", null, "— " + who + " · " + (c.date || "undated") + " · "));
    meta.appendChild(el("span", "kg-status-" + c.status, c.status));
    li.appendChild(meta);
    if (c.article >= 0) li.appendChild(el("div", "kg-meta", "in “" + data.articles[c.article] + "”"));
    return li;
  }
  function showPanel(title, lines, claimIds, what) {
    $("kg-info-title").textContent = title;
    var box = $("kg-info-lines");
    box.replaceChildren();
    lines.forEach(function (l) { box.appendChild(el("p", null, l)); });
    var list = $("kg-info-claims");
    list.replaceChildren();
    var filtering = claimFiltersOn();
    var limit = 200;
    claimIds.slice(0, limit).forEach(function (ci) { list.appendChild(claimItem(ci, filtering && !claimPasses(ci))); });
    $("kg-info-claims-title").textContent = claimIds.length ?
      plural(claimIds.length, "claim") + " " + what + (claimIds.length > limit ? " (first " + limit + " shown)" : "") : "";
    $("kg-info").hidden = false;
  }
  function claimsOfEdges(edgeIds) {
    var seen = {}, out = [];
    edgeIds.forEach(function (id) {
      var e = edges.get(id);
      if (!e) return;
      e.claims.forEach(function (ci) { if (!seen[ci]) { seen[ci] = true; out.push(ci); } });
    });
    return out;
  }
  function showSelection(sel) {
    currentSelection = sel;
    if (sel.node !== undefined) {
      var n = nodes.get(sel.node);
      var lines = String(n.title).split("\n");
      var connected = network.getConnectedEdges(sel.node).filter(function (id) { return visibleEdges[id]; });
      showPanel(lines[0], lines.slice(1), claimsOfEdges(connected), "on its edges");
    } else {
      var e = edges.get(sel.edge);
      var parts = String(e.title).split("\n");
      showPanel(parts[0], [], e.claims, "behind this edge");
    }
  }
  function hidePanel() { currentSelection = null; $("kg-info").hidden = true; }
  network.on("click", function (params) {
    if (params.nodes.length) showSelection({ node: params.nodes[0] });
    else if (params.edges.length) showSelection({ edge: params.edges[0] });
    else hidePanel();
  });
  $("kg-info-close").addEventListener("click", function () { hidePanel(); network.unselectAll(); });

  // ---- search ---------------------------------------------------------------------------------
  var names = $("kg-names");
  var seenNames = {};
  data.nodes.forEach(function (n) {
    String(n.search || n.label).split(" | ").forEach(function (name) {
      if (!name || seenNames[name]) return;
      seenNames[name] = true;
      var option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });
  var lastQuery = "", matchIndex = 0;
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var exact = [], starts = [], contains = [];
    data.nodes.forEach(function (n) {
      var names = String(n.search || n.label).toLowerCase().split(" | ");
      if (names.indexOf(q) >= 0) exact.push(n.id);
      else if (names.some(function (x) { return x.indexOf(q) === 0; })) starts.push(n.id);
      else if (names.some(function (x) { return x.indexOf(q) >= 0; })) contains.push(n.id);
    });
    return exact.concat(starts, contains);
  }
  function search() {
    var query = $("kg-search").value;
    var found = matches(query);
    var shown = found.filter(function (id) { return visibleNodes[id]; });
    if (!found.length) { $("kg-search-status").textContent = query.trim() ? "no match" : ""; return; }
    if (!shown.length) { $("kg-search-status").textContent = found.length + " hidden by the filters"; return; }
    matchIndex = query === lastQuery ? (matchIndex + 1) % shown.length : 0;
    lastQuery = query;
    var id = shown[matchIndex];
    network.selectNodes([id]);
    // keep the node clear of the panel on the right
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), offset: { x: -180, y: 0 }, animation: { duration: 400 } });
    showSelection({ node: id });
    $("kg-search-status").textContent = shown.length > 1 ? (matchIndex + 1) + " of " + shown.length + " (Enter: next)" : "1 match";
  }
  $("kg-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); search(); } });
  $("kg-search").addEventListener("change", search);
  refresh();
})();
