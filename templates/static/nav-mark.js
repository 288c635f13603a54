/* tebiki: marks the navigation's links to pages changed since the reader's last
 * visit. The browser remembers, per site, the newest change the site had when it
 * was last read (localStorage); a visit is a run of page views less than 30
 * minutes apart, so the marks stay while the reader moves around. It decorates
 * whatever links the navigation holds, matched by URL, including links added
 * later by a script. Where storage is unavailable (some browsers' file://,
 * private modes) it does nothing. */
(function () {
  "use strict";
  var changes = window.tebikiChanges;
  var VISIT_GAP_MS = 30 * 60 * 1000;
  var store = null;
  try {
    store = window.localStorage;
    store.getItem("tebiki-probe");
  } catch (e) {
    store = null;
  }
  if (!changes || !store) return;
  var key = "tebiki-visit:" + changes.root;

  /* The newest change the reader has already seen, in seconds. */
  function seenUntil(newest) {
    var state = null;
    try { state = JSON.parse(store.getItem(key)); } catch (e) { state = null; }
    var now = Date.now();
    var since = newest;
    if (state && typeof state.seen === "number") {
      since = now - state.last > VISIT_GAP_MS ? state.seen : state.since;
    }
    try {
      store.setItem(key, JSON.stringify({ seen: newest, last: now, since: since }));
    } catch (e) { /* full or refused: the next visit marks from the last saved one */ }
    return since;
  }

  function isoDate(seconds) {
    var d = new Date(seconds * 1000);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function mark(nav, changed) {
    nav.querySelectorAll("a[href]").forEach(function (a) {
      var url = a.href.split("#")[0];
      if (changed[url] && !a.classList.contains("nav-changed")) {
        a.classList.add("nav-changed");
        a.title = "前回の閲覧以降に更新されました";
      }
    });
  }

  function link(nav, since, count) {
    var p = document.createElement("p");
    p.className = "nav-since";
    var a = document.createElement("a");
    a.href = changes.root + "changes.html?since=" + isoDate(since);
    a.textContent = "前回の閲覧以降の更新（" + count + " ページ）";
    p.appendChild(a);
    nav.appendChild(p);
  }

  /* After the page has loaded: the parts it reads never hold up the page. */
  function start() {
    changes.load("index").then(markSince).catch(function () { /* no history written */ });
  }

  function markSince(index) {
    var since = seenUntil(index.newest);
    if (!(since < index.newest)) return;
    changes.since(isoDate(since).slice(0, 7)).then(function (loaded) {
      var changed = {};
      var count = 0;
      loaded.months.forEach(function (month) {
        month.lists.forEach(function (list) {
          list.entries.forEach(function (e) {
            var url = changes.url(e);
            if (url && e.time > since && !changed[url]) {
              changed[url] = true;
              count++;
            }
          });
        });
      });
      var nav = document.querySelector(".site-nav");
      if (!nav || count === 0) return;
      mark(nav, changed);
      link(nav, since, count);
      new MutationObserver(function () { mark(nav, changed); })
        .observe(nav, { childList: true, subtree: true });
    });
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
