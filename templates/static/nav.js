/* tebiki: the navigation tree of every page, built in the browser. The build
   writes the tree once (assets/nav-data.js sets window.TEBIKI_NAV) instead of
   into every page; this script opens it at the page, as the pages showed it when
   each carried its own copy. Without JavaScript the page shows its section's
   pages in a frame (<noscript>, assets/nav/). A classic script, run where it
   stands right after the list, so the tree is there before the page is first
   drawn, and no fetch, so file:// works.

   It also puts the search box in the page header: search needs JavaScript, so
   a page without it has no box that leads nowhere, and no page carries the
   box's markup (search.js makes it a combobox).

   Scripts loaded after it can mark links of the tree (a page changed since the
   last visit, say): tebikiNav.onLink(function (a, page) { ... }) is called for
   every link of the tree with its page, { url (from the site root), title,
   line (its number in the tree) }; tebikiNav.pages lists every page. */
(function () {
  "use strict";
  /* A longer section shows this many of its pages around the current one and a
     link to the section page for the rest (src/render/nav.rs cuts the
     server-rendered list the same way, shorter). */
  var MAX_PAGES = 30;

  var data = window.TEBIKI_NAV;
  var list = document.querySelector("ul[data-nav]");
  var script = document.currentScript;
  if (!data || !script) return;
  /* This script is assets/nav.js below the site root. */
  var src = script.getAttribute("src");
  var root = src.slice(0, src.length - "assets/nav.js".length);

  /* The header's search box, unless the page has one of its own. */
  var header = document.querySelector(".site-header");
  if (header && data.search && !document.querySelector("[data-search-box]")) {
    var form = document.createElement("form");
    form.className = "site-search";
    form.setAttribute("role", "search");
    form.setAttribute("action", root + data.search);
    form.setAttribute("method", "get");
    form.setAttribute("data-search-box", "");
    var input = document.createElement("input");
    input.id = "site-search-input";
    input.name = "q";
    input.type = "search";
    input.setAttribute("aria-label", "手引きを検索");
    input.placeholder = "検索（/ キー）";
    input.autocomplete = "off";
    input.spellcheck = false;
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = "検索";
    form.appendChild(input);
    form.appendChild(button);
    header.appendChild(form);
  }
  if (!list) return;

  var pages = data.pages.split("\n").map(function (line, i) {
    var tab = line.indexOf("\t");
    return { url: line.slice(0, tab), title: line.slice(tab + 1), line: i };
  });
  var sections = data.sections;
  /* The section of each line (a section's index page belongs to it), and the
     parent of each section. */
  var sectionOf = [], parent = [];
  sections.forEach(function (s, id) {
    for (var i = s[0]; i <= s[0] + s[1]; i++) sectionOf[i] = id;
    s[2].forEach(function (child) { parent[child] = id; });
  });

  var at = list.getAttribute("data-nav");
  var anchor = -1;
  for (var i = 0; i < pages.length; i++) {
    if (pages[i].url === at) { anchor = i; break; }
  }
  if (anchor < 0) return;
  var current = list.hasAttribute("data-nav-current") ? anchor : -1;
  var open = {};
  for (var s = sectionOf[anchor]; s !== undefined; s = parent[s]) open[s] = true;

  var links = [];

  function item(line, className) {
    var li = document.createElement("li");
    if (className) li.className = className;
    var a = document.createElement("a");
    a.setAttribute("href", root + pages[line].url);
    if (line === current) a.setAttribute("aria-current", "page");
    a.textContent = pages[line].title;
    li.appendChild(a);
    links.push({ a: a, page: pages[line] });
    return li;
  }

  /* The pages and sub-sections of a section, its open sub-sections expanded. */
  function fill(ul, id) {
    var s = sections[id], first = s[0] + 1, count = s[1];
    var start = 0, shown = count;
    if (count > MAX_PAGES) {
      shown = MAX_PAGES;
      if (current >= first && current < first + count) {
        start = Math.min(Math.max(current - first - MAX_PAGES / 2, 0), count - MAX_PAGES);
      }
    }
    for (var k = start; k < start + shown; k++) ul.appendChild(item(first + k));
    if (count > shown) {
      var more = document.createElement("li");
      more.className = "nav-more";
      var a = document.createElement("a");
      a.setAttribute("href", root + pages[s[0]].url);
      a.textContent = "…ほか " + (count - shown) + " ページ";
      more.appendChild(a);
      ul.appendChild(more);
    }
    s[2].forEach(function (child) {
      var isOpen = open[child] === true;
      var li = item(sections[child][0], isOpen ? "nav-section open" : "nav-section");
      if (isOpen) {
        var sub = document.createElement("ul");
        fill(sub, child);
        li.appendChild(sub);
      }
      ul.appendChild(li);
    });
  }

  /* The first item (ホーム) is the page's own; the rest is the tree. */
  var tree = document.createDocumentFragment();
  fill(tree, 0);
  while (list.children.length > 1) list.removeChild(list.lastElementChild);
  list.appendChild(tree);

  window.tebikiNav = {
    pages: pages,
    here: pages[anchor],
    onLink: function (fn) {
      links.forEach(function (l) { fn(l.a, l.page); });
    }
  };
})();
