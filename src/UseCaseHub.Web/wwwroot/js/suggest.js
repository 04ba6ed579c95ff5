// Progressive enhancement: search boxes with data-suggest get a <datalist> of titles and tags from /api/suggest.
// Without JavaScript the boxes are plain GET forms to /search.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input, index) {
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + index;
    input.setAttribute("list", list.id);
    input.after(list);
    var timer = 0, controller = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { list.replaceChildren(); return; }
      timer = setTimeout(function () {
        if (controller) { controller.abort(); }
        controller = new AbortController();
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), { signal: controller.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (suggestions) {
            list.replaceChildren.apply(list, suggestions.map(function (s) {
              var option = document.createElement("option");
              option.value = s.text;
              return option;
            }));
          })
          .catch(function () { /* offline or aborted: no suggestions */ });
      }, 150);
    });
  });
})();
