// kg's query page: YASGUI bound to this endpoint, kg's named queries in a menu, the result cap shown.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("config").textContent);
  const $ = (id) => document.getElementById(id);
  const endpoint = new URL("query", document.baseURI).href;
  const capNote = $("cap-note");
  const notes = new Map(); // tab id -> the cap note of its last answer

  $("meta").textContent = [
    config.store,
    config.readOnly ? "read-only" : "updates allowed",
    "time limit " + config.timeout + " s",
    "at most " + config.maxResults + " results per answer",
  ].join(" · ");
  $("hint").textContent =
    "Ctrl+Enter runs · Ctrl+Space completes · the endpoint declares " +
    Object.keys(config.prefixes).map((p) => p + ":").join(" ") +
    " · the default graph is the union of all graphs · click an IRI in the results to DESCRIBE it";

  // the class and property completers ask lov.linkeddata.es: this page sends nothing off this machine
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter(
    (name) => name !== "class" && name !== "property",
  );

  // results start in the table's "Simple view" (prefixed IRIs, literals without ^^datatype or @language,
  // no row numbers); the switch above the table still turns it off, and a tab remembers the choice
  // (the stored setting is drawn over this default)
  const Table = Yasgui.Yasr.plugins.table;
  class SimpleTable extends Table {
    constructor(yasr) {
      super(yasr);
      this.persistentConfig = { compact: true, ...this.persistentConfig };
    }
  }
  Yasgui.Yasr.registerPlugin("table", SimpleTable);

  const yasgui = new Yasgui($("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST", acceptHeaderGraph: "text/turtle,*/*;q=0.9" },
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    copyEndpointOnNewTab: true,
    tabName: "Query",
    yasqe: { value: config.start },
    yasr: { prefixes: config.prefixes },
  });

  function showNote(tab) {
    capNote.textContent = (tab && notes.get(tab.getId())) || "";
  }

  const watched = new WeakSet();
  function watch(tab) {
    if (!tab || watched.has(tab)) return;
    // a tab saved by an earlier visit may name this server at another port
    if (tab.getEndpoint() !== endpoint) tab.setEndpoint(endpoint);
    const yasqe = tab.getYasqe();
    if (!yasqe) return;
    watched.add(tab);
    yasqe.on("queryBefore", () => {
      notes.delete(tab.getId());
      showNote(yasgui.getTab());
    });
    yasqe.on("queryResponse", (_yasqe, response) => {
      const headers = response && response.headers;
      if (headers && typeof headers.get === "function" && headers.get("X-Result-Truncated") === "true") {
        notes.set(
          tab.getId(),
          "This answer was cut at the endpoint's limit of " + headers.get("X-Result-Cap") +
            " results: add LIMIT and OFFSET to page through the rest, or start kg serve with a larger --max-results.",
        );
      } else {
        notes.delete(tab.getId());
      }
      showNote(yasgui.getTab());
    });
  }

  function current() {
    const tab = yasgui.getTab();
    watch(tab);
    showNote(tab);
    return tab;
  }

  function openTab(name, sparql, run) {
    yasgui.addTab(true, { name: name, yasqe: { value: sparql } }, { avoidDuplicateTabs: true });
    const tab = current();
    if (run) tab.query().catch(() => {});
    return tab;
  }

  yasgui.on("tabSelect", () => setTimeout(current, 0));
  yasgui.on("tabAdd", () => setTimeout(current, 0));
  current();

  const examples = $("examples");
  for (const q of config.queries) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.name;
    option.title = q.description;
    examples.appendChild(option);
  }
  examples.addEventListener("change", () => {
    const q = config.queries.find((x) => x.name === examples.value);
    examples.value = "";
    if (q) openTab(q.name, q.sparql, false);
  });

  function shortName(iri) {
    for (const [prefix, base] of Object.entries(config.prefixes)) {
      if (iri.startsWith(base) && iri.length > base.length) return prefix + ":" + iri.slice(base.length);
    }
    return iri;
  }

  // an IRI in the results opens a tab that DESCRIBEs it (Ctrl-, Shift- or middle-click: the browser's own)
  $("yasgui").addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest(".yasr a.iri") : null;
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      const iri = link.getAttribute("href");
      openTab(shortName(iri), "DESCRIBE <" + iri + ">", true);
    },
    true,
  );
})();
