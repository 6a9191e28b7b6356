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
  printButton();
})();
