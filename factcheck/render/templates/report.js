// Filters by flag and by source; the report stays fully readable without JavaScript.
(function () {
  "use strict";
  var flagSelect = document.getElementById("flag-filter");
  var sourceSelect = document.getElementById("source-filter");
  var shownCount = document.getElementById("shown-count");

  function parse(el, name) {
    try { return JSON.parse(el.getAttribute(name) || "[]"); } catch (e) { return []; }
  }

  function matchesFlag(el, wanted) {
    var flags = parse(el, "data-flags");
    if (wanted === "all") { return true; }
    if (wanted === "flagged") { return el.hasAttribute("data-review"); }
    if (wanted === "unflagged") { return flags.length === 0; }
    if (wanted === "reviewed") { return el.hasAttribute("data-reviewed"); }
    return flags.indexOf(wanted) >= 0;
  }

  function matches(el) {
    var source = sourceSelect.value;
    return matchesFlag(el, flagSelect.value) &&
      (source === "all" || parse(el, "data-sources").indexOf(source) >= 0);
  }

  function apply() {
    var shown = 0;
    document.querySelectorAll("article.item, table.matrix tbody tr").forEach(function (el) {
      var ok = matches(el);
      el.hidden = !ok;
      if (ok && el.tagName === "ARTICLE") { shown += 1; }
    });
    document.querySelectorAll("section.group").forEach(function (group) {
      var left = group.querySelectorAll("article.item:not([hidden])").length;
      var note = group.querySelector(".none-left");
      if (note) { note.hidden = left > 0 || !group.querySelector("article.item"); }
    });
    shownCount.textContent = String(shown);
  }

  flagSelect.addEventListener("change", apply);
  sourceSelect.addEventListener("change", apply);
  apply();
})();
