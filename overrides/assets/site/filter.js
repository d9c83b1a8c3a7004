// Filters, shown only where this script runs (the boxes start hidden).
// A table's box keeps the rows whose names or backbone contain what is typed;
// rows are hidden, not removed, so sorting keeps working and clearing the box
// restores the table. An atlas category's selects keep the entries with a
// tag or a kind of link. The count of what is shown is announced.
(function () {
  // The counter holds its text's forms for one and for other counts (1 row, 2 rows).
  function announce(counter, shown, total) {
    var forms = JSON.parse(counter.dataset.forms);
    counter.textContent = (total === 1 ? forms.one : forms.other).replace("{shown}", shown).replace("{count}", total);
  }

  document.querySelectorAll(".zoo-filter").forEach(function (box) {
    var rows = box.nextElementSibling.querySelectorAll("tbody tr");
    var input = box.querySelector("input");
    var counter = box.querySelector(".zoo-filter__count");
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (row) {
        row.hidden = wanted !== "" && row.dataset.search.indexOf(wanted) < 0;
        if (!row.hidden) shown += 1;
      });
      announce(counter, shown, rows.length);
    });
  });

  document.querySelectorAll(".zoo-entry-filter").forEach(function (box) {
    var entries = document.querySelectorAll(".zoo-entry-summary");
    var selects = box.querySelectorAll("select");
    var counter = box.querySelector(".zoo-filter__count");
    box.hidden = false;
    function apply() {
      var shown = 0;
      entries.forEach(function (entry) {
        var keep = Array.prototype.every.call(selects, function (select) {
          return !select.value || entry.dataset[select.name].split(" ").indexOf(select.value) >= 0;
        });
        // An entry is its heading and the block after it.
        entry.hidden = entry.previousElementSibling.hidden = !keep;
        if (keep) shown += 1;
      });
      announce(counter, shown, entries.length);
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
  });
})();
