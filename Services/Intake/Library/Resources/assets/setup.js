// Setup forms: add and remove repeated rows (layout fields, billing articles, follow-up rules,
// sites), ask before deactivating, and show a colour swatch next to colour fields.
(function () {
  "use strict";
  document.querySelectorAll(".setup-rows").forEach(function (block) {
    var list = block.querySelector(".setup-rows__list");
    var template = block.querySelector("template");
    var next = parseInt(block.getAttribute("data-next") || "0", 10);
    block.querySelector(".setup-rows__add").addEventListener("click", function () {
      var html = template.innerHTML.split("__i__").join(String(next));
      next += 1;
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      list.appendChild(row);
      var first = row.querySelector("input:not([type=hidden]), select");
      if (first) { first.focus(); }
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest(".setup-row__remove");
      if (button) { button.closest(".setup-row").remove(); }
    });
  });
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  document.querySelectorAll("input.setup-colour").forEach(function (input) {
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    var paint = function () {
      swatch.style.background = /^#[0-9a-fA-F]{6}$/.test(input.value) ? input.value : "transparent";
    };
    input.insertAdjacentElement("afterend", swatch);
    input.addEventListener("input", paint);
    paint();
  });
}());
