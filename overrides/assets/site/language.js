// The language switcher leads to the same place in the other language. The
// theme's links name the same page there; this adds the query and the anchor
// the reader has now (a table's row, the compare view's picks, the tag
// index's choice), after an in-page link or a script changed them too.
// Every generated page has the same ids in both languages.
(function () {
  function carry() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      link.href = link.href.split(/[?#]/)[0] + location.search + location.hash;
    });
  }
  carry();
  window.addEventListener("hashchange", carry);
  window.addEventListener("popstate", carry);
  // history.pushState fires no event: the links are brought up to date as
  // they are about to be used, by pointer, touch or keyboard.
  ["mouseover", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest(".md-select")) carry();
    }, true);
  });
})();
