// Search, in the browser, over the index the build writes to search/data/ (see
// builder/search/index.go for its format). The header's search box shows the best
// results as you type; the search page shows them all, grouped by type. Parts of
// the index load as scripts when a search needs them, which works from file:// as
// well as over HTTP, and asks nothing of any other site.
(function (global) {
  "use strict";

  // Weights of a match, by where the term is (titles first, then summaries and
  // fields, then bodies) and how the word matches it: the whole term, its
  // beginning, or, for a word that begins no term, a term one or two edits away.
  var WEIGHTS = [[12, 9, 7, 6], [5, 4, 3, 2], [2, 1, 1, 1]];
  var NEAR = 12; // terms a word with a typo may stand for, at most
  var MAX_TYPO = 42; // characters: terms have 40 at most (searchMaxTerm)
  var NUMBER = /\p{N}/u;
  var HAS = Object.prototype.hasOwnProperty;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = {};
  for (var i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;
  var LETTER = /[\p{L}\p{N}]/u;
  var MARK = /\p{Mn}/u;

  // Engine answers queries. load(name) resolves to the data of one part of the
  // index: "meta", "a:qu", "b:que", "d:12", "v:7".
  function Engine(load) {
    this.load = load;
    this.loaded = {}; // name → data
    this.pending = {}; // name → promise of data
    this.vocab = {}; // length → the terms of v:length, read
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
        self.v = set(meta.v);
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

  // shards are the loaded shards that can hold terms beginning with w: its a/
  // shard, then its b/ one, each with the prefix its terms are written without.
  Engine.prototype.shards = function (w) {
    var two = prefix(w, 2), three = prefix(w, 3), out = [];
    var a = this.loaded["a:" + two], b = three !== two && this.loaded["b:" + three];
    if (a) out.push({ terms: a, prefix: two, body: false });
    if (b) out.push({ terms: b, prefix: three, body: true });
    return out;
  };

  // need loads the shards of words.
  Engine.prototype.need = function (words) {
    var self = this, wanted = [];
    words.forEach(function (w) {
      var two = prefix(w, 2), three = prefix(w, 3);
      if (self.a[two]) wanted.push("a:" + two);
      if (three !== two && self.b[three]) wanted.push("b:" + three);
    });
    return Promise.all(wanted.map(function (n) { return self.part(n); }));
  };

  // begins tells whether a term begins with w, once its shards are loaded.
  Engine.prototype.begins = function (w) {
    return this.shards(w).some(function (s) {
      var rest = w.slice(s.prefix.length);
      for (var t in s.terms) if (t.lastIndexOf(rest, 0) === 0) return true;
      return false;
    });
  };

  // search ranks the documents that match every word of q. A word of four
  // characters or more that begins no term matches the terms it may be a typo
  // of (near). It resolves to {words, ids (best first), scores, byType (counts,
  // by type number), near: for each word, null or the terms it matched, closest
  // first, terms: all those terms}.
  Engine.prototype.search = function (q) {
    var self = this;
    return this.ready().then(function () {
      var words = self.words(q);
      return self.need(words).then(function () {
        return Promise.all(words.map(function (w) {
          return self.begins(w) || !typo(w) ? null : self.near(w);
        }));
      }).then(function (near) {
        return self.rank(words, near);
      });
    });
  };

  // typo tells whether a word that begins no term may have a typo: four
  // characters or more, not too long to be near a term, no digits.
  function typo(w) {
    var n = Array.from(w).length;
    return n >= 4 && n <= MAX_TYPO && !NUMBER.test(w);
  }

  // near resolves to the terms one edit away from w (a character added, left
  // out, changed, or two side by side swapped), or two for words of eight
  // characters or more: [{term, edits}], closest first, then those that begin
  // with the same character, at most NEAR; their shards loaded. It reads the
  // vocabulary's files of the lengths that can be that close, not the documents.
  Engine.prototype.near = function (w) {
    var self = this, word = codePoints(w), n = word.length, max = n >= 8 ? 2 : 1, lengths = [];
    for (var l = n - max; l <= n + max; l++) if (this.v[l]) lengths.push(l);
    return Promise.all(lengths.map(function (l) { return self.terms(l); })).then(function (lists) {
      var found = [];
      lists.forEach(function (list, k) {
        var l = lengths[k];
        for (var at = 0; at < list.length; at += l) {
          var d = edits(word, list, at, l, max);
          if (d <= max) found.push({ term: String.fromCodePoint.apply(null, list.subarray(at, at + l)), edits: d, other: list[at] === word[0] ? 0 : 1 });
        }
      });
      found.sort(function (x, y) {
        return x.edits - y.edits || x.other - y.other || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0);
      });
      found = found.slice(0, NEAR).map(function (f) { return { term: f.term, edits: f.edits }; });
      return self.need(found.map(function (f) { return f.term; })).then(function () { return found; });
    });
  };

  // terms resolves to the vocabulary's terms of a length, read from v:length
  // (see writeVocab in builder/search/encode.go), as their code points end to
  // end: term i is [i×length, (i+1)×length).
  Engine.prototype.terms = function (length) {
    var self = this;
    if (this.vocab[length]) return Promise.resolve(this.vocab[length]);
    return this.part("v:" + length).then(function (text) {
      var cp = new Int32Array(Math.ceil(text.length / 2) * length), n = 0; // a term takes two characters or more
      for (var i = 0; i < text.length;) {
        var shared = DIGIT[text.charCodeAt(i++)];
        for (var j = 0; j < shared; j++) cp[n + j] = cp[n - length + j];
        for (j = shared; j < length; j++) {
          var c = text.codePointAt(i);
          cp[n + j] = c;
          i += c > 0xffff ? 2 : 1;
        }
        n += length;
      }
      self.vocab[length] = cp.subarray(0, n);
      return self.vocab[length];
    });
  };

  function codePoints(s) {
    return Array.from(s, function (c) { return c.codePointAt(0); });
  }

  // edits is the Damerau-Levenshtein distance between the code points a and the
  // m code points of b from at, as optimal string alignment (a swap of two
  // characters side by side is one edit), or max+1 once it is sure to be more.
  var ROWS = [new Int32Array(MAX_TYPO + 3), new Int32Array(MAX_TYPO + 3), new Int32Array(MAX_TYPO + 3)];
  function edits(a, b, at, m, max) {
    var n = a.length, over = max + 1;
    if (Math.abs(n - m) > max) return over;
    // Rows of the table, of which only the cells at most max from the diagonal
    // count: the others are more than max, and the cells around the band say so.
    var before = ROWS[0], prev = ROWS[1], cur = ROWS[2];
    for (var j = 0; j <= m && j <= over; j++) prev[j] = j;
    for (var i = 1; i <= n; i++) {
      var ai = a[i - 1], lo = i > max ? i - max : 1, hi = i + max < m ? i + max : m, low = over;
      cur[0] = i;
      cur[lo - 1] = lo === 1 ? i : over;
      for (j = lo; j <= hi; j++) {
        var bj = b[at + j - 1];
        var d = prev[j - 1] + (ai === bj ? 0 : 1);
        if (prev[j] + 1 < d) d = prev[j] + 1;
        if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
        if (i > 1 && j > 1 && ai === b[at + j - 2] && a[i - 2] === bj && before[j - 2] + 1 < d) d = before[j - 2] + 1;
        cur[j] = d;
        if (d < low) low = d;
      }
      if (hi < m) cur[hi + 1] = over;
      if (low > max) return over;
      var t = before;
      before = prev;
      prev = cur;
      cur = t;
    }
    return prev[m] > over ? over : prev[m];
  }

  // rank scores documents with the shards already loaded. For each word a
  // document counts the best place it has a term starting with the word, or one
  // of the terms near the word stands for.
  Engine.prototype.rank = function (words, near) {
    var n = this.meta.n, self = this;
    near = near || [];
    var result = { words: words, ids: [], scores: null, byType: [], near: [], terms: [] };
    if (!words.length) return result;
    var total = new Uint16Array(n), matched = new Uint8Array(n), best = new Uint8Array(n);
    words.forEach(function (w, k) {
      best.fill(0);
      result.near[k] = near[k] ? near[k].map(function (f) { return f.term; }) : null;
      if (near[k]) {
        near[k].forEach(function (f) {
          result.terms.push(f.term);
          self.shards(f.term).forEach(function (s) {
            var rest = f.term.slice(s.prefix.length);
            if (HAS.call(s.terms, rest)) markAll(s.terms[rest], s.body, best, 1 + f.edits);
          });
        });
      } else {
        self.shards(w).forEach(function (s) {
          var rest = w.slice(s.prefix.length);
          for (var t in s.terms) {
            if (t.lastIndexOf(rest, 0) === 0) markAll(s.terms[t], s.body, best, t === rest ? 0 : 1);
          }
        });
      }
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

  // markAll marks the documents of a term: in b/ one list, of bodies; in a/ the
  // lists of titles, fields and bodies. how is the column of WEIGHTS.
  function markAll(lists, body, best, how) {
    if (body) {
      mark(lists, best, WEIGHTS[2][how]);
      return;
    }
    for (var c = 0; c < lists.length; c++) mark(lists[c], best, WEIGHTS[c][how]);
  }

  // mark decodes a list of documents (see appendPostings in
  // builder/search/encode.go) and raises each one's best weight to w.
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

  // marks finds where the words begin words of text, and where the terms are
  // whole words of it: [[start, end]...] in text, sorted and merged, for <mark>.
  Engine.prototype.marks = function (text, words, terms) {
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
    var find = function (w, whole) {
      var at = folded.indexOf(w);
      while (at >= 0) {
        var end = at + w.length;
        if (wordStart[at] && (!whole || end === folded.length || folded[end] === " ")) ranges.push([starts[at], ends[end - 1]]);
        at = folded.indexOf(w, at + 1);
      }
    };
    words.forEach(function (w) { find(w, false); });
    (terms || []).forEach(function (t) { find(t, true); });
    ranges.sort(function (x, y) { return x[0] - y[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  };

  Engine.edits = edits; // for tests
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
    var m = name.match(/^(?:(a|b|d|v):)?(.*)$/);
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

  // highlight appends text to parent with what a result res matched marked.
  function highlight(parent, text, res) {
    var at = 0;
    engine.marks(text, res.words, res.terms).forEach(function (r) {
      if (r[0] > at) parent.append(text.slice(at, r[0]));
      parent.append(el("mark", null, text.slice(r[0], r[1])));
      at = r[1];
    });
    if (at < text.length) parent.append(text.slice(at));
    return parent;
  }

  function hasMatch(text, res) { return engine.marks(text, res.words, res.terms).length > 0; }

  // snippet: the summary, marked, and the fields that match.
  function snippet(doc, res, parent, maxFacts) {
    if (doc.summary) parent.append(highlight(el("span", "hit-summary"), doc.summary, res));
    var facts = doc.facts.filter(function (f) { return hasMatch(f[1], res); }).slice(0, maxFacts);
    facts.forEach(function (f) {
      var p = el("span", "hit-fact");
      p.append(el("span", "hit-label", f[0] + ": "));
      parent.append(highlight(p, f[1], res));
    });
    if (!hasMatch(doc.title + " " + doc.summary, res) && !facts.length) {
      parent.append(el("span", "hit-fact hit-body", "Found in the text"));
    }
  }

  // meant is what a result was found for: the words, each typo in place of
  // the term closest to it, or "" when every word was found as it is.
  function meant(res) {
    if (!res.near.some(function (n) { return n && n.length; })) return "";
    return res.words.map(function (w, k) { return res.near[k] ? res.near[k][0] || w : w; }).join(" ");
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

  // Each result is a link with the role of an option, so that it opens in a new
  // tab, middle-clicks and copies as any link does, while the focus stays in the
  // box and the arrow keys choose (aria-activedescendant).
  function combobox(input, announce) {
    var form = input.form;
    var list = el("div", "search-suggest");
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
      if (o) location.href = o.href;
    }
    function option(href, cls) {
      var a = el("a", "suggest-option " + cls);
      a.href = href;
      a.id = id + "-" + options.length;
      a.tabIndex = -1; // the box keeps the focus
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      options.push(a);
      return a;
    }
    function clear() {
      list.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function update() {
      var q = input.value, mine = ++seq;
      engine.search(q).then(function (res) {
        if (mine !== seq) return;
        var top = res.ids.slice(0, 7);
        return engine.docs(top).then(function (docs) {
          if (mine !== seq) return;
          clear();
          if (!res.words.length) {
            open(false);
            return;
          }
          docs.forEach(function (doc) {
            var a = option(url(doc), "suggest-hit t-" + doc.type.singular);
            var head = el("span", "suggest-title");
            head.append(el("span", "suggest-type", doc.type.one));
            head.append(highlight(el("span", "suggest-name"), doc.title, res));
            a.append(head);
            var more = el("span", "suggest-snippet");
            snippet(doc, res, more, 1);
            a.append(more);
            list.append(a);
          });
          // A word taken for a typo: say what the results are for.
          var n = res.ids.length, instead = meant(res), forWhat = instead ? " for “" + instead + "”" : "";
          var all = option(searchPage(q), "suggest-all");
          all.textContent = !n ? "No results for “" + q.trim() + "”"
            : n > top.length ? "See all " + plural(n, "result", "results") + forWhat
              : instead ? "Results" + forWhat + " on the search page" : "Show on the search page";
          list.append(all);
          open(document.activeElement === input);
          announce(n ? plural(n, "result", "results") + forWhat + (docs.length < n ? ", the best " + docs.length + " listed" : "") : "No results");
        });
      }).catch(function (err) {
        if (mine === seq) {
          clear();
          var p = el("div", "suggest-error", "Search is not available: " + err.message);
          p.setAttribute("role", "option");
          p.setAttribute("aria-disabled", "true");
          p.setAttribute("aria-selected", "false");
          list.append(p);
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
    // Pressing a result keeps the focus in the box, so that the list stays open
    // until the link has its click (or its menu). The link does the rest.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
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
          groups.forEach(function (g) { results.append(group(g, byID, res)); });
          var parts = groups.map(function (g) { return plural(g.ids.length, g.type.one.toLowerCase(), g.type.title.toLowerCase()); });
          var instead = meant(res);
          status.textContent = !res.ids.length
            ? "No results for “" + q.trim() + "”. Try fewer or shorter words, or browse below."
            : instead
              ? "Nothing matches “" + q.trim() + "” as typed. Showing " + plural(res.ids.length, "result", "results") + " for “" + instead + "”: " + parts.join(", ") + "."
              : plural(res.ids.length, "result", "results") + " for “" + q.trim() + "”: " + parts.join(", ") + ".";
          results.setAttribute("data-ms", String(Math.round(performance.now() - t0)));
        });
      }).catch(function (err) {
        if (mine === seq) status.textContent = "Search is not available: " + err.message;
      });
    }

    function group(g, byID, res) {
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
        docs.forEach(function (doc) { ol.append(hit(doc, res)); });
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

    function hit(doc, res) {
      var li = el("li", "search-hit");
      var h = el("h3", "search-hit-title");
      var a = el("a");
      a.href = url(doc);
      highlight(a, doc.title, res);
      h.append(a);
      li.append(h);
      var p = el("p", "search-hit-snippet");
      snippet(doc, res, p, 2);
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

  // headerForm replaces the header's link to the search page, which is what it
  // is without JavaScript, with the search box, at the same size.
  function headerForm() {
    var link = document.querySelector("a.site-search");
    if (!link) return null;
    var form = el("form", "site-search");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Search the site");
    form.action = link.getAttribute("href");
    form.method = "get";
    var input = el("input");
    input.id = "site-search-q";
    input.type = "search";
    input.name = "q";
    input.placeholder = link.textContent.trim();
    input.autocomplete = "off";
    input.setAttribute("aria-label", "Search the site");
    var button = el("button");
    button.append(el("span", "icon icon-search"), el("span", "visually-hidden", "Search"));
    form.append(input, button);
    link.replaceWith(form);
    return input;
  }

  function start() {
    var announce = announcer();
    // A site's own header may still have the form itself.
    var header = headerForm() || document.getElementById("site-search-q");
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
