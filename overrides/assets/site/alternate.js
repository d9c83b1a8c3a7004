// Material requests "sitemap.xml" next to every <link rel="alternate">, to
// map pages between languages (it expects those links to be language roots).
// Ours name the same page in each language, as search engines want, so that
// request would always miss (404 on the host, a request to the host's domain
// in a local preview). The switcher already leads to the same page, so the
// request is dropped before it is sent. Runs before Material's bundle.
(function () {
  var probes = Array.prototype.map.call(
    document.querySelectorAll("link[rel=alternate][hreflang]"),
    function (link) { return new URL("sitemap.xml", link.href).href; });
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.zooDropped = probes.indexOf(new URL(url, location.href).href) >= 0;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.zooDropped) return send.apply(this, arguments);
  };
})();
