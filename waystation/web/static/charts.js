// Dashboard charts with Chart.js, from the counts the server put in #chart-data.
(function () {
  "use strict";
  var colours = { watchlist: "#7a0000", rule: "#5a2d82", network: "#0b4f8a",
                  true_match: "#a10000", false_positive: "#1d5e2b", inconclusive: "#8a3b00", undecided: "#9aa5b1" };
  function draw() {
    var holder = document.getElementById("chart-data");
    if (!holder || typeof Chart === "undefined") { return; }
    var data = JSON.parse(holder.textContent);
    Chart.defaults.color = "#111";
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    new Chart(document.getElementById("per-day"), {
      type: "bar",
      data: { labels: data.perDay.labels,
              datasets: Object.keys(data.perDay.series).map(function (kind) {
                return { label: kind, data: data.perDay.series[kind], backgroundColor: colours[kind] }; }) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
    });
    var labels = Object.keys(data.dispositions);
    new Chart(document.getElementById("dispositions"), {
      type: "doughnut",
      data: { labels: labels.map(function (l) { return l.replace("_", " "); }),
              datasets: [{ data: labels.map(function (l) { return data.dispositions[l]; }),
                           backgroundColor: labels.map(function (l) { return colours[l] || "#5d6d7e"; }) }] }
    });
    var columns = ["true_match", "false_positive", "inconclusive", "undecided"];
    new Chart(document.getElementById("sources"), {
      type: "bar",
      data: { labels: data.sources.map(function (s) { return s.label; }),
              datasets: columns.map(function (c) {
                return { label: c.replace("_", " "), data: data.sources.map(function (s) { return s[c]; }), backgroundColor: colours[c] }; }) },
      options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } }
    });
    document.body.dataset.charts = "drawn";
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
