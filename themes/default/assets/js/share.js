// Entry pages: buttons that copy the entry's address and its citation. Without
// the script both show as text to select; with it, a button beside each copies
// it (through the Clipboard API, or by selecting it and asking the browser to
// copy), and a live region says what happened.
(function () {
  "use strict";

  var field = document.getElementById("pb-share-url");
  var cite = document.getElementById("pb-cite");
  if (!field) return;

  // A site built without an absolute baseURL knows only its paths: read the
  // address from the browser then.
  if (!/^https?:\/\//.test(field.value) && /^https?:$/.test(location.protocol)) {
    var here = location.href.split(/[?#]/)[0];
    field.value = here;
    var u = cite && cite.querySelector(".citation-url");
    if (u) u.textContent = here;
  }

  var status = document.createElement("span");
  status.className = "share-status";
  status.setAttribute("role", "status");
  var timer;
  function say(text) {
    clearTimeout(timer);
    status.textContent = text;
    timer = setTimeout(function () { status.textContent = ""; }, 4000);
  }

  // select selects what the button copies, for the fallback and for Ctrl+C.
  function select(target) {
    if (target.select) {
      target.focus();
      target.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(target);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copier(label, target, text, done) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "share-copy";
    button.textContent = label;
    button.addEventListener("click", function () {
      var value = text();
      var fallback = function () {
        select(target);
        var ok = false;
        try {
          ok = document.execCommand("copy");
        } catch (e) {
          ok = false;
        }
        say(ok ? done : "Selected: press Ctrl+C (or ⌘C) to copy");
        button.focus();
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).then(function () { say(done); }, fallback);
      } else {
        fallback();
      }
    });
    return button;
  }

  field.after(copier("Copy link", field, function () { return field.value; }, "Link copied"));
  if (cite) {
    cite.after(copier("Copy citation", cite, function () { return cite.textContent.replace(/\s+/g, " ").trim(); }, "Citation copied"));
  }
  field.closest(".share").append(status);
  field.addEventListener("focus", function () { field.select(); });
})();
