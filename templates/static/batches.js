// tebiki: filters the batch catalog table by kind, business, runner and a
// keyword; `catalog.html?kind=nightly` opens it filtered. Without JavaScript the
// whole table shows. No network, works from file://.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form.batch-filter");
  Array.prototype.forEach.call(forms, function (form) {
    var table = document.getElementById(form.getAttribute("data-target"));
    if (!table) { return; }
    var rows = table.tBodies[0].rows;
    var count = form.querySelector(".batch-count");
    function apply() {
      var kind = form.elements.kind.value;
      var business = form.elements.business.value;
      var runner = form.elements.runner.value;
      var q = form.elements.q.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var ok = (!kind || row.getAttribute("data-kind") === kind)
          && (!business || row.getAttribute("data-business") === business)
          && (!runner || row.getAttribute("data-runner") === runner)
          && (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " 件"; }
    }
    // Start from the query string: ?kind=nightly&business=賦課&q=本算定.
    var query = window.location.search.replace(/^\?/, "").split("&");
    query.forEach(function (pair) {
      var kv = pair.split("=");
      var field = form.elements[decodeURIComponent(kv[0] || "")];
      if (field && kv.length === 2) {
        field.value = decodeURIComponent(kv[1].replace(/\+/g, " "));
      }
    });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  });
}());
