// The tag index: tags chosen in its two selects show the pages that carry
// them all. The pages come from the index's own lists, so nothing is fetched,
// and they are copied as they are. The choice is kept in the address
// (?tags=a,b): it can be shared, and each change is a step back.
(function () {
  var box = document.querySelector(".zoo-tag-combine");
  if (!box) return;
  var selects = box.querySelectorAll("select"), counter = box.querySelector("[role=status]");
  var shown = box.querySelector(".zoo-tag-combine__pages"), forms = JSON.parse(counter.dataset.forms);

  function chosen() {
    return Array.prototype.map.call(selects, function (select) { return select.value; }).filter(Boolean);
  }

  function pages(tag) {
    return Array.prototype.slice.call(document.querySelector(".zoo-tag-members[data-tag='" + tag + "']").children);
  }

  function target(item) {
    return item.querySelector("a").getAttribute("href");
  }

  function apply() {
    var tags = chosen(), found = [];
    if (tags.length) {
      var others = tags.slice(1).map(function (tag) { return pages(tag).map(target); });
      found = pages(tags[0]).filter(function (item) {
        return others.every(function (hrefs) { return hrefs.indexOf(target(item)) >= 0; });
      });
    }
    shown.textContent = "";
    found.forEach(function (item) { shown.appendChild(item.cloneNode(true)); });
    counter.textContent = tags.length ? (found.length === 1 ? forms.one : forms.other).replace("{count}", found.length) : "";
  }

  // A tag the address names that the index does not have is left out.
  function fromAddress() {
    var tags = (new URLSearchParams(location.search).get("tags") || "").split(",");
    selects.forEach(function (select, index) {
      select.value = tags[index] || "";
      if (select.selectedIndex < 0) select.value = "";
    });
    apply();
  }

  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      var tags = chosen();
      history.pushState(null, "", tags.length ? "?tags=" + tags.map(encodeURIComponent).join(",") : location.pathname);
      apply();
    });
  });
  window.addEventListener("popstate", fromAddress);
  box.hidden = false;
  fromAddress();
})();
