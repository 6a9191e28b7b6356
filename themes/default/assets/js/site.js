// The theme's script. Progressive enhancement only: every page reads and works
// without it.
(function () {
  "use strict";

  // A copy of the site opened from disk (file://) does not turn a folder into its
  // index.html, so links to "…/" would show a directory listing: point them at
  // the file instead.
  function browseOffline() {
    if (location.protocol !== "file:") return;
    var local = function (url) {
      return url && !/^[a-z][a-z0-9+.-]*:/i.test(url) && url.charAt(0) !== "#" && url.slice(0, 2) !== "//";
    };
    var fix = function (url) {
      var m = url.match(/^([^?#]*)(.*)$/);
      return /\/$/.test(m[1]) ? m[1] + "index.html" + m[2] : url;
    };
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (local(href)) a.setAttribute("href", fix(href));
    });
    document.querySelectorAll("form[action]").forEach(function (f) {
      var action = f.getAttribute("action");
      if (local(action)) f.setAttribute("action", fix(action));
    });
  }

  // List pages: offer to sort the cards (they are listed newest first).
  function sortable() {
    var list = document.getElementById("pb-entries");
    var order = document.querySelector(".results-order");
    if (!list || !order || list.children.length < 2) return;
    var orders = {
      newest: function (a, b) { return cmp(b.dataset.date, a.dataset.date) || cmp(a.dataset.title, b.dataset.title); },
      oldest: function (a, b) { return cmp(a.dataset.date, b.dataset.date) || cmp(a.dataset.title, b.dataset.title); },
      title: function (a, b) { return cmp(a.dataset.title, b.dataset.title); }
    };
    var label = document.createElement("label");
    label.className = "results-order";
    label.append("Sort ");
    var select = document.createElement("select");
    [["newest", "Newest first"], ["oldest", "Oldest first"], ["title", "Title, A to Z"]].forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = o[0];
      opt.textContent = o[1];
      select.append(opt);
    });
    label.append(select);
    order.replaceWith(label);
    select.addEventListener("change", function () {
      var by = orders[select.value];
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) { return by(card(a), card(b)); });
      items.forEach(function (li) { list.append(li); });
    });
  }
  function card(li) { return li.querySelector("[data-title]") || li; }
  function cmp(a, b) { a = a || ""; b = b || ""; return a < b ? -1 : a > b ? 1 : 0; }

  // The pack: a button to print it, where printing is possible.
  function printButton() {
    var slot = document.getElementById("pb-print");
    if (!slot || typeof window.print !== "function") return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Print the pack";
    button.addEventListener("click", function () { window.print(); });
    slot.append(button);
  }

  browseOffline();
  sortable();
  printButton();
})();
