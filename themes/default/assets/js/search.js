// Search, in the browser, over the index the build writes to search/data/ (see
// builder/search.go for its format). The header's search box shows the best
// results as you type; the search page shows them all, grouped by type. Parts of
// the index load as scripts when a search needs them, which works from file:// as
// well as over HTTP, and asks nothing of any other site.
(function (global) {
  "use strict";

  // Weights of a match, by where the term is and whether the word is the whole
  // term or its beginning: titles first, then summaries and fields, then bodies.
  var WEIGHTS = [[12, 9], [5, 4], [2, 1]];
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = {};
  for (var i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;
  var LETTER = /[\p{L}\p{N}]/u;
  var MARK = /\p{Mn}/u;

  // Engine answers queries. load(name) resolves to the data of one part of the
  // index: "meta", "a:qu", "b:que", "d:12".
  function Engine(load) {
    this.load = load;
    this.loaded = {}; // name → data
    this.pending = {}; // name → promise of data
    this.meta = null;
  }

  Engine.prototype.part = function (name) {
    var self = this;
    if (name in this.loaded) return Promise.resolve(this.loaded[name]);
    if (!this.pending[name]) {
      this.pending[name] = this.load(name).then(function (data) {
        self.loaded[name] = data;
        delete self.pending[name];
        return data;
      }, function (err) {
        delete self.pending[name]; // try again next time
        throw err;
      });
    }
    return this.pending[name];
  };

  Engine.prototype.ready = function () {
    var self = this;
    return this.part("meta").then(function (meta) {
      if (!self.meta) {
        self.meta = meta;
        self.a = set(meta.a);
        self.b = set(meta.b);
        self.stop = set(meta.stop);
      }
      return self;
    });
  };

  function set(words) {
    var s = {};
    (words ? words.split(" ") : []).forEach(function (w) { s[w] = true; });
    return s;
  }

  // foldChar folds one character as the build does: lower case, then the folding
  // table; combining marks disappear.
  Engine.prototype.foldChar = function (ch) {
    var out = "";
    var lower = ch.toLowerCase();
    for (var i = 0; i < lower.length; i++) {
      var c = lower[i];
      var code = c.charCodeAt(0);
      if (code >= 0xd800 && code < 0xdc00 && i + 1 < lower.length) c = lower.slice(i, ++i + 1);
      if (MARK.test(c)) continue;
      out += (this.meta && this.meta.fold[c]) || c;
    }
    return out;
  };

  // words splits a query into folded terms, as the build splits text; stop words
  // are dropped when other words remain, duplicates and words of one character always.
  Engine.prototype.words = function (q) {
    var words = [], word = "", len = 0, self = this;
    var flush = function () {
      if (len > 1 && words.indexOf(word) < 0) words.push(word);
      word = "";
      len = 0;
    };
    Array.from(q || "").forEach(function (ch) {
      if (LETTER.test(ch)) {
        var f = self.foldChar(ch);
        word += f;
        len += Array.from(f).length;
      } else if (!MARK.test(ch)) {
        flush();
      }
    });
    flush();
    var content = words.filter(function (w) { return !self.stop[w]; });
    return content.length ? content : words;
  };

  function prefix(w, n) { return Array.from(w).slice(0, n).join(""); }

  // search ranks the documents that match every word of q. It resolves to
  // {words, ids (best first), scores, byType (counts, by type number)}.
  Engine.prototype.search = function (q) {
    var self = this;
    return this.ready().then(function () {
      var words = self.words(q);
      var wanted = [];
      words.forEach(function (w) {
        var two = prefix(w, 2), three = prefix(w, 3);
        if (self.a[two]) wanted.push("a:" + two);
        if (three !== two && self.b[three]) wanted.push("b:" + three);
      });
      return Promise.all(wanted.map(function (n) { return self.part(n); })).then(function () {
        return self.rank(words);
      });
    });
  };

  // rank scores documents with the shards already loaded. For each word a
  // document counts the best place it has a term starting with the word.
  Engine.prototype.rank = function (words) {
    var n = this.meta.n, self = this;
    var result = { words: words, ids: [], scores: null, byType: [] };
    if (!words.length) return result;
    var total = new Uint16Array(n), matched = new Uint8Array(n), best = new Uint8Array(n);
    words.forEach(function (w, k) {
      best.fill(0);
      var two = prefix(w, 2), three = prefix(w, 3);
      var a = self.loaded["a:" + two];
      var b = three !== two && self.loaded["b:" + three];
      [a, b].forEach(function (shard, which) {
        if (!shard) return;
        for (var term in shard) {
          if (term.lastIndexOf(w, 0) !== 0) continue;
          var exact = term === w ? 0 : 1;
          var lists = shard[term];
          for (var c = 0; c < lists.length; c++) {
            var cls = which === 1 ? 2 : c;
            mark(lists[c], best, WEIGHTS[cls][exact]);
          }
        }
      });
      for (var d = 0; d < n; d++) {
        if (best[d] && matched[d] === k) {
          matched[d]++;
          total[d] += best[d];
        }
      }
    });
    var ids = [], k = words.length, types = this.meta.doc;
    for (var d = 0; d < n; d++) {
      if (matched[d] === k) {
        ids.push(d);
        var t = types.charCodeAt(d) - 48;
        result.byType[t] = (result.byType[t] || 0) + 1;
      }
    }
    ids.sort(function (x, y) { return total[y] - total[x] || x - y; });
    result.ids = ids;
    result.scores = total;
    return result;
  };

  // mark decodes a list of documents (see appendPostings in builder/search.go) and
  // raises each one's best weight to w.
  function mark(code, best, w) {
    var prev = -1, v = 0, shift = 0;
    for (var i = 0; i < code.length; i++) {
      var digit = DIGIT[code.charCodeAt(i)];
      if (digit >= 32) {
        v += (digit - 32) * Math.pow(2, shift);
        shift += 5;
        continue;
      }
      prev += v + digit * Math.pow(2, shift) + 1;
      if (best[prev] < w) best[prev] = w;
      v = 0;
      shift = 0;
    }
  }

  // docs resolves to the records of documents: {id, type, title, slug, date,
  // summary, facts: [[label, text]...]}.
  Engine.prototype.docs = function (ids) {
    var self = this, size = this.meta.chunk;
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / size)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return self.part("d:" + c); })).then(function () {
      return ids.map(function (id) {
        var r = self.loaded["d:" + Math.floor(id / size)][id % size];
        var facts = [];
        for (var i = 0; i + 1 < r[4].length; i += 2) facts.push([r[4][i], r[4][i + 1]]);
        return { id: id, type: self.meta.types[self.meta.doc.charCodeAt(id) - 48], title: r[0], slug: r[1], date: r[2], summary: r[3], facts: facts };
      });
    });
  };

  // loadedDocs reports whether the records of ids are loaded already.
  Engine.prototype.loadedDocs = function (ids) {
    var size = this.meta.chunk, loaded = this.loaded;
    return ids.every(function (id) { return ("d:" + Math.floor(id / size)) in loaded; });
  };

  // marks finds where the words begin words of text: [[start, end]...] in text,
  // sorted and merged, for <mark>.
  Engine.prototype.marks = function (text, words) {
    var folded = "", starts = [], ends = [], self = this;
    var chars = Array.from(text || ""), pos = 0, prevLetter = false, wordStart = [];
    chars.forEach(function (ch) {
      var letter = LETTER.test(ch) || MARK.test(ch);
      var f = letter ? self.foldChar(ch) : " ";
      if (letter && !prevLetter) wordStart[folded.length] = true;
      prevLetter = letter;
      for (var i = 0; i < f.length; i++) {
        starts.push(pos);
        ends.push(pos + ch.length);
      }
      if (!f.length && ends.length) ends[ends.length - 1] = pos + ch.length; // a mark joins the letter before
      folded += f;
      pos += ch.length;
    });
    var ranges = [];
    words.forEach(function (w) {
      var at = folded.indexOf(w);
      while (at >= 0) {
        if (wordStart[at]) ranges.push([starts[at], ends[at + w.length - 1]]);
        at = folded.indexOf(w, at + 1);
      }
    });
    ranges.sort(function (x, y) { return x[0] - y[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  };

  global.PlaybookSearchEngine = Engine;
  if (typeof module === "object" && module.exports) module.exports = Engine;
  if (typeof document === "undefined") return;

  // ---- In the page ----

  var script = document.currentScript;
  var root = new URL((script && script.getAttribute("data-root")) || "/", location.href);
  var offline = location.protocol === "file:";
  var waiting = {};

  // Parts of the index are scripts that call PlaybookSearch.add(name, data).
  global.PlaybookSearch = {
    add: function (name, data) {
      if (waiting[name]) waiting[name].data = data;
    }
  };

  function load(name) {
    var m = name.match(/^(?:(a|b|d):)?(.*)$/);
    var path = m[1] ? m[1] + "/" + (m[1] === "d" ? m[2] : fileName(m[2])) : m[2];
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      waiting[name] = {};
      s.src = new URL("search/data/" + path + ".js", root).href;
      s.async = true;
      s.onload = function () {
        var w = waiting[name];
        delete waiting[name];
        s.remove();
        if (w && w.data !== undefined) resolve(w.data);
        else reject(new Error("search index: " + path + " registered nothing"));
      };
      s.onerror = function () {
        delete waiting[name];
        s.remove();
        reject(new Error("search index: cannot load " + path));
      };
      document.head.appendChild(s);
    });
  }

  // fileName names a shard's file as shardFile in builder/search.go does.
  function fileName(prefix) {
    return Array.from(prefix).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  var engine = new Engine(load);

  function url(doc) {
    var u = new URL(doc.type.name + "/" + doc.slug + "/", root).href;
    return offline ? u + "index.html" : u;
  }

  function searchPage(q) {
    var u = new URL("search/" + (offline ? "index.html" : ""), root);
    if (q) u.search = "?q=" + encodeURIComponent(q);
    return u.href;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // highlight appends text to parent with the words marked.
  function highlight(parent, text, words) {
    var at = 0;
    engine.marks(text, words).forEach(function (r) {
      if (r[0] > at) parent.append(text.slice(at, r[0]));
      parent.append(el("mark", null, text.slice(r[0], r[1])));
      at = r[1];
    });
    if (at < text.length) parent.append(text.slice(at));
    return parent;
  }

  function hasMatch(text, words) { return engine.marks(text, words).length > 0; }

  // snippet: the summary, marked, and the fields that match.
  function snippet(doc, words, parent, maxFacts) {
    if (doc.summary) parent.append(highlight(el("span", "hit-summary"), doc.summary, words));
    var facts = doc.facts.filter(function (f) { return hasMatch(f[1], words); }).slice(0, maxFacts);
    facts.forEach(function (f) {
      var p = el("span", "hit-fact");
      p.append(el("span", "hit-label", f[0] + ": "));
      parent.append(highlight(p, f[1], words));
    });
    if (!hasMatch(doc.title + " " + doc.summary, words) && !facts.length) {
      parent.append(el("span", "hit-fact hit-body", "Found in the text"));
    }
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // A live region for announcements, made once the page has loaded.
  function announcer() {
    var p = el("p", "visually-hidden");
    p.setAttribute("role", "status");
    document.body.append(p);
    var timer;
    return function (text) {
      clearTimeout(timer);
      timer = setTimeout(function () { p.textContent = text; }, 400);
    };
  }

  // ---- The header's box: a combobox with the best results. ----

  function combobox(input, announce) {
    var form = input.form;
    var list = el("ul", "search-suggest");
    var id = input.id + "-list";
    list.id = id;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    list.hidden = true;
    form.append(list);
    form.classList.add("has-suggest");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-keyshortcuts", "/");

    var options = [], active = -1, seq = 0, timer;

    function open(yes) {
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) select(-1);
    }
    function select(i) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function go(i) {
      var o = options[i];
      if (o) location.href = o.getAttribute("data-href");
    }
    function option(href, cls) {
      var li = el("li", cls);
      li.id = id + "-" + options.length;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", href);
      options.push(li);
      return li;
    }

    function update() {
      var q = input.value, mine = ++seq;
      engine.search(q).then(function (res) {
        if (mine !== seq) return;
        var top = res.ids.slice(0, 7);
        return engine.docs(top).then(function (docs) {
          if (mine !== seq) return;
          list.textContent = "";
          options = [];
          active = -1;
          input.removeAttribute("aria-activedescendant");
          if (!res.words.length) {
            open(false);
            return;
          }
          docs.forEach(function (doc) {
            var li = option(url(doc), "suggest-hit t-" + doc.type.singular);
            var head = el("span", "suggest-title");
            head.append(el("span", "suggest-type", doc.type.one));
            head.append(highlight(el("span", "suggest-name"), doc.title, res.words));
            li.append(head);
            var more = el("span", "suggest-snippet");
            snippet(doc, res.words, more, 1);
            li.append(more);
            list.append(li);
          });
          var all = option(searchPage(q), "suggest-all");
          all.textContent = res.ids.length ? (res.ids.length > top.length ? "See all " + res.ids.length + " results" : "Show on the search page") : "No results for “" + q.trim() + "”";
          list.append(all);
          open(document.activeElement === input);
          announce(res.ids.length ? plural(res.ids.length, "result", "results") + (docs.length < res.ids.length ? ", the best " + docs.length + " listed" : "") : "No results");
        });
      }).catch(function (err) {
        if (mine === seq) {
          list.textContent = "";
          options = [];
          list.append(el("li", "suggest-error", "Search is not available: " + err.message));
          open(true);
        }
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 60);
    });
    input.addEventListener("focus", function () {
      engine.ready().catch(function () {});
      if (input.value && options.length) open(true);
    });
    input.addEventListener("keydown", function (e) {
      var n = options.length;
      switch (e.key) {
        case "ArrowDown":
          if (!n) return;
          e.preventDefault();
          if (list.hidden) open(true);
          select((active + 1) % n);
          break;
        case "ArrowUp":
          if (!n) return;
          e.preventDefault();
          if (list.hidden) open(true);
          select(active <= 0 ? n - 1 : active - 1);
          break;
        case "Enter":
          if (!list.hidden && active >= 0) {
            e.preventDefault();
            go(active);
          }
          break;
        case "Escape":
          if (!list.hidden) {
            e.preventDefault();
            open(false);
          }
          break;
      }
    });
    // Enter on a chosen result opens it rather than the search page.
    form.addEventListener("submit", function (e) {
      if (!list.hidden && active >= 0) {
        e.preventDefault();
        go(active);
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the focus in the box
    list.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      if (li) go(options.indexOf(li));
    });
    input.addEventListener("blur", function () { open(false); });
    // The dev server, or a browser going back, may restore a typed value.
    if (input.value) update();
  }

  // ---- The search page ----

  var FIRST = 10, MORE = 20, PAUSE = 250;

  function page(input, status, results) {
    var seq = 0, timer, last = null;
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    input.setAttribute("aria-controls", results.id);
    input.setAttribute("aria-keyshortcuts", "/");

    // run searches for what the box holds. While one types (settle false), the
    // records of results not loaded yet wait for a pause in the typing, so that
    // words on their way do not download results nobody reads.
    function run(push, settle) {
      var q = input.value, mine = ++seq;
      if (push) {
        var u = new URL(location.href);
        if (q.trim()) u.searchParams.set("q", q);
        else u.searchParams.delete("q");
        try {
          history.replaceState(null, "", u.href);
        } catch (e) {
          // A page opened from disk may not change its address.
        }
      }
      var t0 = performance.now();
      engine.search(q).then(function (res) {
        if (mine !== seq) return;
        last = res;
        if (!res.words.length) {
          results.textContent = "";
          status.textContent = q.trim() ? "Type at least two letters to search." : "";
          return;
        }
        var meta = engine.meta, groups = [];
        meta.types.forEach(function (type, t) {
          if (res.byType[t]) groups.push({ t: t, type: type, ids: [] });
        });
        var byType = {};
        groups.forEach(function (g) { byType[g.t] = g; });
        res.ids.forEach(function (id) { byType[meta.doc.charCodeAt(id) - 48].ids.push(id); });
        var first = [];
        groups.forEach(function (g) { first = first.concat(g.ids.slice(0, FIRST)); });
        var wait = settle || engine.loadedDocs(first) ? 0 : PAUSE;
        return new Promise(function (resolve) { setTimeout(resolve, wait); }).then(function () {
          return mine === seq ? engine.docs(first) : null;
        }).then(function (docs) {
          if (!docs || mine !== seq) return;
          var byID = {};
          docs.forEach(function (d) { byID[d.id] = d; });
          results.textContent = "";
          groups.forEach(function (g) { results.append(group(g, byID, res.words)); });
          var parts = groups.map(function (g) { return plural(g.ids.length, g.type.one.toLowerCase(), g.type.title.toLowerCase()); });
          status.textContent = res.ids.length
            ? plural(res.ids.length, "result", "results") + " for “" + q.trim() + "”: " + parts.join(", ") + "."
            : "No results for “" + q.trim() + "”. Try fewer or shorter words, or browse below.";
          results.setAttribute("data-ms", String(Math.round(performance.now() - t0)));
        });
      }).catch(function (err) {
        if (mine === seq) status.textContent = "Search is not available: " + err.message;
      });
    }

    function group(g, byID, words) {
      var sec = el("section", "search-group t-" + g.type.singular);
      var h = el("h2", "search-group-title");
      h.id = "search-" + g.type.name;
      h.append(g.type.title + " ");
      h.append(el("span", "count", String(g.ids.length)));
      sec.setAttribute("aria-labelledby", h.id);
      sec.append(h);
      var ol = el("ol", "search-hits");
      sec.append(ol);
      var shown = 0;
      function add(docs) {
        docs.forEach(function (doc) { ol.append(hit(doc, words)); });
        shown += docs.length;
      }
      add(g.ids.slice(0, FIRST).map(function (id) { return byID[id]; }));
      if (g.ids.length > shown) {
        var more = el("button", "button search-more");
        more.type = "button";
        var label = function () {
          more.textContent = "Show " + Math.min(MORE, g.ids.length - shown) + " more " + g.type.title.toLowerCase();
        };
        label();
        more.addEventListener("click", function () {
          var next = g.ids.slice(shown, shown + MORE);
          more.disabled = true;
          engine.docs(next).then(function (docs) {
            var firstNew = ol.children.length;
            add(docs);
            more.disabled = false;
            if (shown >= g.ids.length) more.remove();
            else label();
            var link = ol.children[firstNew] && ol.children[firstNew].querySelector("a");
            if (link) link.focus();
          });
        });
        sec.append(more);
      }
      return sec;
    }

    function hit(doc, words) {
      var li = el("li", "search-hit");
      var h = el("h3", "search-hit-title");
      var a = el("a");
      a.href = url(doc);
      highlight(a, doc.title, words);
      h.append(a);
      li.append(h);
      var p = el("p", "search-hit-snippet");
      snippet(doc, words, p, 2);
      li.append(p);
      return li;
    }

    input.form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(true, true);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(true, false); }, 120);
    });
    // Arrow keys move from the box through the results' links and back.
    function links() { return Array.prototype.slice.call(results.querySelectorAll(".search-hit-title a")); }
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var l = links();
        if (l.length) {
          e.preventDefault();
          l[0].focus();
        }
      }
    });
    results.addEventListener("keydown", function (e) {
      var l = links(), i = l.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < l.length) {
        e.preventDefault();
        l[i + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        (i > 0 ? l[i - 1] : input).focus();
      } else if (e.key === "Escape") {
        e.preventDefault();
        input.focus();
      }
    });
    if (q) run(false, true);
    return { run: run, last: function () { return last; } };
  }

  function start() {
    var announce = announcer();
    var header = document.getElementById("site-search-q");
    var main = document.getElementById("search-q");
    var status = document.getElementById("search-status");
    var results = document.getElementById("search-results");
    if (header) combobox(header, announce);
    if (main && status && results) page(main, status, results);
    // "/" focuses the search box, unless one is typing somewhere.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      var box = main || header;
      if (!box) return;
      e.preventDefault();
      box.focus();
      box.select();
    });
  }

  global.PlaybookSearch.engine = engine;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
