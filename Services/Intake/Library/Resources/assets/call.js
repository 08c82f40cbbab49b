// The call-centre form: show only the fields of the chosen call type, and mark them required
// while shown. Without this script every type's fields are shown and the server still checks.
(function () {
  "use strict";
  var select = document.getElementById("call-type");
  if (!select) { return; }
  var sections = document.querySelectorAll(".call-type-fields");
  function update() {
    sections.forEach(function (section) {
      var shown = section.getAttribute("data-type") === select.value;
      section.hidden = !shown;
      section.querySelectorAll("[data-required]").forEach(function (input) { input.required = shown; });
    });
  }
  select.addEventListener("change", update);
  update();
})();
