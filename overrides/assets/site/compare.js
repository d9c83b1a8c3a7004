// Picking models for the compare view, and the compare view itself.
// Picks live in sessionStorage, which every page of the site shares (both
// languages are one origin), so they survive moving between pages. The
// compare view reads ?m=<id>,<id> and the catalogue's open data (models.json,
// benchmarks.json), keeps the address in step with what it shows (each change
// is a step back; the language switcher carries it, language.js), and sets
// everything as text, never as markup.
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

  function indexBy(list, key) {
    var found = {};
    list.forEach(function (item) { found[item[key]] = item; });
    return found;
  }

  // The two files as one catalogue, every list looked up by its id.
  function catalogueOf(models, benchmarks) {
    return {
      models: indexBy(models.models, "model_id"), sections: indexBy(models.sections, "section_id"),
      tags: indexBy(models.tags, "tag_id"), benchmarks: indexBy(benchmarks.benchmarks, "benchmark_id"),
      datasets: indexBy(benchmarks.datasets, "dataset_id")
    };
  }

  function column(benchmark, metricId) {
    return benchmark.metrics.filter(function (metric) { return metric.metric_id === metricId; })[0];
  }

  function counted(forms, count) {
    return fill(count === 1 ? forms.one : forms.other, { count: count });
  }

  // What a name is compared as: lower case, without spaces and punctuation,
  // so that "MobileNet V2", "mobilenet-v2" and mobilenetv2 are one.
  function key(text) {
    return (text || "").toLowerCase().replace(/[\s\-_.·,()（）\/+]+/g, "");
  }

  function distance(a, b) {
    var row = [], i, j, last, next;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      last = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        next = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, last + (a[i - 1] === b[j - 1] ? 0 : 1));
        last = next;
      }
    }
    return row[b.length];
  }

  function address(ids) {
    return ids.length ? "?m=" + ids.map(encodeURIComponent).join(",") : location.pathname;
  }

  function start(catalogue, strings, lang, home) {
    var byId = catalogue.models, all = Object.keys(byId).map(function (id) { return byId[id]; });
    var output = view.querySelector(".zoo-compare__output");
    var picker = view.querySelector(".zoo-picker"), input = picker.querySelector("input");
    var list = picker.querySelector("[role=listbox]"), status = picker.querySelector("[role=status]");
    var statusForms = JSON.parse(status.dataset.forms);
    var current = [], options = [], active = -1;
    all.forEach(function (model) {
      var section = catalogue.sections[model.section_id];
      model.keys = [model.model_id, model.name.zh, model.name.en, model.full_name && model.full_name[lang]].map(key).filter(Boolean);
      model.where = section.title[lang];
    });

    // Models whose id or name (in either language) is within a few edits of
    // what was asked for, or starts it or with it; the closest first.
    function closeTo(unknown) {
      var wanted = key(unknown), found = [];
      if (!wanted) return [];
      all.forEach(function (model) {
        var score = Math.min.apply(null, model.keys.map(function (name) {
          var prefix = Math.min(name.length, wanted.length) >= 3 && (name.indexOf(wanted) === 0 || wanted.indexOf(name) === 0);
          return prefix ? 0.5 + Math.abs(name.length - wanted.length) / 100 : distance(name, wanted);
        }));
        if (score <= Math.max(1, Math.floor(wanted.length / 4))) found.push([score, model]);
      });
      found.sort(function (a, b) { return a[0] - b[0] || (a[1].name[lang] < b[1].name[lang] ? -1 : 1); });
      return found.slice(0, 3).map(function (pair) { return pair[1]; });
    }

    function go(ids) {
      history.pushState(null, "", address(ids));
      draw(ids);
    }

    function draw(asked) {
      var ids = [];
      output.textContent = "";
      asked.forEach(function (id) {
        if (byId[id]) {
          if (ids.indexOf(id) < 0) ids.push(id);
          return;
        }
        var problem = output.appendChild(element("p", fill(strings.unknown, { id: id }), { "class": "zoo-compare__problem" }));
        var close = closeTo(id);
        if (!close.length) return;
        problem.appendChild(document.createTextNode(" " + strings.suggest + " "));
        close.forEach(function (model, index) {
          // The unknown id makes way for the match, in its place.
          var instead = asked.map(function (other) { return other === id ? model.model_id : other; }).filter(function (other, at, all) {
            return byId[other] && all.indexOf(other) === at;
          });
          var choice = problem.appendChild(link(model.name[lang], address(instead)));
          choice.addEventListener("click", function (event) { event.preventDefault(); go(instead); });
          if (index < close.length - 1) problem.appendChild(document.createTextNode(", "));
        });
      });
      if (ids.length > MAX) {
        output.appendChild(element("p", strings.many, { "class": "zoo-compare__problem" }));
        ids = ids.slice(0, MAX);
      }
      current = ids;
      keep(ids);
      var models = ids.map(function (id) { return byId[id]; });
      input.disabled = ids.length >= MAX;
      input.placeholder = ids.length >= MAX ? strings.full : strings.placeholder;
      if (ids.length < 2) output.appendChild(element("p", strings.few, { "class": "zoo-compare__problem" }));
      if (ids.length) render(models);
    }

    function render(models) {
      // What is compared, each with its button to take it out.
      var chosen = output.appendChild(element("ul", null, { "class": "zoo-compare__picked", "aria-label": strings.picked }));
      models.forEach(function (model) {
        var item = chosen.appendChild(element("li", model.name[lang] + " "));
        var remove = item.appendChild(element("button", "×", {
          type: "button", "class": "zoo-compare__remove", "aria-label": fill(strings.remove, { name: model.name[lang] }) }));
        remove.addEventListener("click", function () {
          go(current.filter(function (id) { return id !== model.model_id; }));
          input.focus();
        });
      });
      var about = table([strings.model].concat(models.map(function (model) { return model.name[lang]; })));
      about.head.querySelectorAll("th").forEach(function (cell, index) {
        if (!index) return;
        cell.textContent = "";
        cell.appendChild(link(models[index - 1].name[lang], path(models[index - 1].url[lang])));
      });
      row(about.body, strings.section, models.map(function (model) {
        var section = catalogue.sections[model.section_id];
        return link(section.title[lang], path(section.url[lang]));
      }));
      row(about.body, strings.description, models.map(function (model) { return model.description ? model.description[lang] : "—"; }));
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
      output.appendChild(about.wrap);
      results(catalogue, models, strings, lang);
    }

    // The picker: an ARIA combobox over every model of the catalogue, by id
    // or by name in either language; the list is what matches, the count is
    // announced, and a choice joins the comparison.
    function choose(model) {
      input.value = "";
      suggest();
      go(current.concat(model.model_id));
      status.textContent = fill(strings.added, { name: model.name[lang] });
      if (!input.disabled) input.focus();
    }

    function mark(index) {
      active = index;
      options.forEach(function (option, at) { option.node.setAttribute("aria-selected", at === index ? "true" : "false"); });
      if (index < 0) input.removeAttribute("aria-activedescendant");
      else {
        input.setAttribute("aria-activedescendant", options[index].node.id);
        options[index].node.scrollIntoView({ block: "nearest" });
      }
    }

    function suggest() {
      var wanted = key(input.value);
      list.textContent = "";
      options = [];
      if (wanted) {
        all.forEach(function (model) {
          if (current.indexOf(model.model_id) >= 0) return;
          var at = Math.min.apply(null, model.keys.map(function (name) {
            var found = name.indexOf(wanted);
            return found < 0 ? Infinity : found;
          }));
          if (at < Infinity) options.push({ model: model, at: at });
        });
        options.sort(function (a, b) { return (a.at > 0) - (b.at > 0) || (a.model.name[lang] < b.model.name[lang] ? -1 : 1); });
        options.forEach(function (option) {
          option.node = list.appendChild(element("li", null, { role: "option", id: "zoo-pick-" + option.model.model_id, "aria-selected": "false" }));
          option.node.appendChild(element("span", option.model.name[lang]));
          option.node.appendChild(element("span", " · " + option.model.where, { "class": "zoo-picker__where" }));
          option.node.addEventListener("click", function () { choose(option.model); });
        });
        status.textContent = counted(statusForms, options.length);
      } else status.textContent = "";
      list.hidden = !options.length;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      mark(-1);
    }

    input.addEventListener("input", suggest);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options.length) return;
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark((active + step + options.length) % options.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(options[active].model);
      } else if (event.key === "Escape" && options.length) {
        input.value = "";
        suggest();
      }
    });

    picker.hidden = false;
    var asked = new URLSearchParams(location.search).get("m");
    var ids = asked === null ? picked() : asked.split(",");
    ids = ids.map(function (id) { return id.trim(); }).filter(Boolean);
    // The address names what is shown, so that it can be shared and the
    // language switcher carries it.
    if (asked === null && ids.length) history.replaceState(null, "", address(ids));
    draw(ids);
    window.addEventListener("popstate", function () {
      draw((new URLSearchParams(location.search).get("m") || "").split(",").filter(Boolean));
    });
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
    var output = view.querySelector(".zoo-compare__output"), counts = {};
    models.forEach(function (model) {
      model.results.forEach(function (result) { counts[result.benchmark_id] = (counts[result.benchmark_id] || 0) + 1; });
    });
    var shared = Object.keys(counts).filter(function (key) { return counts[key] > 1; }).sort();
    output.appendChild(element("h2", strings.shared, { id: "shared" }));
    if (!shared.length) output.appendChild(element("p", strings.none));
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
      output.appendChild(grid.wrap);
    }
    output.appendChild(element("h2", strings.others, { id: "others" }));
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
    output.appendChild(list);
  }

  if (view) {
    var load = function (address) { return fetch(address).then(function (response) { return response.json(); }); };
    Promise.all([load(view.dataset.models), load(view.dataset.benchmarks)]).then(function (files) {
      start(catalogueOf(files[0], files[1]), JSON.parse(view.dataset.strings), view.dataset.lang, view.dataset.home);
    });
  }
  show();
})();
