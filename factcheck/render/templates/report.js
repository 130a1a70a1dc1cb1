// Search, filters by flag and by source, and opening a source's full text at a claim's span.
// The report stays fully readable without JavaScript.
(function () {
  "use strict";
  var flagSelect = document.getElementById("flag-filter");
  var sourceSelect = document.getElementById("source-filter");
  var search = document.getElementById("search");
  var storySelect = document.getElementById("story-filter");  // only when the run has stories
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

  function matchesText(el, words) {
    if (!words.length) { return true; }
    var text = el.textContent.toLowerCase();
    return words.every(function (w) { return text.indexOf(w) >= 0; });
  }

  function matches(el, words) {
    var source = sourceSelect.value;
    var story = storySelect ? storySelect.value : "all";
    return matchesFlag(el, flagSelect.value) && matchesText(el, words) &&
      (story === "all" || el.getAttribute("data-story") === story) &&
      (source === "all" || parse(el, "data-sources").indexOf(source) >= 0);
  }

  function apply() {
    var shown = 0;
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var visible = {};
    document.querySelectorAll("article.item, li.brief-item").forEach(function (el) {
      var ok = matches(el, words);
      el.hidden = !ok;
      if (ok) { shown += 1; visible[el.id] = true; }
    });
    document.querySelectorAll("table.matrix tbody tr").forEach(function (row) {
      row.hidden = !visible[row.getAttribute("data-item")];
    });
    document.querySelectorAll("section.group").forEach(function (group) {
      var left = group.querySelectorAll("article.item:not([hidden])").length;
      var note = group.querySelector(".none-left");
      if (note) { note.hidden = left > 0 || !group.querySelector("article.item"); }
    });
    shownCount.textContent = String(shown);
  }

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
      if (el.hidden) { el.hidden = false; }
    }
    target.scrollIntoView({block: "center"});
    target.classList.add("target");
  }

  flagSelect.addEventListener("change", apply);
  sourceSelect.addEventListener("change", apply);
  search.addEventListener("input", apply);
  if (storySelect) { storySelect.addEventListener("change", apply); }
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
})();
