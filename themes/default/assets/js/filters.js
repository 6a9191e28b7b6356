// Live filters on a type's list page. Without the script, the list shows a page
// of cards at a time, and each facet value is a link to a page of its own. With
// it, the values become checkboxes that filter every entry of the type, not only
// the cards of this page: the build writes each list's facets as compact data
// (search/data/filter-<type>.js), and the cards of what matches are drawn from
// the search index's records as they are needed. Values of one facet widen the
// list (any of them), facets narrow it (all of them). Each value counts the
// entries it would show, given the other facets' choices. The choices and the
// order live in the URL: ?kind=broken,surprising&customer=x&sort=title.
(function () {
  "use strict";

  var nav = document.querySelector("nav.filters[data-filter]");
  var list = document.getElementById("pb-entries");
  var search = window.PlaybookSearch;
  if (!nav || !list || !search || !search.engine) return;
  var engine = search.engine;
  var type = nav.getAttribute("data-filter");
  var STEP = 24; // cards shown at a time, as a page of the list has
  var FIRST = 8; // values of a facet shown before "Show all"
  var SCREEN = 6; // cards drawn before the rest: the first rows on a wide screen, more than a phone shows

  var rootScript = document.querySelector("script[data-root]");
  var root = new URL((rootScript && rootScript.getAttribute("data-root")) || "/", location.href);
  var offline = location.protocol === "file:";

  Promise.all([engine.ready(), engine.part("filter-" + type)]).then(function (r) {
    start(r[1], r[0].meta.chunk);
  }, function () {
    // Without the data the page keeps its links: nothing is lost.
  });

  function start(data, chunk) {
    var n = data.n;
    var facets = data.facets.map(function (f) {
      var has = f.has.split(",").map(function (s) {
        return s ? s.split(".").map(function (d) { return parseInt(d, 36); }) : [];
      });
      return { name: f.name, title: f.title, values: f.values, has: has, ordered: f.ordered, boxes: [] };
    });
    var selected = {}; // facet name → {value index: true}
    var sort = "newest";
    var shown = STEP;

    // The results: the page's own cards, or the script's.
    var results = list.closest(".results");
    var pager = results.querySelector(".pager");
    var heading = document.getElementById("pb-results");
    var headingText = heading ? heading.textContent : "";
    var live = document.createElement("ul");
    live.className = "cards live-results";
    live.id = "pb-live";
    live.hidden = true;
    list.after(live);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "button live-more";
    more.hidden = true;
    more.addEventListener("click", function () {
      shown += STEP;
      draw(false);
    });
    live.after(more);
    var empty = document.createElement("p");
    empty.className = "filters-empty callout";
    empty.hidden = true;
    more.after(empty);
    var template = document.getElementById("pb-card");

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    nav.append(status);
    var bar = document.createElement("p");
    bar.className = "filters-active";
    bar.hidden = true;
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "filters-clear";
    clear.textContent = "Clear filters";
    clear.addEventListener("click", function () {
      selected = {};
      facets.forEach(function (f) { f.boxes.forEach(function (b) { b.box.checked = false; }); });
      shown = STEP;
      apply(true);
      var first = facets[0] && facets[0].boxes[0];
      if (first) first.box.focus();
    });
    bar.append(clear);
    nav.querySelector("h2").after(bar);

    var noun = (document.body.className.match(/\bt-([a-z]+)/) || [])[1] || "entry";
    var nouns = { insight: "insights", analogy: "analogies", experience: "experiences", session: "sessions", page: "pages" };
    var many = nouns[noun] || noun + "s";

    // Each facet's links become checkboxes over every value: the first few, and
    // the others behind "Show all".
    facets.forEach(function (f) {
      var details = nav.querySelector("details.facet-" + f.name);
      if (!details) return;
      f.details = details;
      var ul = details.querySelector("ul");
      ul.textContent = "";
      ul.setAttribute("aria-label", f.title);
      var all = details.querySelector(".facet-all");
      if (all) all.remove();
      var totals = f.values.map(function () { return 0; });
      f.has.forEach(function (vs) { vs.forEach(function (v) { totals[v]++; }); });
      var order = f.values.map(function (_, i) { return i; });
      if (!f.ordered) order.sort(function (a, b) { return totals[b] - totals[a] || a - b; });
      var rest = document.createElement("ul");
      rest.className = "facet-all-values";
      rest.setAttribute("aria-label", f.title + ": every value");
      order.forEach(function (vi, k) {
        var label = document.createElement("label");
        label.className = "facet-option";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = f.name;
        box.value = f.values[vi][0];
        var name = document.createElement("span");
        name.className = "facet-name";
        name.textContent = words(f.values[vi][1]);
        var count = document.createElement("span");
        count.className = "count";
        label.append(box, " ", name, " ", count);
        var li = document.createElement("li");
        li.append(label);
        (k < FIRST || order.length <= FIRST + 2 ? ul : rest).append(li);
        // A press comes a tenth of a second before the change: long enough to
        // fetch the records of the first cards the choice will show.
        label.addEventListener("pointerdown", function () { prefetch(f, vi, !box.checked); });
        box.addEventListener("keydown", function (ev) { if (ev.key === " ") prefetch(f, vi, !box.checked); });
        box.addEventListener("change", function () {
          selected[f.name] = selected[f.name] || {};
          if (box.checked) selected[f.name][vi] = true;
          else delete selected[f.name][vi];
          shown = STEP;
          apply(true);
        });
        f.boxes.push({ index: vi, box: box, count: count, label: label, li: li });
      });
      if (!rest.children.length) return;
      rest.hidden = true;
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "facet-more";
      toggle.setAttribute("aria-expanded", "false");
      toggle.textContent = "Show all " + f.values.length;
      var find;
      if (rest.children.length > 20) {
        find = document.createElement("label");
        find.className = "facet-find";
        var input = document.createElement("input");
        input.type = "search";
        input.placeholder = "Find a " + f.title.toLowerCase();
        input.setAttribute("aria-label", "Find a value of " + f.title);
        find.append(input);
        find.hidden = true;
        input.addEventListener("input", function () {
          var q = input.value.trim().toLowerCase();
          Array.prototype.forEach.call(rest.children, function (li) {
            li.hidden = q !== "" && li.textContent.toLowerCase().indexOf(q) < 0;
          });
        });
      }
      toggle.addEventListener("click", function () {
        var open = rest.hidden;
        rest.hidden = !open;
        if (find) find.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        toggle.textContent = open ? "Show fewer" : "Show all " + f.values.length;
      });
      ul.after(toggle);
      if (find) toggle.after(find);
      (find || toggle).after(rest);
    });
    nav.classList.add("filters-live");

    // The order: newest first as the list is, oldest first, or by title.
    var select = document.createElement("select");
    [["newest", "Newest first"], ["oldest", "Oldest first"], ["title", "Title, A to Z"]].forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o[0];
      opt.textContent = o[1];
      select.append(opt);
    });
    var order = results.querySelector(".results-order");
    if (order) {
      var label = document.createElement("label");
      label.className = "results-order";
      label.append("Sort ", select);
      order.replaceWith(label);
    }
    select.addEventListener("change", function () {
      sort = select.value;
      shown = STEP;
      apply(true);
    });

    function words(s) {
      var special = { "act-out": "Act out", "set-aside": "Set aside", "in-person": "In person" };
      return special[s] || s.charAt(0).toUpperCase() + s.slice(1);
    }

    function chosen(f) {
      var s = selected[f.name];
      return s && Object.keys(s).length ? s : null;
    }

    var matches = [];

    // has says whether entry i has one of the values w (value index → true) of
    // facet fi.
    function has(fi, i, w) {
      var vs = facets[fi].has[i];
      for (var k = 0; k < vs.length; k++) if (w[vs[k]]) return true;
      return false;
    }

    // partOf names the part of the search index that holds entry i's record.
    function partOf(i) { return "d:" + Math.floor(data.docs[i] / chunk); }

    // prefetch loads the records of the first cards that value vi of facet f
    // would show, were it on (or off), with the other choices as they are.
    function prefetch(f, vi, on) {
      var want = facets.map(function (g) {
        var s = {};
        for (var k in selected[g.name] || {}) s[k] = true;
        if (g === f) { if (on) s[vi] = true; else delete s[vi]; }
        return Object.keys(s).length ? s : null;
      });
      // With no choice left, the list shows its own page of cards again.
      if (sort === "newest" && want.every(function (w) { return !w; })) return;
      var hits = [];
      for (var j = 0; j < n; j++) {
        var i = sort === "oldest" ? n - 1 - j : j;
        if (want.every(function (w, fi) { return !w || has(fi, i, w); })) hits.push(i);
        if (sort !== "title" && hits.length === SCREEN) break;
      }
      if (sort === "title") hits = hits.sort(function (a, b) { return data.title[a] - data.title[b]; }).slice(0, SCREEN);
      hits.forEach(function (i) { engine.part(partOf(i)).catch(function () {}); });
    }

    // apply finds the entries that match every facet, counts what each value
    // would show, shows them, and writes the choices into the URL.
    function apply(write) {
      var counts = facets.map(function (f) { return f.values.map(function () { return 0; }); });
      var want = facets.map(chosen);
      matches = [];
      for (var i = 0; i < n; i++) {
        var failed = -1, fails = 0;
        for (var fi = 0; fi < facets.length; fi++) {
          var w = want[fi];
          if (!w) continue;
          if (!has(fi, i, w)) { fails++; failed = fi; }
        }
        if (!fails) matches.push(i);
        // An entry counts for a value when it matches every other facet.
        for (fi = 0; fi < facets.length; fi++) {
          if (fails === 0 || (fails === 1 && failed === fi)) {
            var hv = facets[fi].has[i];
            for (var k = 0; k < hv.length; k++) counts[fi][hv[k]]++;
          }
        }
      }
      if (sort === "oldest") matches.reverse();
      else if (sort === "title") matches.sort(function (a, b) { return data.title[a] - data.title[b]; });
      var any = false;
      facets.forEach(function (f, fi) {
        if (want[fi]) {
          any = true;
          if (f.details) f.details.open = true;
        }
        f.boxes.forEach(function (b) {
          var c = counts[fi][b.index];
          b.count.textContent = String(c);
          b.label.classList.toggle("is-empty", c === 0 && !b.box.checked);
        });
      });
      var filtered = any || sort !== "newest";
      if (heading) heading.textContent = any ? matches.length + " of " + n + " " + (n === 1 ? noun : many) : headingText;
      bar.hidden = !any;
      list.hidden = filtered;
      if (pager) pager.hidden = filtered;
      live.hidden = !filtered;
      empty.hidden = !filtered || matches.length > 0;
      empty.textContent = "No " + many + " match these filters.";
      if (filtered) draw(true);
      else more.hidden = true;
      if (write) {
        status.textContent = any ? (matches.length === 1 ? "1 " + noun : matches.length + " " + many) + " match" : "All " + n + " " + many;
        writeURL();
      }
    }

    // draw shows the first matches as cards; their records load as needed, a
    // screen's worth first, so that the first cards do not wait for the others'.
    var drawing = 0;
    function draw(fresh) {
      var ticket = ++drawing;
      var want = matches.slice(0, shown);
      var first = Math.min(want.length, (fresh ? 0 : live.children.length) + SCREEN);
      upTo(first).then(function () {
        if (ticket === drawing && first < want.length) return upTo(want.length);
      });
      function upTo(k) {
        var parts = {};
        want.slice(0, k).forEach(function (i) { parts[partOf(i)] = true; });
        return Promise.all(Object.keys(parts).map(function (p) { return engine.part(p); })).then(function () {
          if (ticket !== drawing) return; // a later choice won
          if (fresh) live.textContent = "";
          fresh = false;
          for (var j = live.children.length; j < k; j++) live.append(card(want[j]));
          more.hidden = matches.length <= shown;
          more.textContent = "Show " + Math.min(STEP, matches.length - shown) + " more";
        });
      }
    }

    function card(i) {
      var doc = data.docs[i];
      var rec = engine.loaded[partOf(i)][doc % chunk];
      var li = document.createElement("li");
      var node = template.content.firstElementChild.cloneNode(true);
      var a = node.querySelector(".card-title a");
      a.textContent = rec[0];
      var href = new URL(type + "/" + rec[1] + "/", root).href;
      a.href = offline ? href + "index.html" : href;
      var summary = node.querySelector(".card-summary");
      if (rec[3]) summary.textContent = rec[3];
      else summary.remove();
      var facts = [];
      for (var k = 0; k + 1 < rec[4].length; k += 2) {
        if (rec[4][k] !== "By" && rec[4][k] !== "Tags") facts.push(rec[4][k + 1]);
      }
      node.querySelector(".card-facts").textContent = facts.join(" · ");
      li.append(node);
      return li;
    }

    function writeURL() {
      var u = new URL(location.href);
      facets.forEach(function (f) {
        var w = chosen(f);
        if (w) u.searchParams.set(f.name, Object.keys(w).map(function (v) { return f.values[v][0]; }).join(","));
        else u.searchParams.delete(f.name);
      });
      if (sort !== "newest") u.searchParams.set("sort", sort);
      else u.searchParams.delete("sort");
      try {
        history.replaceState(history.state, "", u.href);
      } catch (e) {
        // A page opened from disk may not change its address.
      }
    }

    // Restore a view from the URL.
    var params = new URLSearchParams(location.search);
    facets.forEach(function (f) {
      params.getAll(f.name).join(",").split(",").forEach(function (slug) {
        f.boxes.forEach(function (b) {
          if (slug && f.values[b.index][0] === slug) {
            b.box.checked = true;
            selected[f.name] = selected[f.name] || {};
            selected[f.name][b.index] = true;
          }
        });
      });
    });
    var by = params.get("sort");
    if (by === "oldest" || by === "title") {
      sort = by;
      select.value = by;
    }
    apply(false);
  }
})();
