// Picking models for the compare view, and the compare view itself.
// Picks live in sessionStorage, which every page of the site shares (both
// languages are one origin), so they survive moving between pages and the
// language switcher. The compare view reads ?m=<id>,<id> and the catalogue's
// open data (models.json, benchmarks.json); it sets everything as text, never
// as markup.
(function () {
  var KEY = "zoo-compare", MAX = 4;

  function picked() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || []; } catch (error) { return []; }
  }

  function keep(ids) {
    sessionStorage.setItem(KEY, JSON.stringify(ids.slice(0, MAX)));
    show();
  }

  // Every box of a model agrees (a model can sit in several tables of a page),
  // boxes beyond the fourth pick are disabled, and the bar counts the picks.
  function show() {
    var ids = picked();
    document.querySelectorAll("input.zoo-pick").forEach(function (box) {
      box.checked = ids.indexOf(box.dataset.model) >= 0;
      box.disabled = !box.checked && ids.length >= MAX;
    });
    document.querySelectorAll(".zoo-compare-bar").forEach(function (bar) {
      var go = bar.querySelector(".zoo-compare-bar__go");
      bar.hidden = ids.length < 2;
      bar.querySelector(".zoo-compare-bar__count").textContent = ids.length;
      go.href = go.href.split("?")[0] + "?m=" + ids.map(encodeURIComponent).join(",");
    });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input.zoo-pick")) return;
    var ids = picked().filter(function (id) { return id !== box.dataset.model; });
    keep(box.checked ? ids.concat(box.dataset.model) : ids);
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".zoo-compare-bar__clear")) keep([]);
  });
  // viewstate.js wrote picks read from the address.
  document.addEventListener("zoo:picks", show);

  // --- the compare view ---------------------------------------------------
  var view = document.querySelector(".zoo-compare");

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function link(text, href) {
    return element("a", text, { href: href });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  // The open data gives full addresses; a link keeps their path, so that it
  // stays on the server that shows this page (a local preview too).
  function path(address) {
    var url = new URL(address);
    return url.pathname + url.hash;
  }

  function byId(list, key) {
    var found = {};
    list.forEach(function (item) { found[item[key]] = item; });
    return found;
  }

  // The two files as one catalogue, every list looked up by its id.
  function catalogueOf(models, benchmarks) {
    return {
      models: byId(models.models, "model_id"), sections: byId(models.sections, "section_id"),
      tags: byId(models.tags, "tag_id"), benchmarks: byId(benchmarks.benchmarks, "benchmark_id"),
      datasets: byId(benchmarks.datasets, "dataset_id")
    };
  }

  function column(benchmark, metricId) {
    return benchmark.metrics.filter(function (metric) { return metric.metric_id === metricId; })[0];
  }

  function render(catalogue, ids, strings, lang, home) {
    var models = [];
    ids.forEach(function (id) {
      if (catalogue.models[id]) models.push(catalogue.models[id]);
      else view.appendChild(element("p", fill(strings.unknown, { id: id }), { "class": "zoo-compare__problem" }));
    });
    if (models.length > MAX) {
      view.appendChild(element("p", strings.many, { "class": "zoo-compare__problem" }));
      models = models.slice(0, MAX);
    }
    keep(models.map(function (model) { return model.model_id; }));
    if (models.length < 2) {
      view.appendChild(element("p", strings.few, { "class": "zoo-compare__problem" }));
      return;
    }
    var about = table([strings.model].concat(models.map(function (model) { return model.name[lang]; })));
    about.head.querySelectorAll("th").forEach(function (cell, index) {
      if (index) { cell.textContent = ""; cell.appendChild(link(models[index - 1].name[lang], path(models[index - 1].url[lang]))); }
    });
    row(about.body, strings.section, models.map(function (model) {
      var section = catalogue.sections[model.section_id];
      return link(section.title[lang], path(section.url[lang]));
    }));
    row(about.body, strings.description, models.map(function (model) { return model.description[lang]; }));
    row(about.body, strings.links, models.map(function (model) {
      var list = element("ul", null, { "class": "zoo-links" });
      model.links.forEach(function (item) {
        var text = lang === "en" && item.gloss ? item.gloss : item.title;
        var entry = element("li");
        entry.appendChild(item.url ? link(text, item.url) : element("span", text + " " + item.address));
        entry.appendChild(document.createTextNode(" "));
        entry.appendChild(element("span", strings.kinds[item.kind] || item.kind, { "class": "zoo-badge" }));
        list.appendChild(entry);
      });
      return list;
    }));
    row(about.body, strings.tags, models.map(function (model) {
      var list = element("ul", null, { "class": "zoo-tags" });
      catalogue.sections[model.section_id].tags.forEach(function (tag) {
        var entry = element("li");
        entry.appendChild(link(catalogue.tags[tag].name[lang], home + "tags/#" + tag));
        entry.firstChild.className = "zoo-tag";
        list.appendChild(entry);
      });
      return list;
    }));
    view.appendChild(about.wrap);
    results(catalogue, models, strings, lang);
  }

  function table(headings) {
    var wrap = element("div", null, { "class": "zoo-table-wrap" });
    var node = element("table", null, { "class": "zoo-table zoo-compare__table" });
    var head = element("thead"), body = element("tbody"), top = element("tr");
    headings.forEach(function (text) { top.appendChild(element("th", text, { scope: "col" })); });
    head.appendChild(top);
    node.appendChild(head);
    node.appendChild(body);
    wrap.appendChild(node);
    return { wrap: wrap, head: head, body: body };
  }

  function row(body, heading, cells) {
    var line = element("tr");
    line.appendChild(element("th", heading, { scope: "row" }));
    cells.forEach(function (content) {
      var cell = element("td");
      if (typeof content === "string") cell.textContent = content; else cell.appendChild(content);
      line.appendChild(cell);
    });
    body.appendChild(line);
    return line;
  }

  function benchmarkName(catalogue, key, strings, lang) {
    var benchmark = catalogue.benchmarks[key];
    var name = catalogue.datasets[benchmark.dataset_id].name[lang], split = strings.split[benchmark.split];
    return split ? name + " · " + split : name;
  }

  // Benchmarks two or more of the models share go on one row per metric, the
  // best value marked; the rest are listed under each model.
  function results(catalogue, models, strings, lang) {
    var counts = {};
    models.forEach(function (model) {
      model.results.forEach(function (result) { counts[result.benchmark_id] = (counts[result.benchmark_id] || 0) + 1; });
    });
    var shared = Object.keys(counts).filter(function (key) { return counts[key] > 1; }).sort();
    view.appendChild(element("h2", strings.shared, { id: "shared" }));
    if (!shared.length) view.appendChild(element("p", strings.none));
    else {
      var grid = table([strings.benchmark].concat(models.map(function (model) { return model.name[lang]; })));
      shared.forEach(function (key) {
        catalogue.benchmarks[key].metrics.forEach(function (metric) {
          var values = models.map(function (model) {
            var result = model.results.filter(function (r) { return r.benchmark_id === key; })[0];
            return result && result.values.filter(function (v) { return v.metric_id === metric.metric_id; })[0];
          });
          var present = values.filter(Boolean).map(function (v) { return v.value; });
          var best = metric.higher_is_better ? Math.max.apply(null, present) : Math.min.apply(null, present);
          var label = benchmarkName(catalogue, key, strings, lang) + " · " + metric.name[lang] +
            (metric.symbol ? " (" + metric.symbol + ")" : "") + " " + (metric.higher_is_better ? "↑" : "↓");
          var line = row(grid.body, label, values.map(function (value) {
            if (!value) return "—";
            var cell = element("span");
            if (value.value === best) {
              cell.appendChild(element("strong", value.written));
              cell.appendChild(element("span", " ★", { title: strings.best, "class": "zoo-best__mark" }));
              cell.appendChild(element("span", " " + strings.best, { "class": "zoo-sr-only" }));
            } else cell.textContent = value.written;
            return cell;
          }));
          line.querySelectorAll("td").forEach(function (cell) { cell.className = "zoo-number"; });
        });
      });
      view.appendChild(grid.wrap);
    }
    view.appendChild(element("h2", strings.others, { id: "others" }));
    var list = element("ul", null, { "class": "zoo-compare__others" });
    models.forEach(function (model) {
      var own = model.results.filter(function (result) { return shared.indexOf(result.benchmark_id) < 0; });
      var text = own.length ? own.map(function (result) {
        var benchmark = catalogue.benchmarks[result.benchmark_id];
        return benchmarkName(catalogue, result.benchmark_id, strings, lang) + ": " + result.values.map(function (v) {
          var metric = column(benchmark, v.metric_id);
          return metric.name[lang] + " " + v.written + metric.symbol;
        }).join(", ");
      }).join("; ") : strings.none;
      var entry = element("li");
      entry.appendChild(element("strong", model.name[lang]));
      entry.appendChild(document.createTextNode(": " + text));
      list.appendChild(entry);
    });
    view.appendChild(list);
  }

  if (view) {
    var asked = new URLSearchParams(location.search).get("m");
    var ids = (asked === null ? picked() : asked.split(",")).map(function (id) { return id.trim(); }).filter(Boolean);
    // The language switcher leads to the same selection in the other language.
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (other) {
      other.href = other.href.split("?")[0] + "?m=" + ids.map(encodeURIComponent).join(",");
    });
    var load = function (address) { return fetch(address).then(function (response) { return response.json(); }); };
    Promise.all([load(view.dataset.models), load(view.dataset.benchmarks)]).then(function (files) {
      render(catalogueOf(files[0], files[1]), ids, JSON.parse(view.dataset.strings), view.dataset.lang, view.dataset.home);
    });
  }
  show();
})();
