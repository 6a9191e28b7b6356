// Presentation pages: one slide fills the screen; the arrow keys, Page Up and
// Page Down, space (with Shift, back), Home and End move through the slides, and
// the buttons below them do too. The slide shown is in the address (#slide-3).
// Without this script the slides follow one another down the page; printed, each
// is a landscape page (the stylesheet's doing).
(function () {
  "use strict";

  var deck = document.getElementById("pb-deck");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".slide"));
  if (!slides.length) return;
  document.documentElement.classList.add("deck-live");

  var controls = document.createElement("nav");
  controls.className = "deck-controls";
  controls.setAttribute("aria-label", "Slides");
  var prev = button("Previous slide", "‹");
  var counter = document.createElement("p");
  counter.className = "deck-counter";
  counter.setAttribute("role", "status");
  var next = button("Next slide", "›");
  controls.append(prev, counter, next);
  deck.after(controls);

  var at = 0;
  var m = /^#slide-(\d+)$/.exec(location.hash);
  if (m) at = parseInt(m[1], 10) - 1;
  show(at);

  prev.addEventListener("click", function () { show(at - 1); });
  next.addEventListener("click", function () { show(at + 1); });
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var to = null;
    switch (ev.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": to = at + 1; break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": to = at - 1; break;
      case " ": to = ev.shiftKey ? at - 1 : at + 1; break;
      case "Home": to = 0; break;
      case "End": to = slides.length - 1; break;
    }
    if (to === null) return;
    if (t && t.tagName === "BUTTON" && ev.key === " ") return; // the button's own
    ev.preventDefault();
    show(to);
  });
  window.addEventListener("hashchange", function () {
    var m = /^#slide-(\d+)$/.exec(location.hash);
    if (m) show(parseInt(m[1], 10) - 1);
  });
  // Printing shows every slide, a page each.
  window.addEventListener("beforeprint", function () {
    slides.forEach(function (s) { s.hidden = false; });
  });
  window.addEventListener("afterprint", function () { show(at); });

  function show(n) {
    at = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, i) { s.hidden = i !== at; });
    counter.textContent = "Slide " + (at + 1) + " of " + slides.length;
    prev.disabled = at === 0;
    next.disabled = at === slides.length - 1;
    var hash = "#slide-" + (at + 1);
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  function button(label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button deck-button";
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }
})();
