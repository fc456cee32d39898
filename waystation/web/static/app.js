// Keyboard navigation of the alert queue: j / k move between alerts, Enter opens the current one.
(function () {
  "use strict";
  function rows() { return Array.from(document.querySelectorAll("tr.alert-row")); }
  function current() { return document.querySelector("tr.alert-row.current"); }
  function select(row) {
    rows().forEach(function (r) { r.classList.remove("current"); r.setAttribute("tabindex", "-1"); });
    if (!row) { return; }
    row.classList.add("current");
    row.setAttribute("tabindex", "0");
    row.focus();
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName)) { return; }
    var all = rows();
    if (!all.length) { return; }
    var index = all.indexOf(current());
    if (event.key === "j") { select(all[Math.min(index + 1, all.length - 1)]); event.preventDefault(); }
    else if (event.key === "k") { select(all[Math.max(index - 1, 0)]); event.preventDefault(); }
    else if (event.key === "Enter" && current()) { window.location.href = current().dataset.href; event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("tr.alert-row");
    if (row && event.target.tagName !== "A") { select(row); }
  });
})();
