// The editing forms' own script, run after Decap CMS (decap-cms.js) has loaded
// and before it starts: previews of an entry's page in the site's stylesheet, a
// widget for group sizes, and saving without the values an author emptied.
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var me = document.currentScript;

  // A type's folder holds its introduction, _index.md, beside the entries: the
  // entries' forms must not list it. Decap filters a collection only by a field's
  // value, so every backend's listing leaves it out instead.
  var intro = /(^|\/)_index\.md$/;
  function withoutIntros(list) {
    return Promise.resolve(list).then(function (entries) {
      return entries.filter(function (e) { return !(e && e.file && intro.test(e.file.path)); });
    });
  }
  ["proxy", "git-gateway", "github", "gitlab", "gitea", "bitbucket", "azure", "test-repo"].forEach(function (name) {
    var backend = CMS.getBackend(name);
    if (!backend) {
      return;
    }
    var init = backend.init;
    backend.init = function () {
      var b = init.apply(this, arguments);
      ["entriesByFolder", "allEntriesByFolder"].forEach(function (method) {
        if (typeof b[method] === "function") {
          var list = b[method].bind(b);
          b[method] = function () { return withoutIntros(list.apply(null, arguments)); };
        }
      });
      return b;
    };
  });

  var style = me && me.getAttribute("data-preview-style");
  if (style) {
    CMS.registerPreviewStyle(style);
  }

  // The preview: the entry as its page begins, in the site's own classes, with
  // the title and summary at the head, every field filled in under its label,
  // and the text.
  var singular = { insights: "insight", analogies: "analogy", experiences: "experience", sessions: "session", pages: "page" };
  // shown is a field's value as the preview shows it: words, numbers, dates and
  // lists of them as text (long items as a list), a group size as 6-12; lists of items (evidence,
  // moments, actions...) as Decap shows them.
  function shown(p, name, v) {
    if (isList(v)) {
      if (v.some(isMap)) {
        return p.widgetFor(name);
      }
      if (v.some(function (x) { return String(x).length > 40; })) {
        return h("ul", null, v.map(function (x, i) { return h("li", { key: i }, String(x)); }).toArray());
      }
      return v.join(", ");
    }
    if (isMap(v)) {
      return name === "group" ? groupText(v) : p.widgetFor(name);
    }
    return String(v);
  }
  var Preview = createClass({
    render: function () {
      var p = this.props;
      var data = p.entry.get("data");
      var kind = singular[p.collection.get("name")] || "page";
      var facts = [];
      p.collection.get("fields").forEach(function (f) {
        var name = f.get("name");
        if (name === "title" || name === "summary" || name === "body" || empty(data.get(name))) {
          return;
        }
        facts.push(h("div", { key: name }, h("dt", null, f.get("label")), h("dd", null, shown(p, name, data.get(name)))));
      });
      var summary = data.get("summary");
      return h("article", { className: "entry t-" + kind },
        h("header", { className: "entry-header" },
          h("div", { className: "wrap" },
            h("p", { className: "entry-kicker" }, h("span", { className: "badge badge-type t-" + kind }, p.collection.get("label_singular"))),
            h("h1", null, data.get("title") || "Untitled"),
            summary ? h("p", { className: "lead" }, summary) : null)),
        h("div", { className: "wrap" },
          facts.length ? h("section", { className: "facts" }, h("h2", null, "At a glance"), h("dl", null, facts)) : null,
          h("div", { className: "prose" }, p.widgetFor("body"))));
    },
  });
  Object.keys(singular).forEach(function (name) {
    CMS.registerPreviewTemplate(name, Preview);
  });

  // Immutable.js values, as Decap keeps entries: a List has push, a Map does not.
  function isList(v) {
    return v !== null && typeof v === "object" && typeof v.get === "function" && typeof v.push === "function";
  }
  function isMap(v) {
    return v !== null && typeof v === "object" && typeof v.get === "function" && typeof v.set === "function" && !isList(v);
  }
  function empty(v) {
    return v === undefined || v === null || v === "" || ((isList(v) || isMap(v)) && v.size === 0);
  }

  // clean leaves out what the author emptied, in lists of maps too: a form keeps a
  // cleared field as "" (or null), which the build reads as a value and refuses
  // for a date, a number, a duration or a choice. Left out, it is simply not given.
  function clean(v) {
    if (isMap(v)) {
      return v.map(clean).filter(function (x) { return !empty(x); });
    }
    if (isList(v)) {
      return v.map(clean).filter(function (x) { return !empty(x); });
    }
    return v;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (e) {
      return clean(e.entry.get("data"));
    },
  });

  // groupText shows a group size as the author may write it: 12, "6-12", or a
  // map {min, max}, shown as "6-12".
  function groupText(v) {
    if (v === undefined || v === null) {
      return "";
    }
    if (isMap(v)) {
      var lo = v.get("min"), hi = v.get("max");
      if (lo && hi) {
        return lo === hi ? String(lo) : lo + "-" + hi;
      }
      return lo ? lo + "-" : hi ? "1-" + hi : "";
    }
    return String(v);
  }

  // A group size: a text field that reads every spelling the build takes and
  // writes a number or a range. A value left untouched is saved as it was.
  var GroupControl = createClass({
    isValid: function () {
      var v = this.props.value;
      if (typeof v !== "string" || v === "") {
        return true;
      }
      var m = v.match(/^\s*\+?0*([1-9]\d*)\s*(?:-\s*([+-]?\d+)\s*)?$/);
      var pattern = this.props.field.get("group_pattern");
      if (!m || (pattern && !new RegExp(pattern).test(v))) {
        return { error: { message: "Group size: a number (12) or a range (6-12)." } };
      }
      if (m[2] !== undefined && Number(m[2]) !== 0 && Number(m[1]) > Number(m[2])) {
        return { error: { message: "Group size: the first number is above the second." } };
      }
      return true;
    },
    render: function () {
      var p = this.props;
      return h("input", {
        type: "text",
        id: p.forID,
        className: p.classNameWrapper,
        value: groupText(p.value),
        onChange: function (e) {
          var s = e.target.value;
          p.onChange(/^\s*\d+\s*$/.test(s) ? Number(s) : s);
        },
        onFocus: p.setActiveStyle,
        onBlur: p.setInactiveStyle,
      });
    },
  });
  CMS.registerWidget("playbook-group", GroupControl);
})();
