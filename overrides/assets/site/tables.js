// Make every comparison table sortable; cells carry their number in data-sort,
// and the number plugin keeps 104.5 after 45.0.
(function () {
  function sortTables() {
    document.querySelectorAll("table.zoo-sortable").forEach(function (table) {
      if (!table.dataset.sortReady) {
        new Tablesort(table);
        table.dataset.sortReady = "1";
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(sortTables);
  } else {
    sortTables();
  }
})();
