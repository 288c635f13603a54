/* tebiki: offline search. The index (assets/search-index.js) is a plain script
 * built by `tebiki build`; it is loaded with a <script> element on first use, so
 * search works from file:// with no fetch and no server.
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

  var index = null;
  var loading = null;

  function prepare(raw) {
    var docTitles = raw.docs.map(function (d) { return fold(d[1]); });
    index = {
      raw: raw,
      docTitles: docTitles,
      folded: new Array(raw.secs.length),
      headings: new Array(raw.secs.length),
      postings: new Map(),
      firstOfDoc: raw.secs.map(function (s, i) { return i === 0 || raw.secs[i - 1][0] !== s[0]; })
    };
    return index;
  }

  function load() {
    if (index) return Promise.resolve(index);
    if (window.TEBIKI_SEARCH_INDEX) return Promise.resolve(prepare(window.TEBIKI_SEARCH_INDEX));
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "assets/search-index.js";
        s.onload = function () {
          if (window.TEBIKI_SEARCH_INDEX) resolve(prepare(window.TEBIKI_SEARCH_INDEX));
          else reject(new Error("search index is empty"));
        };
        s.onerror = function () { loading = null; reject(new Error("search index not found")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function postings(key) {
    var cached = index.postings.get(key);
    if (cached) return cached;
    var deltas = index.raw.grams[key];
    if (!deltas) return null;
    var ids = new Array(deltas.length);
    var last = 0;
    for (var i = 0; i < deltas.length; i++) { last += deltas[i]; ids[i] = last; }
    index.postings.set(key, ids);
    return ids;
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

  function foldedText(id) {
    if (index.folded[id] === undefined) {
      index.folded[id] = fold(index.raw.text[id]);
      index.headings[id] = fold(index.raw.secs[id][2]);
    }
    return index.folded[id];
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

  /* Sections that contain every term, best first. A term found as written scores
   * far above one found in pieces (夜間バッチ → 夜間 … バッチ in 夜間日次バッチ). */
  function query(q, limit) {
    if (!index) return [];
    var terms = fold(q).split(/\s+/).filter(function (t) { return t.length > 0; });
    if (terms.length === 0) return [];
    var keys = {};
    terms.forEach(function (t) { bigrams(t, keys); });
    var keyList = Object.keys(keys);
    var n = index.raw.secs.length;
    var candidates = [];
    if (keyList.length === 0) { /* one-character terms: look everywhere */
      for (var c = 0; c < n; c++) candidates.push(c);
    } else {
      var counts = new Uint16Array(n);
      keyList.forEach(function (key) {
        var list = postings(key);
        if (!list) return;
        for (var i = 0; i < list.length; i++) {
          if (counts[list[i]]++ === 0) candidates.push(list[i]);
        }
      });
      var need = keyList.length <= 2 ? keyList.length : Math.ceil(keyList.length * 0.6);
      candidates = candidates.filter(function (id) { return counts[id] >= need; });
    }
    /* Very common queries: check the sections whose page title matches first,
     * then the rest in reading order, up to a bound that keeps typing fluid. */
    if (candidates.length > MAX_CHECKED) {
      var titled = [];
      var rest = [];
      candidates.forEach(function (id) {
        var t = index.docTitles[index.raw.secs[id][0]];
        (terms.some(function (term) { return t.indexOf(term) >= 0; }) ? titled : rest).push(id);
      });
      candidates = titled.concat(rest.sort(function (a, b) { return a - b; })).slice(0, MAX_CHECKED);
    }
    var hits = [];
    candidates.forEach(function (id) {
      var text = foldedText(id);
      var heading = index.headings[id];
      var title = index.firstOfDoc[id] ? index.docTitles[index.raw.secs[id][0]] : "";
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

  function result(id, terms) {
    var sec = index.raw.secs[id];
    var doc = index.raw.docs[sec[0]];
    var url = doc[0] + (sec[1] ? "#" + encodeURIComponent(sec[1]) : "");
    return { url: url, title: doc[1], section: sec[2], snippet: snippet(id, terms), score: 0 };
  }

  /* Parts of the text around the first hit: [{text, mark}], marks on every term. */
  function snippet(id, terms) {
    var text = index.raw.text[id];
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

  /* The header box: a combobox whose listbox shows the best hits while typing. */
  function setupBox(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector("[role=listbox]");
    var announce = form.querySelector("[data-search-announce]");
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
    function show(q) {
      var started = performance.now();
      var results = query(q, 200);
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
      var a = el("a", "", results.length ? "すべての結果を見る（" + (results.length >= 200 ? "200 件以上" : results.length + " 件") + "）" : "見つかりませんでした。検索ページで探す");
      a.href = pageUrl(q);
      a.tabIndex = -1;
      all.appendChild(a);
      list.appendChild(all);
      list.hidden = false;
      list.setAttribute("data-search-ms", String(Math.round(performance.now() - started)));
      input.setAttribute("aria-expanded", "true");
      active = -1;
      announce.textContent = results.length + " 件見つかりました。上下キーで選べます。";
    }
    function run() {
      var q = input.value.trim();
      if (!q) { close(); return; }
      load().then(function () { if (input.value.trim() === q) show(q); }, function () {
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
    load().then(function () {
      var started = performance.now();
      var results = query(q, 100);
      var ms = Math.round(performance.now() - started);
      list.textContent = "";
      results.forEach(function (r) {
        var li = el("li", "search-result");
        var a = el("a");
        fillResult(a, r);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.setAttribute("data-search-ms", String(ms));
      status.textContent = "「" + q + "」の検索結果: " + results.length + " 件" +
        (results.length === 100 ? "（上位 100 件を表示）" : "");
    }, function () {
      status.textContent = "検索索引を読み込めません（assets/search-index.js）。";
    });
  }

  window.tebikiSearch = { load: load, query: query, fold: fold };

  function init() {
    var box = document.querySelector("[data-search-box]");
    var headerInput = box ? setupBox(box) : null;
    var page = document.querySelector("[data-search-page]");
    if (page) setupPage(page, headerInput);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
