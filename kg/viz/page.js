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
  var state = { types: {}, outlets: {}, since: data.filters.since || "", until: data.filters.until || "", machine: true };
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
    return state.since || state.until || !state.machine || outletIds.some(function (i) { return !state.outlets[i]; });
  }
  // a claim's "when" is the period it is about: its event's dates where the graph has them, else when it was said
  function claimPasses(ci) {
    var c = data.claims[ci];
    if (!state.outlets[c.outlet]) return false;
    if (!state.machine && c.machine) return false;
    if (state.since || state.until) {
      if (!c.when) return false;
      if (state.since && c.when[1] < period(state.since)[0]) return false;
      if (state.until && c.when[0] > period(state.until)[1]) return false;
    }
    return true;
  }
  var visibleNodes = {}, visibleEdges = {};
  function recompute() {
    var filtering = claimFiltersOn();
    var touched = {};
    visibleEdges = {};
    var links = [];
    data.edges.forEach(function (e) {
      if (!state.types[nodeType[e.from]] || !state.types[nodeType[e.to]]) return;
      if (filtering && (e.kind === "conflict" || e.kind === "agreement")) { links.push(e); return; }
      if (filtering && !(e.claims.length && e.claims.some(claimPasses))) return;
      visibleEdges[e.id] = true;
      touched[e.from] = touched[e.to] = true;
    });
    // a conflict or an agreement is shown while the claims stating both its values are
    links.forEach(function (e) { if (touched[e.from] && touched[e.to]) visibleEdges[e.id] = true; });
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
    hideTooltip();  // its node may be gone, and the pointer is on the controls
    listConflicts();
    if (currentSelection) {
      // the panel goes with its node or edge when the filters hide it
      if (currentSelection.node !== undefined ? visibleNodes[currentSelection.node] : visibleEdges[currentSelection.edge]) showSelection(currentSelection);
      else { hidePanel(); network.unselectAll(); }
    }
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

  var dated = data.legend.dated || {};
  var how = [];
  if (dated["as of"]) how.push("the date a running total counts to (" + plural(dated["as of"], "claim") + ")");
  if (dated.event) how.push("the dates of the event it is about (" + plural(dated.event, "claim") + ")");
  how.push("when it was said" + (dated.said ? " (" + plural(dated.said, "claim") + ")" : ""));
  $("kg-dates-note").textContent = "A claim is shown when the period it is about overlaps these dates. That period is " +
    how.join(", else ") + "." + (dated.undated ? " " + plural(dated.undated, "claim") + " without a date: hidden by any date." : "");

  // ---- claims a machine proposed (kg annotate) and no person curated -----------------------------
  if (data.legend.machine) {
    $("kg-machine-section").hidden = false;
    $("kg-machine-count").textContent = data.legend.machine;
    $("kg-machine").addEventListener("change", function (ev) { state.machine = ev.target.checked; refresh(); });
  }

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
    var who = c.speaker === outlet || !c.speaker ? outlet : c.speaker + " · " + outlet;
    meta.appendChild(el("span", null, "— " + who + " · " + (c.date || "undated") + " · "));
    meta.appendChild(el("span", "kg-status-" + c.status, c.status));
    if (c.when && c.datedBy !== "said") meta.appendChild(el("span", "kg-about", " · about " + spanText(c.when) + (c.datedBy === "event" ? " (its event)" : " (as of)")));
    if (c.machine) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(el("span", "kg-machine", "proposed by a machine")); }
    li.appendChild(meta);
    if (c.article >= 0) li.appendChild(el("div", "kg-meta", "in “" + data.articles[c.article] + "”"));
    return li;
  }
  // "2011" for 2011-01-01 .. 2011-12-31, "2019-01" for a whole month, else the days
  function spanText(when) {
    var a = when[0], b = when[1];
    if (a === b) return a;
    if (a.slice(5) === "01-01" && b.slice(5) === "12-31") return a.slice(0, 4) === b.slice(0, 4) ? a.slice(0, 4) : a.slice(0, 4) + "–" + b.slice(0, 4);
    var last = new Date(Date.UTC(+b.slice(0, 4), +b.slice(5, 7), 0)).getUTCDate();
    if (a.slice(8) === "01" && +b.slice(8) === last) return a.slice(0, 7) === b.slice(0, 7) ? a.slice(0, 7) : a.slice(0, 7) + "–" + b.slice(0, 7);
    return a + "–" + b;
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
    clearOfPanel();
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
    if (params.nodes.length) { showSelection({ node: params.nodes[0] }); reveal(params.nodes); }
    else if (params.edges.length) {
      showSelection({ edge: params.edges[0] });
      var e = edges.get(params.edges[0]);
      reveal([e.from, e.to]);
    }
    else hidePanel();
  });

  // ---- keeping what is selected clear of the panel, and tooltips off it ---------------------------
  // Move the view so that these nodes lie in the part of it the panel leaves free: only as far as
  // needed (scale "keep"), at least at a scale (a number), or zoomed to fit them ("fit").
  function reveal(ids, scale) {
    var box = container.getBoundingClientRect(), info = $("kg-info"), margin = 48;
    var free = info.hidden ? box.width : Math.max(160, info.getBoundingClientRect().left - box.left);
    var pos = network.getPositions(ids), xs = [], ys = [];
    ids.forEach(function (id) { if (pos[id]) { xs.push(pos[id].x); ys.push(pos[id].y); } });
    if (!xs.length) return;
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var now = network.getScale();
    var fits = Math.min((free - 2 * margin) / (maxX - minX + 160), (box.height - 2 * margin) / (maxY - minY + 160));
    var target = scale === "fit" ? Math.min(1.5, fits) : Math.min(Math.max(now, typeof scale === "number" ? scale : 0), fits);
    if (scale === undefined) {
      var clear = ids.every(function (id) {
        var p = network.canvasToDOM(pos[id]);
        return p.x >= margin && p.x <= free - margin && p.y >= margin && p.y <= box.height - margin;
      });
      if (clear) return;
    }
    network.moveTo({
      position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 },
      scale: target,
      offset: { x: free / 2 - box.width / 2, y: 0 },
      animation: { duration: 300, easingFunction: "easeInOutQuad" }
    });
  }
  window.kg.reveal = reveal;
  function tooltip() { return container.querySelector("div.vis-tooltip"); }
  function hideTooltip() { var t = tooltip(); if (t) t.style.visibility = "hidden"; }
  container.addEventListener("mouseleave", hideTooltip);
  // vis-network puts its tooltip by the pointer: where that would cover the open panel, it moves left of it
  function overlapsPanel(t, info) {
    var a = t.getBoundingClientRect(), b = info.getBoundingClientRect();
    return a.right > b.left - 4 && a.left < b.right && a.bottom > b.top && a.top < b.bottom;
  }
  function clearOfPanel() {
    var t = tooltip(), info = $("kg-info");
    if (!t || info.hidden || t.style.visibility !== "visible" || !overlapsPanel(t, info)) return;
    var room = info.getBoundingClientRect().left - container.getBoundingClientRect().left - 12;
    var width = t.getBoundingClientRect().width;
    if (width > room) { t.style.maxWidth = Math.max(room, 0) + "px"; width = t.getBoundingClientRect().width; }
    t.style.left = Math.max(4, room - width) + "px";
    if (overlapsPanel(t, info)) t.style.visibility = "hidden";  // no room beside the panel
  }
  new MutationObserver(clearOfPanel).observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ["style"] });

  // ---- the conflicts on the page, each with a link that shows it ---------------------------------
  var conflictEdges = data.edges.filter(function (e) { return e.kind === "conflict"; });
  function fullLabel(id) { var n = nodes.get(id); return n ? String(n.search || n.label).split(" | ")[0] : ""; }
  function showConflict(e) {
    network.setSelection({ nodes: [e.from, e.to], edges: [e.id] }, { unselectAll: true, highlightEdges: false });
    showSelection({ edge: e.id });
    reveal([e.from, e.to], "fit");
  }
  function listConflicts() {
    if (!conflictEdges.length) return;
    $("kg-conflict-section").hidden = false;
    var list = $("kg-conflicts"), shown = 0;
    list.replaceChildren();
    conflictEdges.forEach(function (e) {
      var on = visibleEdges[e.id] === true;
      var li = el("li", on ? null : "kg-filtered");
      var sides = e.sides || [[], []];
      function side(id, who) { return fullLabel(id) + (who.length ? " (" + who.join(", ") + ")" : ""); }
      li.appendChild(el("span", null, side(e.from, sides[0]) + " vs " + side(e.to, sides[1])));
      if (on) {
        shown++;
        var a = el("a", null, "show");
        a.href = "#";
        a.setAttribute("data-edge", String(e.id));
        a.addEventListener("click", function (ev) { ev.preventDefault(); showConflict(e); });
        li.appendChild(a);
      }
      if (e.topic) li.appendChild(el("span", "kg-topic", e.topic));
      list.appendChild(li);
    });
    $("kg-conflict-count").textContent = shown === conflictEdges.length ? "(" + shown + ")" :
      "(" + shown + " of " + conflictEdges.length + "; the others hidden by the filters)";
  }
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
    showSelection({ node: id });
    reveal([id], 0.8);  // clear of the panel on the right
    $("kg-search-status").textContent = shown.length > 1 ? (matchIndex + 1) + " of " + shown.length + " (Enter: next)" : "1 match";
  }
  $("kg-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); search(); } });
  $("kg-search").addEventListener("change", search);
  refresh();
})();
