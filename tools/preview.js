// make serve only: reload this page as soon as its own language has been rebuilt.
(function () {
  var script = document.currentScript;
  var lang = script.dataset.lang;
  var epoch = Number(script.dataset.epoch);
  function wait() {
    fetch("/__preview/wait?lang=" + lang + "&since=" + epoch)
      .then(function (response) { return response.text(); })
      .then(function (latest) { if (Number(latest) > epoch) location.reload(); else wait(); })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
