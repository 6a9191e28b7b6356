// Live filters on a type's list page. Without the script, each facet value is a
// link to a page of its own and the list shows every entry. With it, the values
// become checkboxes that filter the cards in place: values of one facet widen the
// list (any of them), facets narrow it (all of them). Each value counts the cards
// it would show, given the other facets' choices. The choices and the order (the
// sort menu site.js adds) live in the URL: ?kind=broken,surprising&customer=x&sort=title.
(function () {
  "use strict";

  var nav = document.querySelector("nav.filters");
  var list = document.getElementById("pb-entries");
  if (!nav || !list) return;

  var items = Array.prototype.slice.call(list.children);
  var facets = []; // {name, title, details, values: [{slug, box, count, li}]}
  var selected = {}; // facet name → {slug: true}

  Array.prototype.forEach.call(nav.querySelectorAll("details.facet"), function (details) {
    var name = "";
    details.classList.forEach(function (c) {
      if (c.indexOf("facet-") === 0) name = c.slice(6);
    });
    if (!name) return;
    var summary = details.querySelector("summary");
    var title = summary ? summary.firstChild.textContent.trim() : name;
    var ul = details.querySelector("ul");
    var facet = { name: name, title: title, details: details, values: [] };
    ul.setAttribute("aria-label", title);
    Array.prototype.forEach.call(ul.querySelectorAll("li > a"), function (a) {
      var slug = valueOf(a.getAttribute("href"));
      if (!slug) return;
      var label = document.createElement("label");
      label.className = "facet-option";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = slug;
      label.append(box, " ");
      var text = a.querySelector(".facet-name");
      var count = a.querySelector(".count");
      label.append(text, " ", count);
      a.replaceWith(label);
      box.addEventListener("change", function () {
        selected[name] = selected[name] || {};
        if (box.checked) selected[name][slug] = true;
        else delete selected[name][slug];
        apply(true);
      });
      facet.values.push({ slug: slug, box: box, count: count, label: label });
    });
    facets.push(facet);
  });
  if (!facets.length) return;

  // The last segment of a facet value's page: "../by-kind/broken/" → "broken".
  function valueOf(href) {
    var path = (href || "").split(/[?#]/)[0].replace(/index\.html$/, "").replace(/\/+$/, "");
    try {
      return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
    } catch (e) {
      return "";
    }
  }

  // What each card has of each facet.
  var cards = items.map(function (li) {
    var card = li.querySelector("[data-type]") || li;
    var has = {};
    facets.forEach(function (f) {
      has[f.name] = {};
      (card.getAttribute("data-" + f.name) || "").split(" ").forEach(function (v) {
        if (v) has[f.name][v] = true;
      });
    });
    return { li: li, has: has };
  });

  // The heading that counts the cards, a way to clear the choices, and a live
  // region that says how many cards show.
  var heading = document.getElementById("pb-results");
  var headingText = heading ? heading.textContent : "";
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
    facets.forEach(function (f) { f.values.forEach(function (v) { v.box.checked = false; }); });
    apply(true);
    var first = facets[0].values[0];
    if (first) first.box.focus();
  });
  bar.append(clear);
  nav.querySelector("h2").after(bar);
  var empty = document.createElement("p");
  empty.className = "filters-empty callout";
  empty.hidden = true;
  list.after(empty);

  var noun = (document.body.className.match(/\bt-([a-z]+)/) || [])[1] || "entry";
  var nouns = { insight: "insights", analogy: "analogies", experience: "experiences", session: "sessions", page: "pages" };

  function chosen(name) {
    var s = selected[name];
    return s && Object.keys(s).length ? s : null;
  }

  // apply shows the cards that match every facet, counts what each value would
  // show, and writes the choices into the URL.
  function apply(write) {
    var counts = {};
    facets.forEach(function (f) { counts[f.name] = {}; });
    var shown = 0;
    cards.forEach(function (c) {
      var failed = null, fails = 0;
      facets.forEach(function (f) {
        var want = chosen(f.name);
        if (!want) return;
        for (var v in want) if (c.has[f.name][v]) return;
        fails++;
        failed = f.name;
      });
      c.li.hidden = fails > 0;
      if (!fails) shown++;
      // A card counts for a value when it matches every other facet.
      facets.forEach(function (f) {
        if (fails === 0 || (fails === 1 && failed === f.name)) {
          for (var v in c.has[f.name]) counts[f.name][v] = (counts[f.name][v] || 0) + 1;
        }
      });
    });
    var any = false;
    facets.forEach(function (f) {
      var want = chosen(f.name);
      if (want) {
        any = true;
        f.details.open = true;
      }
      f.values.forEach(function (v) {
        var n = counts[f.name][v.slug] || 0;
        v.count.textContent = String(n);
        v.label.classList.toggle("is-empty", n === 0 && !v.box.checked);
      });
    });
    var total = cards.length;
    var many = nouns[noun] || noun + "s";
    if (heading) heading.textContent = any ? shown + " of " + total + " " + (total === 1 ? noun : many) : headingText;
    bar.hidden = !any;
    empty.hidden = !any || shown > 0;
    empty.textContent = "No " + many + " match these filters.";
    if (write) {
      status.textContent = any ? (shown === 1 ? "1 " + noun : shown + " " + many) + " shown" : "All " + total + " " + many + " shown";
      writeURL();
    }
  }

  function writeURL() {
    var u = new URL(location.href);
    facets.forEach(function (f) {
      var want = chosen(f.name);
      if (want) u.searchParams.set(f.name, Object.keys(want).join(","));
      else u.searchParams.delete(f.name);
    });
    var sort = document.querySelector(".results-order select");
    if (sort && sort.selectedIndex > 0) u.searchParams.set("sort", sort.value);
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
      f.values.forEach(function (v) {
        if (slug && v.slug === slug) {
          v.box.checked = true;
          selected[f.name] = selected[f.name] || {};
          selected[f.name][slug] = true;
        }
      });
    });
  });
  var sort = document.querySelector(".results-order select");
  if (sort) {
    var by = params.get("sort");
    if (by && sort.querySelector('option[value="' + by.replace(/[^a-z]/g, "") + '"]')) {
      sort.value = by;
      sort.dispatchEvent(new Event("change"));
    }
    sort.addEventListener("change", writeURL);
  }
  nav.classList.add("filters-live");
  apply(false);
})();
