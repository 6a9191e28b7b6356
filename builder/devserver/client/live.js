// Playbook's dev server adds this script to every page it serves (never to a
// published site). It listens to the server's build events:
//
//   hello   on connecting: the current build and its errors. A page that was
//           served by another build (the server restarted, or a build finished
//           between loading the page and connecting) reloads.
//   reload  pages changed: reload this one if it is among them (or all must),
//           keeping the scroll position; else swap the stylesheets that changed.
//   css     only stylesheets changed: swap them without reloading.
//   errors  nothing changed; show the errors, or hide them if there are none.
//
// The errors show in an overlay whose styles come from overlay.css, in a shadow
// root so that the site's styles and the overlay's leave each other alone. No
// inline script or style anywhere: the pages run under a strict CSP.
(function () {
  "use strict";

  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var scrollKey = "playbook-scroll:" + location.pathname + location.search;

  // The page's own file in the build: "insights/x/index.html".
  function ownFile() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.slice(-1) === "/") p += "index.html";
    return p;
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {
      return;
    }
    if (saved === null) return;
    var y = Number(saved);
    // "instant": a theme's smooth scrolling would animate from the top.
    var go = function () { window.scrollTo({ top: y, left: 0, behavior: "instant" }); };
    go();
    if (document.readyState !== "complete") window.addEventListener("load", go, { once: true });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
    } catch (e) { /* private mode: reload at the top */ }
    location.reload();
  }

  // swapCSS replaces each changed stylesheet with a fresh copy, removing the old
  // one when the new one has loaded so that the page never shows unstyled.
  function swapCSS(changed) {
    var links = Array.prototype.filter.call(document.querySelectorAll('link[rel~="stylesheet"]'), function (link) {
      return !link.playbookReplaced && new URL(link.href, location.href).origin === location.origin;
    });
    var matching = links.filter(function (link) {
      return (changed || []).indexOf(new URL(link.href, location.href).pathname.replace(/^\/+/, "")) >= 0;
    });
    if (matching.length === 0) matching = links; // imported by another, perhaps
    var stamp = String(Date.now());
    matching.forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.searchParams.set("playbook", stamp);
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      link.playbookReplaced = true;
      var done = function () { link.remove(); };
      fresh.addEventListener("load", done, { once: true });
      fresh.addEventListener("error", done, { once: true });
      link.after(fresh);
    });
  }

  var overlay = null;

  function showErrors(errors) {
    if (!errors || errors.length === 0) {
      if (overlay) overlay.remove();
      overlay = null;
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "playbook-overlay";
      overlay.hidden = true; // until its stylesheet is in
      var root = overlay.attachShadow({ mode: "open" });
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/__playbook/overlay.css";
      var host = overlay;
      var shown = function () { host.hidden = false; };
      css.addEventListener("load", shown, { once: true });
      css.addEventListener("error", shown, { once: true });
      root.appendChild(css);
      root.appendChild(document.createElement("section"));
      document.body.appendChild(overlay);
    }
    var section = overlay.shadowRoot.querySelector("section");
    section.setAttribute("role", "alert");
    section.setAttribute("aria-labelledby", "playbook-overlay-title");
    section.replaceChildren();

    var head = document.createElement("header");
    var title = document.createElement("h2");
    title.id = "playbook-overlay-title";
    title.textContent = errors.length === 1 ? "The build has an error" : "The build has " + errors.length + " errors";
    var hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    hide.addEventListener("click", function () { overlay.hidden = true; });
    head.append(title, hide);

    var list = document.createElement("ol");
    errors.forEach(function (e) {
      var item = document.createElement("li");
      var pos = document.createElement("code");
      pos.textContent = e.pos;
      var msg = document.createElement("span");
      msg.textContent = e.message;
      item.append(pos, msg);
      list.appendChild(item);
    });

    var note = document.createElement("p");
    note.textContent = "The page shows what could be built. Fix the files and save: this goes away by itself.";
    section.append(head, list, note);
    if (overlay.shadowRoot.querySelector("link").sheet) overlay.hidden = false;
  }

  function parse(e) {
    try {
      return JSON.parse(e.data);
    } catch (err) {
      return null;
    }
  }

  var source = null;

  function connect() {
    source = new EventSource("/__playbook/events");
    source.addEventListener("hello", function (e) {
      var m = parse(e);
      if (!m) return;
      if (build && m.build !== build) {
        reload();
        return;
      }
      build = m.build;
      showErrors(m.errors);
    });
    source.addEventListener("reload", function (e) {
      var m = parse(e);
      if (!m) return;
      if (m.all || (m.changed || []).indexOf(ownFile()) >= 0) {
        reload();
        return;
      }
      build = m.build;
      if (m.css && m.css.length) swapCSS(m.css);
      showErrors(m.errors);
    });
    source.addEventListener("css", function (e) {
      var m = parse(e);
      if (!m) return;
      build = m.build;
      swapCSS(m.css);
      showErrors(m.errors);
    });
    source.addEventListener("errors", function (e) {
      var m = parse(e);
      if (!m) return;
      build = m.build;
      showErrors(m.errors);
    });
    source.addEventListener("error", function () {
      // EventSource retries by itself while the server restarts; it gives up
      // only on an answer that is not an event stream. Try again later then.
      if (source && source.readyState === EventSource.CLOSED) {
        source = null;
        setTimeout(function () {
          if (visible() && !source) connect();
        }, 1000);
      }
    });
  }

  function disconnect() {
    if (source) source.close();
    source = null;
  }

  function visible() {
    return document.visibilityState !== "hidden";
  }

  restoreScroll();
  if (visible()) connect();
  // Only visible pages keep a stream open: a browser opens six connections at
  // most to one server, and each stream holds one, so a seventh tab would hang.
  // A page that comes back reconnects, and reloads if a build happened meanwhile.
  document.addEventListener("visibilitychange", function () {
    if (!visible()) disconnect();
    else if (!source) connect();
  });
  // Leaving the page frees its connection; coming back from the back-forward
  // cache reconnects.
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function (e) {
    if (e.persisted && visible() && !source) connect();
  });
})();
