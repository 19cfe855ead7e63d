/* tollwatch dashboard: the incident map. Article text never goes through innerHTML. */
(function () {
  "use strict";

  function radius(killed) {
    return 4 + 2.2 * Math.sqrt(Math.max(killed || 0, 0));
  }

  function popupNode(item) {
    var box = document.createElement("div");
    box.className = "popup";
    var a = document.createElement("a");
    a.href = "/incidents/" + encodeURIComponent(item.id);
    a.textContent = (item.location.name || "unknown place") + " · " + (item.date.start || "?");
    box.appendChild(a);
    var p = document.createElement("p");
    var k = item.killed.best;
    p.textContent = item.type + " · killed: " + (k === null ? "–" : k) + (item.disputed ? " (disputed)" : "");
    box.appendChild(p);
    if (item.title) {
      var t = document.createElement("p");
      t.className = "muted";
      t.textContent = item.title;
      box.appendChild(t);
    }
    return box;
  }

  function withLeaflet(el, items) {
    var map = window.L.map(el, { worldCopyJump: true, preferCanvas: false });
    window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: "&copy; OpenStreetMap contributors",
    }).addTo(map);
    var points = [];
    items.forEach(function (item) {
      var ll = [item.location.lat, item.location.lon];
      points.push(ll);
      window.L.circleMarker(ll, {
        radius: radius(item.killed.best),
        className: "incident-marker" + (item.disputed ? " disputed" : ""),
      })
        .bindPopup(popupNode(item))
        .bindTooltip(String(item.location.name || item.id))
        .addTo(map);
    });
    if (points.length) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 8 });
    } else {
      map.setView([20, 10], 2);
    }
    el.dataset.markers = String(points.length);
  }

  function withSvg(el, items) {
    // No Leaflet (not installed): an equirectangular plot of the same markers.
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "-180 -90 360 180");
    svg.setAttribute("class", "fallback-map");
    items.forEach(function (item) {
      var link = document.createElementNS(ns, "a");
      link.setAttribute("href", "/incidents/" + encodeURIComponent(item.id));
      var c = document.createElementNS(ns, "circle");
      c.setAttribute("cx", String(item.location.lon));
      c.setAttribute("cy", String(-item.location.lat));
      c.setAttribute("r", String(radius(item.killed.best) / 4));
      c.setAttribute("class", "incident-marker");
      var title = document.createElementNS(ns, "title");
      title.textContent = (item.location.name || item.id) + ": " + (item.killed.best === null ? "–" : item.killed.best);
      c.appendChild(title);
      link.appendChild(c);
      svg.appendChild(link);
    });
    el.appendChild(svg);
    el.dataset.markers = String(items.length);
  }

  function drawMap() {
    var el = document.getElementById("map");
    if (!el) return;
    fetch(el.dataset.api, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var items = (data.items || []).filter(function (i) {
          return i.location.lat !== null && i.location.lon !== null;
        });
        if (window.L) { withLeaflet(el, items); } else { withSvg(el, items); }
        el.classList.add("ready");
      })
      .catch(function () {
        el.textContent = "The map could not load its incidents.";
        el.classList.add("ready");
      });
  }

  document.addEventListener("DOMContentLoaded", drawMap);
})();
