// Progressive enhancement of the submission form's pickers: each fieldset with data-filter gets a filter box that
// hides the choices not matching what is typed (and opens the groups holding matches). Without JavaScript the
// pickers are the same grouped checkboxes, all there. No inline script or style: the CSP forbids both, so hiding
// uses the hidden attribute.
(function () {
  "use strict";
  function norm(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("fieldset[data-filter]").forEach(function (picker, index) {
    var legend = picker.querySelector("legend");
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-filter";
    box.id = "picker-filter-" + index;
    box.setAttribute("autocomplete", "off");
    box.setAttribute("aria-label", (picker.dataset.filterLabel || "Filter") + ": " + (legend ? legend.textContent.trim() : ""));
    box.placeholder = picker.dataset.filterLabel || "Filter";
    (legend || picker.firstChild).after(box);
    var groups = Array.prototype.slice.call(picker.querySelectorAll("details[data-group]"));
    var items = Array.prototype.slice.call(picker.querySelectorAll("li[data-item]"));
    var remembered = groups.map(function (g) { return g.open; });
    box.addEventListener("input", function () {
      var words = norm(box.value).split(/\s+/).filter(Boolean);
      function matches(element) {
        var text = norm(element.textContent);
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      }
      items.forEach(function (item) { item.hidden = words.length > 0 && !matches(item); });
      groups.forEach(function (group, i) {
        // A goal's checkbox stands beside its targets' group, in a holder that is shown or hidden with the group.
        var holder = group.closest("[data-group-holder]") || group;
        if (words.length === 0) { holder.hidden = false; group.open = remembered[i]; return; }
        var summary = group.querySelector("summary");
        var own = summary && matches(summary);
        var inner = Array.prototype.some.call(group.querySelectorAll("li[data-item]"), function (li) { return !li.hidden; });
        if (own && !inner) {
          // The group's name matches (a region, a goal): show all it holds.
          group.querySelectorAll("li[data-item]").forEach(function (li) { li.hidden = false; });
        }
        holder.hidden = !own && !inner;
        group.open = inner;
      });
    });
    // Enter in the filter box must not submit the form.
    box.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
  });
})();
