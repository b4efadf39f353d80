(function () {
  "use strict";
  var form = document.querySelector(".filters");
  if (!form) { return; }
  function apply(value) {
    document.body.classList.remove("show-all", "show-changed", "show-unchanged");
    document.body.classList.add("show-" + value);
  }
  form.addEventListener("change", function (e) {
    if (e.target && e.target.name === "show") { apply(e.target.value); }
  });
  var checked = form.querySelector("input[name=show]:checked");
  if (checked) { apply(checked.value); }
})();
