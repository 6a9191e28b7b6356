// Entry pages: buttons that copy the entry's address and its citation. Without
// the script the citation, which ends with the address, shows as text to select;
// with it, a "Copy link" button comes first and a "Copy citation" button follows
// the citation. Each copies through the Clipboard API, or by selecting the text
// and asking the browser to copy, and a live region says what happened.
(function () {
  "use strict";

  var cite = document.getElementById("pb-cite");
  var url = cite && cite.querySelector(".citation-url");
  if (!url) return;

  // A site built without an absolute baseURL knows only its paths: read the
  // address from the browser then.
  if (!/^https?:\/\//.test(url.textContent) && /^https?:$/.test(location.protocol)) {
    url.textContent = location.href.split(/[?#]/)[0];
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

  var row = document.createElement("p");
  row.className = "share-row share-link";
  var label = document.createElement("span");
  label.className = "share-label";
  label.textContent = "Link";
  row.append(label);
  row.append(copier("Copy link", url, function () { return url.textContent; }, "Link copied"));
  var share = cite.closest(".share");
  share.prepend(row);
  cite.after(copier("Copy citation", cite, function () { return cite.textContent.replace(/\s+/g, " ").trim(); }, "Citation copied"));
  share.append(status);
})();
