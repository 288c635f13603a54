// Record lists: sort by a column and filter by keyword and status. Plain script,
// no modules and no network, so it works when the site is opened from file://.
(function () {
  "use strict";
  function key(cell) {
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("button.sort").forEach(function (button) {
      button.addEventListener("click", function () {
        var col = Number(button.getAttribute("data-col"));
        var th = button.parentElement;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var c = x.localeCompare(y, "ja", { numeric: true });
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll("form.record-filter").forEach(function (form) {
    var table = form.parentElement.querySelector("table.sortable");
    if (!table) return;
    var text = form.querySelector("[data-filter=text]");
    var selects = form.querySelectorAll("select[data-filter]");
    var count = form.querySelector(".filter-count");
    function apply() {
      var words = (text && text.value || "").trim().toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = Array.prototype.filter.call(selects, function (s) { return s.value; });
      var shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], content = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return content.indexOf(w) >= 0; }) &&
          wanted.every(function (s) { return row.getAttribute("data-" + s.getAttribute("data-filter")) === s.value; });
        row.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = shown + " / " + rows.length + " 件";
    }
    if (text) text.addEventListener("input", apply);
    Array.prototype.forEach.call(selects, function (s) { s.addEventListener("change", apply); });
    apply();
  });
})();
