/* tebiki: the "changed since" view of changes.html. With ?since=YYYY-MM-DD (or
 * a date picked in the form) it loads the months from that date on
 * (changes-data.js) and lists every page, record and data file changed since,
 * grouped by the handbook's sections in reading order: the reading list of
 * someone taking over a role. All text goes in through textContent. */
(function () {
  "use strict";
  var changes = window.tebikiChanges;
  var box = document.querySelector("[data-since-results]");
  var input = document.getElementById("since-date");
  var since = new URLSearchParams(location.search).get("since");
  if (!changes || !box || !since || !/^\d{4}-\d{2}-\d{2}$/.test(since)) return;
  if (input) input.value = since;

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  /* Entries changed on or after `since`, each with only those commits, by group. */
  function collect(months) {
    var groups = {};
    months.forEach(function (month) {
      month.lists.forEach(function (list) {
        list.entries.forEach(function (e) {
          var commits = e.commits
            .map(function (i) { return month.commits[i]; })
            .filter(function (c) { return c.date >= since; });
          if (commits.length === 0) return;
          var key = e.url || e.title;
          var g = groups[e.group] || (groups[e.group] = { order: [], byKey: {} });
          var item = g.byKey[key];
          if (!item) {
            item = g.byKey[key] = { entry: e, kinds: [], commits: [] };
            g.order.push(key);
          }
          if (item.kinds.indexOf(list.title) < 0) item.kinds.push(list.title);
          item.commits = item.commits.concat(commits);
        });
      });
    });
    return groups;
  }

  function entryItem(item) {
    var li = el("li");
    var url = changes.url(item.entry);
    if (url) {
      var a = el("a", item.entry.title);
      a.href = url;
      li.appendChild(a);
    } else {
      li.appendChild(el("span", item.entry.title, "chg-title"));
    }
    item.kinds.forEach(function (k) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", k, "chg-kind")); });
    var ul = el("ul", null, "chg-commits");
    item.commits.forEach(function (c) {
      var row = el("li");
      row.appendChild(el("time", c.date));
      row.appendChild(document.createTextNode(" "));
      row.appendChild(el("code", c.commit, "commit"));
      row.appendChild(document.createTextNode(" "));
      row.appendChild(el("span", c.subject, "chg-subject"));
      ul.appendChild(row);
    });
    li.appendChild(ul);
    return li;
  }

  function show(index, groups) {
    box.textContent = "";
    var count = 0;
    index.groups.forEach(function (group, i) {
      var g = groups[i];
      if (!g) return;
      var section = el("section", null, "since-group");
      section.setAttribute("data-since-group", group.title);
      var h = el("h3");
      if (group.url) {
        var a = el("a", group.title);
        a.href = new URL(group.url, changes.root).href;
        h.appendChild(a);
      } else {
        h.textContent = group.title;
      }
      section.appendChild(h);
      var ul = el("ul");
      g.order.forEach(function (key) { ul.appendChild(entryItem(g.byKey[key])); count++; });
      section.appendChild(ul);
      box.appendChild(section);
    });
    var title = el("h2", since + " 以降の変更（" + count + " 件）", "since-status");
    box.insertBefore(title, box.firstChild);
    if (count === 0) box.appendChild(el("p", "この日以降の変更はありません。"));
    box.setAttribute("data-since-count", String(count));
    box.hidden = false;
  }

  changes.since(since.slice(0, 7)).then(function (loaded) {
    show(loaded.index, collect(loaded.months));
  }).catch(function (err) {
    box.setAttribute("data-since-error", String(err && err.message));
    box.textContent = "更新履歴のデータを読み込めませんでした。";
    box.setAttribute("data-since-count", "0");
    box.hidden = false;
  });
})();
