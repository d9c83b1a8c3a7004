// Budgets on a comparison table, shown only where this script runs (the forms
// start hidden; without it the table is simply complete). A reader sets upper
// limits on cost columns and an accelerator; rows outside the budget are
// hidden by data-budget="out" (filter.js owns the hidden attribute, so a name
// filter and a budget combine), the best row within it is marked, and on a
// leaderboard the chart points of rows outside it are dimmed.
//
// A row is within the budget when every column with a limit has a number no
// larger than the limit (a missing number is outside: its cost is unknown) and,
// with an accelerator chosen, its model runs on it. The best row within the
// budget is the first of the data's order (data-order: the leaderboard's, best
// first by the lead metric) among rows that have a lead value (data-rank).
(function () {
  function columnIndex(table, key) {
    var cells = table.tHead.rows[0].cells;
    for (var i = 0; i < cells.length; i++) if (cells[i].dataset.column === key) return i;
    return -1;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  function apply(form) {
    var table = form.parentNode.querySelector('table[data-view="' + form.dataset.view + '"]');
    var limits = [];
    form.querySelectorAll("input[data-column]").forEach(function (input) {
      var limit = input.value.trim() === "" ? NaN : Number(input.value);
      if (!isNaN(limit)) limits.push({ index: columnIndex(table, input.dataset.column), limit: limit });
    });
    var select = form.querySelector("select[name=on]");
    var target = select ? select.value : "";
    var active = limits.length > 0 || target !== "";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows), kept = [], best = null;
    rows.forEach(function (row) {
      var within = limits.every(function (limit) {
        var cell = row.cells[limit.index];
        return !cell.classList.contains("zoo-missing") && Number(cell.dataset.sort) <= limit.limit;
      }) && (target === "" || row.dataset.on.split(" ").indexOf(target) >= 0);
      if (within) {
        row.removeAttribute("data-budget");
        kept.push(row);
        if (row.dataset.rank && (!best || Number(row.dataset.order) < Number(best.dataset.order))) best = row;
      } else row.dataset.budget = "out";
    });
    rows.forEach(function (row) {
      var mark = row.querySelector(".zoo-budget__mark");
      if (mark && (row !== best || !active)) mark.remove();
      if (row === best && active && !mark) {
        mark = document.createElement("span");
        mark.className = "zoo-badge zoo-budget__mark";
        mark.textContent = form.dataset.mark;
        row.cells[columnIndex(table, "model")].appendChild(mark);
      }
      if (!active) row.removeAttribute("data-budget");
    });
    document.querySelectorAll('.zoo-trade[data-view="' + form.dataset.view + '"] .zoo-trade__point').forEach(function (point) {
      var row = table.querySelector('tr[data-key="' + CSS.escape(point.dataset.key) + '"]');
      point.classList.toggle("zoo-trade__point--out", active && row.dataset.budget === "out");
    });
    var status = form.querySelector(".zoo-budget__status");
    status.textContent = !active ? "" : !kept.length ? form.dataset.none :
      fill(form.dataset.count, { shown: kept.length, total: rows.length }) +
      (best ? " " + fill(form.dataset.best, { model: best.cells[columnIndex(table, "model")].dataset.sort }) : "");
  }

  document.querySelectorAll("form.zoo-budget").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function () { apply(form); });
    form.addEventListener("change", function () { apply(form); });
    // A reset clears the fields after its event: apply once they are empty.
    form.addEventListener("reset", function () { setTimeout(function () { apply(form); }); });
    apply(form);
  });
})();
