// Every view of a page's tables kept in its address, so that a link to it
// shows the same rows in the same order, in either language (language.js
// carries the query over; the names below are ids, the same in both):
//   <table>.q=text          the filter box of a table (data-view: a benchmark id, or "models")
//   <table>.max.<column>=n  a budget limit (a condition id, or size)
//   <table>.on=<target>     a budget's accelerator
//   <table>.sort=<column>.asc|desc
//   m=<id>,<id>             the models picked for the compare view
// Each change is a step in the history (typing replaces its own step until
// the field is left), so Back walks through them; a step taken back or forward
// restores its view. Parameters the site does not own are left as they are.
(function () {
  var tables = Array.prototype.slice.call(document.querySelectorAll("table[data-view]"));
  var boxes = document.querySelectorAll("input.zoo-pick");
  if (!tables.length || document.querySelector(".zoo-compare")) return;
  var PICKS = "zoo-compare";  // compare.js keeps the picks in sessionStorage under this key
  var restoring = false, typing = false, sorted = {}, clicked = null;

  function view(table) { return table.dataset.view; }
  function filterOf(table) {
    var box = table.parentNode.previousElementSibling;
    return box && box.classList.contains("zoo-filter") ? box.querySelector("input") : null;
  }
  function budgetOf(table) {
    return document.querySelector('form.zoo-budget[data-view="' + view(table) + '"]');
  }
  function picks() {
    try { return JSON.parse(sessionStorage.getItem(PICKS)) || []; } catch (error) { return []; }
  }
  function ours(name) {
    return name === "m" || tables.some(function (table) { return name.indexOf(view(table) + ".") === 0; });
  }

  // --- reading the view into an address ---------------------------------------
  function address() {
    var params = new URLSearchParams(location.search);
    Array.from(params.keys()).filter(ours).forEach(function (name) { params.delete(name); });
    tables.forEach(function (table) {
      var v = view(table), filter = filterOf(table), budget = budgetOf(table);
      if (filter && filter.value.trim()) params.set(v + ".q", filter.value.trim());
      if (budget) {
        budget.querySelectorAll("input[data-column]").forEach(function (input) {
          if (input.value.trim() !== "") params.set(v + ".max." + input.dataset.column, input.value.trim());
        });
        var on = budget.querySelector("select[name=on]");
        if (on && on.value) params.set(v + ".on", on.value);
      }
      if (sorted[v]) params.set(v + ".sort", sorted[v]);
    });
    if (boxes.length && picks().length) params.set("m", picks().join(","));
    var query = params.toString().replace(/%2C/g, ",");
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function record(push) {
    if (restoring) return;
    var next = address();
    if (next !== location.pathname + location.search + location.hash) {
      history[push ? "pushState" : "replaceState"](null, "", next);
    }
  }

  // --- putting an address's view on the page ----------------------------------
  function set(field, value) {
    if (field.value === value) return;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function inOrder(table) {
    var body = table.tBodies[0];
    Array.prototype.slice.call(body.rows)
      .sort(function (a, b) { return a.dataset.order - b.dataset.order; })
      .forEach(function (row) { body.appendChild(row); });
  }

  function sortBy(table, wanted) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (head) {
      if (head.dataset.initialSort) head.setAttribute("aria-sort", head.dataset.initialSort);
      else head.removeAttribute("aria-sort");
    });
    inOrder(table);
    sorted[view(table)] = null;
    if (!wanted) return;
    var parts = wanted.split("."), direction = parts.pop() === "desc" ? "descending" : "ascending";
    var head = heads.filter(function (cell) { return cell.dataset.column === parts.join("."); })[0];
    if (!head || head.getAttribute("data-sort-method") === "none") return;
    // Tablesort turns a column's order over on each click, starting ascending.
    if (head.getAttribute("aria-sort")) head.removeAttribute("aria-sort");
    for (var i = 0; i < 2 && head.getAttribute("aria-sort") !== direction; i++) head.click();
  }

  // An address without picks keeps the session's on arrival (picks follow the
  // reader from page to page), and means none on a step back or forward.
  function restore(event) {
    restoring = true;
    var params = new URLSearchParams(location.search);
    if (boxes.length && (params.has("m") || event)) {
      sessionStorage.setItem(PICKS, JSON.stringify((params.get("m") || "").split(",").filter(Boolean)));
      document.dispatchEvent(new Event("zoo:picks"));
    }
    tables.forEach(function (table) {
      var v = view(table), filter = filterOf(table), budget = budgetOf(table);
      if (filter) set(filter, params.get(v + ".q") || "");
      if (budget) {
        budget.querySelectorAll("input[data-column]").forEach(function (input) {
          set(input, params.get(v + ".max." + input.dataset.column) || "");
        });
        var on = budget.querySelector("select[name=on]");
        if (on) set(on, params.get(v + ".on") || "");
      }
      if (table.classList.contains("zoo-sortable")) sortBy(table, params.get(v + ".sort"));
    });
    restoring = false;
  }

  // --- following the reader's changes -------------------------------------------
  tables.forEach(function (table) {
    if (!table.classList.contains("zoo-sortable")) return;
    table.tHead.querySelectorAll("th").forEach(function (head) {
      if (head.getAttribute("aria-sort")) head.dataset.initialSort = head.getAttribute("aria-sort");
    });
    ["click", "keydown"].forEach(function (type) {
      table.tHead.addEventListener(type, function (event) { clicked = event.target.closest("th"); }, true);
    });
    // Ties keep the data's order whatever the order before the click, so a
    // sort read from an address gives the very rows it was written from.
    table.addEventListener("beforeSort", function () { inOrder(table); });
    table.addEventListener("afterSort", function () {
      if (!clicked || !table.tHead.contains(clicked)) return;
      table.tHead.querySelectorAll("th").forEach(function (head) {
        if (head !== clicked) head.removeAttribute("aria-sort");
      });
      sorted[view(table)] = clicked.dataset.column + (clicked.getAttribute("aria-sort") === "descending" ? ".desc" : ".asc");
      record(true);
    });
  });
  document.addEventListener("input", function (event) {
    if (!event.target.closest(".zoo-filter, form.zoo-budget")) return;
    record(!typing);
    typing = true;
  });
  document.addEventListener("change", function (event) {
    if (!event.target.closest(".zoo-filter, form.zoo-budget, .zoo-table")) return;
    record(!typing);
    typing = false;
  });
  document.addEventListener("focusout", function () { typing = false; });
  document.addEventListener("reset", function () { setTimeout(function () { record(true); }); });
  document.addEventListener("click", function (event) {
    if (event.target.closest(".zoo-compare-bar__clear")) record(true);
  });
  window.addEventListener("popstate", restore);

  // After tables.js has made the tables sortable, which it does when the theme's document$ first emits.
  function start() {
    restore();
    record(false);
  }
  var started = false;
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { if (!started) { started = true; start(); } });
  } else start();
})();
