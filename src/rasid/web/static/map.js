/* rasid map: event places over country outlines shipped with the package.
 * No tile server and no CDN: Leaflet and the outlines are served from
 * /static/vendor (built by `make web`). All text from the data is put in the
 * page with textContent, never as HTML. */
(function () {
  "use strict";

  var box = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!box) return;

  function say(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  function fail(text) {
    say(text, true);
    box.dataset.ready = "error";
  }

  if (typeof window.L === "undefined") {
    fail("تعذّر تحميل Leaflet: ابنِ الملفات بالأمر make web ثم أعد تحميل الصفحة.");
    return;
  }

  function getJSON(url) {
    return fetch(url, {headers: {"Accept": "application/json"}}).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function row(parent, label, value, dir) {
    if (value === undefined || value === null || value === "") return;
    var line = el("div", "pp-row");
    line.appendChild(el("span", "pp-label", label + ": "));
    var val = el("bdi", "pp-value", value);
    if (dir) val.setAttribute("dir", dir);
    line.appendChild(val);
    parent.appendChild(line);
  }

  function eventBlock(p) {
    var block = el("div", "pp-event");
    var head = el("div", "pp-type");
    head.setAttribute("dir", "ltr");
    head.textContent = p.type + (p.mode ? " / " + p.mode : "");
    block.appendChild(head);
    if (p.actor_text || p.target_text) {
      row(block, "الفاعل ← المستهدف", (p.actor_text || "؟") + " ← " + (p.target_text || "؟"));
    }
    row(block, "التاريخ", p.date, "ltr");
    row(block, "قتلى", p.fatalities);
    row(block, "جرحى", p.injured);
    row(block, "معتقلون", p.arrested);
    if (p.article_id) {
      var link = el("a", "pp-link", p.article_title || "المقال");
      link.href = "/articles/" + encodeURIComponent(p.article_id);
      block.appendChild(link);
    }
    return block;
  }

  function popupFor(group) {
    var root = el("div", "pp");
    root.setAttribute("dir", "rtl");
    var first = group[0].properties;
    var where = first.place_name || "";
    if (first.place_country) where += (where ? " · " : "") + first.place_country;
    root.appendChild(el("div", "pp-place", where || "مكان"));
    group.forEach(function (f) { root.appendChild(eventBlock(f.properties)); });
    return root;
  }

  var map = L.map(box, {worldCopyJump: false, minZoom: 2, maxZoom: 10, zoomSnap: 0.5});
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · Natural Earth");
  map.setView([27, 30], 4);

  Promise.all([getJSON(box.dataset.outlines), getJSON(box.dataset.events)]).then(function (res) {
    var outlines = res[0], events = res[1];
    L.geoJSON(outlines, {
      interactive: false,
      style: {color: "#8a8f98", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
    }).addTo(map);

    // One marker per place: events at the same coordinates share a popup.
    var groups = {};
    var order = [];
    (events.features || []).forEach(function (f) {
      var c = f.geometry && f.geometry.coordinates;
      if (!c || c.length < 2) return;
      var key = c[1].toFixed(4) + "," + c[0].toFixed(4);
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(f);
    });
    var markers = order.map(function (key) {
      var g = groups[key];
      var c = g[0].geometry.coordinates;
      var marker = L.marker([c[1], c[0]], {
        title: (g[0].properties.place_name || "") + " (" + g.length + ")",
        alt: g[0].properties.place_name || "event"
      });
      marker.bindPopup(popupFor(g), {maxWidth: 320, maxHeight: 300});
      return marker.addTo(map);
    });
    if (markers.length) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.4), {maxZoom: 6});
    }
    var n = (events.features || []).length;
    say(n ? "الأحداث: " + n + " · الأماكن: " + markers.length
          : "لا توجد بعد أحداث محددة المكان في المخزن.");
    box.dataset.markers = String(markers.length);
    box.dataset.ready = "1";
  }).catch(function (err) {
    fail("تعذّر تحميل بيانات الخريطة: " + err.message);
  });
})();
