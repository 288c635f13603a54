/* tebiki: offline search. The index (assets/search/*.js) is a set of plain
 * scripts built by `tebiki build`, each loaded with a <script> element when first
 * needed, so search works from file:// with no fetch and no server.
 * Folding and bigrams here must match src/search/fold.rs. */
(function () {
  "use strict";
  var me = document.currentScript;
  var root = (me && me.getAttribute("data-root")) || "";
  var searchUrl = (me && me.getAttribute("data-search-url")) || "search.html";
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var FULL_KANA = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
  var SNIPPET = 110;
  var MAX_CHECKED = 4000;

  /* Folding table for every UTF-16 unit: identity except the folds below. */
  var TABLE = new Uint16Array(65536);
  (function () {
    for (var i = 0; i < 65536; i++) TABLE[i] = i;
    for (var u = 0x41; u <= 0x5a; u++) TABLE[u] = u + 32;
    for (var f = 0xff01; f <= 0xff5e; f++) {
      var a = f - 0xfee0;
      TABLE[f] = a >= 0x41 && a <= 0x5a ? a + 32 : a;
    }
    TABLE[0x3000] = 0x20;
    TABLE[0x301c] = 0x7e;
    for (var h = 0x3041; h <= 0x3096; h++) TABLE[h] = h + 0x60;
    for (var k = 0xff66; k <= 0xff9d; k++) TABLE[k] = FULL_KANA.charCodeAt(k - 0xff66);
  })();
  var UTF16 = new TextDecoder("utf-16le");

  /* One UTF-16 unit in, one out: positions in folded text are positions in the original. */
  function fold(s) {
    var units = new Uint16Array(s.length);
    for (var i = 0; i < s.length; i++) units[i] = TABLE[s.charCodeAt(i)];
    return UTF16.decode(units);
  }

  function bigrams(folded, out) {
    var prev = null;
    Array.from(folded).forEach(function (c) {
      if (WORD.test(c)) {
        if (prev !== null) out[prev + c] = true;
        prev = c;
      } else {
        prev = null;
      }
    });
  }

  /* The index is split into parts (src/search/build.rs): index.js holds each
   * page's number of sections and how the rest is split; g-<k>.js hold bigram
   * posting lists, t-<k>.js the texts of consecutive sections with their pages'
   * URLs and titles. A query loads only the parts it needs; loaded parts stay in
   * window.TEBIKI_SEARCH. */
  var meta = null;
  var loadingParts = {};
  var FIRST_WAVE = 40;
  var FIRST_PARTS = 1;
  var TITLE_KEY = "#";
  var FIRST_RANKED = 300;

  function loadPart(name) {
    var store = window.TEBIKI_SEARCH;
    if (store && store[name]) return Promise.resolve(store[name]);
    if (!loadingParts[name]) {
      loadingParts[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "assets/search/" + name + ".js";
        s.onload = function () {
          var part = window.TEBIKI_SEARCH && window.TEBIKI_SEARCH[name];
          if (part) resolve(part);
          else reject(new Error("search index part " + name + " is empty"));
        };
        s.onerror = function () {
          delete loadingParts[name];
          reject(new Error("search index part " + name + " not found"));
        };
        document.head.appendChild(s);
      });
    }
    return loadingParts[name];
  }

  function prepare(raw) {
    if (meta) return meta;
    var n = raw.n;
    var counts = raw.counts;
    var secDoc = new Int32Array(n);
    var firstOfDoc = new Uint8Array(n);
    var id = 0;
    for (var i = 0; i < counts.length; i++) {
      if (counts[i] > 0) firstOfDoc[id] = 1;
      for (var k = 0; k < counts[i]; k++) secDoc[id++] = i;
    }
    meta = {
      /* Pages' URLs and titles arrive with the text parts that hold their sections. */
      urls: new Array(counts.length),
      titles: new Array(counts.length),
      docTitles: new Array(counts.length),
      pages: counts.length,
      secDoc: secDoc,
      firstOfDoc: firstOfDoc,
      n: n,
      gramParts: raw.g,
      textFirst: raw.t,
      anchors: new Array(n),
      headings: new Array(n),
      texts: new Array(n),
      folded: new Array(n),
      foldedHeadings: new Array(n),
      postings: new Map()
    };
    return meta;
  }

  function load() {
    if (meta) return Promise.resolve(meta);
    return loadPart("index").then(prepare);
  }

  /* Must match gram_part in src/search/mod.rs: a title bigram is in its bigram's part. */
  function gramPart(gram) {
    if (gram.charAt(0) === TITLE_KEY) gram = gram.slice(1);
    var h = 0;
    for (var i = 0; i < gram.length; i++) h = (Math.imul(h, 31) + gram.charCodeAt(i)) >>> 0;
    return "g-" + (h % meta.gramParts);
  }

  function textPart(id) {
    var lo = 0;
    var hi = meta.textFirst.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.textFirst[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* The posting lists of the query's bigrams, and of the same bigrams in titles. */
  function loadGrams(keys) {
    var names = {};
    keys.forEach(function (key) {
      names[gramPart(key)] = true;
      names[gramPart(TITLE_KEY + key)] = true;
    });
    return Promise.all(Object.keys(names).map(loadPart));
  }

  /* Loads the text parts holding the given sections. */
  function loadTexts(ids) {
    var wanted = {};
    ids.forEach(function (id) { if (meta.texts[id] === undefined) wanted[textPart(id)] = true; });
    return Promise.all(Object.keys(wanted).map(function (k) {
      return loadPart("t-" + k).then(function (part) {
        var first = meta.textFirst[Number(k)];
        if (part.s.length > 0 && meta.texts[first] !== undefined) return;
        part.d.forEach(function (d) {
          meta.urls[d[0]] = d[1];
          meta.titles[d[0]] = d[2];
          meta.docTitles[d[0]] = fold(d[2]);
        });
        part.s.forEach(function (e, i) {
          meta.anchors[first + i] = e[0];
          meta.headings[first + i] = e[1];
          meta.texts[first + i] = e[2];
        });
      });
    }));
  }

  function postings(key) {
    var cached = meta.postings.get(key);
    if (cached) return cached;
    var deltas = window.TEBIKI_SEARCH[gramPart(key)][key];
    if (!deltas) return null;
    var ids;
    if (typeof deltas === "string") { /* a bitmap: bit i of byte i / 8, lowest first */
      var bits = atob(deltas);
      ids = [];
      for (var b = 0; b < bits.length; b++) {
        var byte = bits.charCodeAt(b);
        for (var k = 0; byte !== 0; k++, byte >>= 1) if (byte & 1) ids.push(b * 8 + k);
      }
    } else {
      ids = new Array(deltas.length);
      var last = 0;
      for (var i = 0; i < deltas.length; i++) { last += deltas[i]; ids[i] = last; }
    }
    meta.postings.set(key, ids);
    return ids;
  }

  function foldedText(id) {
    if (meta.folded[id] === undefined) {
      meta.folded[id] = fold(meta.texts[id]);
      meta.foldedHeadings[id] = fold(meta.headings[id]);
    }
    return meta.folded[id];
  }

  function count(hay, needle, cap) {
    var n = 0;
    for (var at = hay.indexOf(needle); at >= 0 && n < cap; at = hay.indexOf(needle, at + needle.length)) n++;
    return n;
  }

  /* The longest pieces of `term` found in `hay`, left to right; null when a piece
   * of one character would be needed (too weak to count as a match). */
  function pieces(hay, term) {
    var out = [];
    var at = 0;
    while (at < term.length) {
      var len = 1;
      while (at + len < term.length && hay.indexOf(term.slice(at, at + len + 1)) >= 0) len++;
      var piece = term.slice(at, at + len);
      if (piece.length < 2 || hay.indexOf(piece) < 0) {
        if (WORD.test(piece)) return null;
      } else {
        out.push(piece);
      }
      at += len;
    }
    return out;
  }

  /* True when the pieces occur in order within `span` characters (夜間…バッチ). */
  function near(hay, found, span) {
    var tries = 0;
    for (var at = hay.indexOf(found[0]); at >= 0 && tries < 20; at = hay.indexOf(found[0], at + 1), tries++) {
      var pos = at + found[0].length;
      var ok = true;
      for (var i = 1; i < found.length && ok; i++) {
        var next = hay.indexOf(found[i], pos);
        ok = next >= 0 && next + found[i].length - at <= span;
        pos = next + found[i].length;
      }
      if (ok) return true;
    }
    return false;
  }

  function plan(q) {
    var terms = fold(q).split(/\s+/).filter(function (t) { return t.length > 0; });
    if (terms.length === 0) return null;
    var keys = {};
    terms.forEach(function (t) { bigrams(t, keys); });
    return { terms: terms, keys: Object.keys(keys) };
  }

  /* Sections whose bigrams match the query (its bigram parts loaded), in the
   * order they are checked. Very common queries: the sections whose page title
   * matches first, then the rest in reading order, up to a bound that keeps
   * typing fluid. */
  function candidates(p) {
    var n = meta.n;
    var counts = null;
    var need = 0;
    if (p.keys.length > 0) { /* else one-character terms: look everywhere */
      counts = new Uint16Array(n);
      p.keys.forEach(function (key) {
        var list = postings(key);
        if (!list) return;
        for (var i = 0; i < list.length; i++) counts[list[i]]++;
      });
      need = p.keys.length <= 2 ? p.keys.length : Math.ceil(p.keys.length * 0.6);
    }
    var titled = [];
    var rest = [];
    var inTitle = titledPages(p);
    for (var id = 0; id < n; id++) {
      if (counts && counts[id] < need) continue;
      (inTitle[meta.secDoc[id]] ? titled : rest).push(id);
    }
    return titled.concat(rest).slice(0, MAX_CHECKED);
  }

  /* Pages whose title has every bigram of one of the terms: probably the term
   * itself, which is enough to check those pages first. */
  function titledPages(p) {
    var marks = new Uint8Array(meta.pages);
    p.terms.forEach(function (t) {
      var own = {};
      bigrams(t, own);
      var keys = Object.keys(own);
      if (keys.length === 0) return;
      var docs = null;
      for (var i = 0; i < keys.length; i++) {
        var list = postings(TITLE_KEY + keys[i]);
        if (!list) return;
        docs = docs === null ? list : intersect(docs, list);
      }
      docs.forEach(function (d) { marks[d] = 1; });
    });
    return marks;
  }

  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  /* The given sections that contain every term, best first. A term found as
   * written scores far above one found in pieces (夜間バッチ → 夜間 … バッチ in
   * 夜間日次バッチ). */
  function rank(p, ids, limit) {
    var terms = p.terms;
    var hits = [];
    ids.forEach(function (id) {
      var text = foldedText(id);
      var heading = meta.foldedHeadings[id];
      var title = meta.firstOfDoc[id] ? meta.docTitles[meta.secDoc[id]] : "";
      var hay = title + "\n" + heading + "\n" + text;
      var score = 0;
      var marks = [];
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        if (hay.indexOf(t) >= 0) {
          score += 100 + count(text, t, 20) + (heading.indexOf(t) >= 0 ? 15 : 0) + (title.indexOf(t) >= 0 ? 30 : 0);
          marks.push(t);
          continue;
        }
        var found = t.length >= 3 ? pieces(hay, t) : null;
        if (!found || found.join("").length < t.length * 0.6) return;
        score += 10 + (near(hay, found, t.length + 6) ? 40 : 0) +
          (near(title, found, t.length + 6) ? 30 : 0) + (near(heading, found, t.length + 6) ? 15 : 0);
        marks = marks.concat(found);
      }
      hits.push({ id: id, score: score, marks: marks });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return hits.slice(0, limit || 50).map(function (h) { return result(h.id, h.marks); });
  }

  /* Runs a query. `update(results, done)` is called once the texts of the first
   * candidates are loaded (the first results), and again with the final
   * ranking when the other texts were needed. Resolves to the final results. */
  function search(q, limit, update) {
    update = update || function () {};
    return load().then(function () {
      var p = plan(q);
      if (!p) { update([], true); return []; }
      return loadGrams(p.keys).then(function () {
        var ids = candidates(p);
        return loadTexts(firstWave(ids)).then(function () {
          var ready = ids.filter(function (id) { return meta.texts[id] !== undefined; });
          if (ready.length === ids.length) {
            var all = rank(p, ids, limit);
            update(all, true);
            return all;
          }
          update(rank(p, ready.slice(0, FIRST_RANKED), limit), false);
          return loadTexts(ids).then(function () {
            var final = rank(p, ids, limit);
            update(final, true);
            return final;
          });
        });
      });
    });
  }

  /* The first candidates whose texts are in the first text part needed (the
   * best candidate's): enough for a first screen of results, little to load. */
  function firstWave(ids) {
    var parts = [];
    var wave = [];
    for (var i = 0; i < ids.length && wave.length < FIRST_WAVE; i++) {
      var k = textPart(ids[i]);
      if (parts.indexOf(k) < 0) {
        if (parts.length === FIRST_PARTS) continue;
        parts.push(k);
      }
      wave.push(ids[i]);
    }
    return wave;
  }

  function result(id, terms) {
    var doc = meta.secDoc[id];
    var anchor = meta.anchors[id];
    var url = meta.urls[doc] + (anchor ? "#" + encodeURIComponent(anchor) : "");
    return { url: url, title: meta.titles[doc], section: meta.headings[id], snippet: snippet(id, terms) };
  }

  /* Parts of the text around the first hit: [{text, mark}], marks on every term. */
  function snippet(id, terms) {
    var text = meta.texts[id];
    var folded = foldedText(id);
    var first = -1;
    terms.forEach(function (t) {
      var at = folded.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = first < 0 ? 0 : Math.max(0, first - 30);
    var end = Math.min(text.length, start + SNIPPET);
    var marks = [];
    terms.forEach(function (t) {
      for (var at = folded.indexOf(t, start); at >= 0 && at < end; at = folded.indexOf(t, at + t.length)) {
        marks.push([at, Math.min(end, at + t.length)]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var parts = [];
    var pos = start;
    if (start > 0) parts.push({ text: "…", mark: false });
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      if (m[0] > pos) parts.push({ text: text.slice(pos, m[0]), mark: false });
      parts.push({ text: text.slice(m[0], m[1]), mark: true });
      pos = m[1];
    });
    if (pos < end) parts.push({ text: text.slice(pos, end), mark: false });
    if (end < text.length) parts.push({ text: "…", mark: false });
    return parts;
  }

  function el(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function fillResult(a, r) {
    a.href = root + r.url;
    a.appendChild(el("span", "sr-title", r.title));
    if (r.section) a.appendChild(el("span", "sr-section", r.section));
    var p = el("span", "sr-snippet");
    r.snippet.forEach(function (part) {
      p.appendChild(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text));
    });
    a.appendChild(p);
  }

  function pageUrl(q) {
    return root + searchUrl + "?q=" + encodeURIComponent(q);
  }

  /* The header box: a combobox whose listbox shows the best hits while typing.
     The page carries a plain search form (it is on every page); the combobox
     parts, which only work with this script, are added here. */
  function setupBox(form) {
    var input = form.querySelector("input[type=search]");
    var list = document.createElement("ul");
    list.id = "site-search-listbox";
    list.className = "search-popup";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "検索結果");
    list.hidden = true;
    var announce = document.createElement("p");
    announce.className = "visually-hidden";
    announce.setAttribute("aria-live", "polite");
    form.appendChild(list);
    form.appendChild(announce);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var active = -1;
    var timer = null;

    function options() { return list.querySelectorAll("[role=option]"); }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function setActive(i) {
      var opts = options();
      if (opts.length === 0) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    function show(q, results, done, started) {
      list.textContent = "";
      results.slice(0, 8).forEach(function (r, i) {
        var li = el("li");
        li.id = "site-search-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var a = el("a");
        a.tabIndex = -1;
        fillResult(a, r);
        li.appendChild(a);
        list.appendChild(li);
      });
      var all = el("li", "sr-all");
      all.id = "site-search-option-all";
      all.setAttribute("role", "option");
      all.setAttribute("aria-selected", "false");
      var a = el("a", "", !done ? "検索中… 検索ページで見る" : results.length ? "すべての結果を見る（" + (results.length >= 200 ? "200 件以上" : results.length + " 件") + "）" : "見つかりませんでした。検索ページで探す");
      a.href = pageUrl(q);
      a.tabIndex = -1;
      all.appendChild(a);
      list.appendChild(all);
      list.hidden = false;
      stamp(list, started, done, results.length);
      input.setAttribute("aria-expanded", "true");
      active = -1;
      if (done) announce.textContent = results.length + " 件見つかりました。上下キーで選べます。";
    }
    function run() {
      var q = input.value.trim();
      if (!q) { close(); return; }
      var started = performance.now();
      list.removeAttribute("data-search-ms");
      search(q, 200, function (results, done) {
        if (input.value.trim() === q) show(q, results, done, started);
      }).catch(function () {
        announce.textContent = "検索索引を読み込めません。";
      });
    }
    input.addEventListener("focus", function () { load().catch(function () {}); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) run(); else setActive(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
      else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); } else { input.value = ""; }
      } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
        e.preventDefault();
        var link = options()[active].querySelector("a");
        if (link) window.location.href = link.href;
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    form.addEventListener("submit", function (e) {
      if (!input.value.trim()) e.preventDefault();
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
    return input;
  }

  /* search.html: every hit for ?q=, as a plain list of links. */
  function setupPage(form, headerInput) {
    var input = form.querySelector("input[type=search]");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    if (headerInput) headerInput.value = q;
    if (!q.trim()) return;
    status.textContent = "検索しています…";
    var started = performance.now();
    search(q, 100, function (results, done) {
      list.textContent = "";
      results.forEach(function (r) {
        var li = el("li", "search-result");
        var a = el("a");
        fillResult(a, r);
        li.appendChild(a);
        list.appendChild(li);
      });
      stamp(list, started, done, results.length);
      status.textContent = !done ? "「" + q + "」を検索しています… " + results.length + " 件" :
        "「" + q + "」の検索結果: " + results.length + " 件" +
        (results.length === 100 ? "（上位 100 件を表示）" : "");
    }).catch(function () {
      status.textContent = "検索索引を読み込めません（assets/search/）。";
    });
  }

  /* For tests and the bench: milliseconds from the query to the first results
   * shown (or to the final answer, when the first ones were none), and to the
   * final ones. */
  function stamp(list, started, done, count) {
    var ms = String(Math.round(performance.now() - started));
    var fresh = list.getAttribute("data-search-started") !== String(started);
    if (fresh && (count > 0 || done)) {
      list.setAttribute("data-search-started", String(started));
      list.setAttribute("data-search-first-ms", ms);
    }
    if (done) list.setAttribute("data-search-ms", ms);
  }

  window.tebikiSearch = { load: load, search: search, fold: fold };

  function init() {
    var box = document.querySelector("[data-search-box]");
    var headerInput = box ? setupBox(box) : null;
    var page = document.querySelector("[data-search-page]");
    if (page) setupPage(page, headerInput);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
