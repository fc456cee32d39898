// Draws the traveller's one-hop network (Cytoscape JSON from the server) with cytoscape.js.
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("graph");
    var data = document.getElementById("graph-data");
    if (!box || !data || typeof cytoscape === "undefined") { return; }
    var parsed = JSON.parse(data.textContent);
    var focus = box.dataset.focus;
    var elements = parsed.elements || { nodes: [], edges: [] };
    var cy = cytoscape({
      container: box,
      elements: elements,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
                                     "background-color": "#0b4f8a", "color": "#111", "width": 22, "height": 22 } },
        { selector: "node[kind != 'person']", style: { "shape": "round-rectangle", "background-color": "#8a8a8a" } },
        { selector: "node[subject != '']", style: { "background-color": "#a10000", "border-width": 3, "border-color": "#5c0000" } },
        { selector: "node[id = '" + focus + "']", style: { "width": 34, "height": 34, "border-width": 4, "border-color": "#ffbf00" } },
        { selector: "edge", style: { "width": "mapData(weight, 1, 5, 1.5, 6)", "line-color": "#9aa5b1", "curve-style": "bezier",
                                     "label": "data(kinds)", "font-size": 9, "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8, "color": "#4a4a4a" } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 140, padding: 40 },
      minZoom: 0.2,
      maxZoom: 1.4,
      wheelSensitivity: 0.3
    });
    cy.fit(undefined, 40);
    if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(); }
    box.dataset.nodes = String(cy.nodes().length);
    box.dataset.edges = String(cy.edges().length);
    window.waystationGraph = cy;
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
