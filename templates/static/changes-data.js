/* tebiki: loads the 更新履歴 scripts that `tebiki build` writes below
 * assets/changes/ (src/render/changes.rs): index.js (the months, the groups of the
 * since-view, the newest commit's time) and one YYYY-MM.js per month. Each part
 * calls tebikiChanges.add(name, data) when loaded by a <script> element, so this
 * works from file://, where fetch does not. Used by nav-mark.js and since.js. */
(function () {
  "use strict";
  var me = document.currentScript;
  /* The site root as an absolute URL ending in "/" (data-root is "" at the top). */
  var root = new URL((me && me.getAttribute("data-root")) || "./", location.href).href;
  var parts = {};
  var loading = {};

  function load(name) {
    if (parts[name]) return Promise.resolve(parts[name]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "assets/changes/" + name + ".js";
        s.onload = function () {
          if (parts[name]) resolve(parts[name]);
          else reject(new Error("changes part " + name + " is empty"));
        };
        s.onerror = function () {
          delete loading[name];
          reject(new Error("changes part " + name + " not found"));
        };
        document.head.appendChild(s);
      });
    }
    return loading[name];
  }

  /* The index and every month from `month` (YYYY-MM) on, newest first. */
  function since(month) {
    return load("index").then(function (index) {
      var wanted = index.months.filter(function (m) { return m >= month; });
      return Promise.all(wanted.map(load)).then(function (months) {
        return { index: index, months: months };
      });
    });
  }

  window.tebikiChanges = {
    root: root,
    add: function (name, data) { parts[name] = data; },
    load: load,
    since: since,
    /* An entry's page as an absolute URL, or null for what is gone. */
    url: function (entry) { return entry.url ? new URL(entry.url, root).href : null; }
  };
})();
