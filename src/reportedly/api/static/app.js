// reportedly: small enhancements only; every page works without this script.
(function () {
  "use strict";
  // "/" focuses the search box, as on many sites.
  document.addEventListener("keydown", function (ev) {
    var box = document.getElementById("q");
    if (ev.key === "/" && box && document.activeElement !== box &&
        !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      ev.preventDefault();
      box.focus();
    }
  });
  // Hovering an entity lights up its other mentions in the article.
  function light(id, on) {
    document.querySelectorAll("[data-entity]").forEach(function (el) {
      if (el.getAttribute("data-entity") === id) { el.classList.toggle("lit", on); }
    });
  }
  document.querySelectorAll("[data-entity]").forEach(function (el) {
    var id = el.getAttribute("data-entity");
    el.addEventListener("mouseenter", function () { light(id, true); });
    el.addEventListener("mouseleave", function () { light(id, false); });
  });
  // Empty filter fields are left out of the query string.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) {
        if (el.name && el.value === "") { el.disabled = true; }
      });
    });
  });
})();
