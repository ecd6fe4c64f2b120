// 办事地图: turns the server-drawn page (SVG, layer form, venue list) into a Leaflet map.
// Data comes from /api/v1/venues.geojson; nothing is loaded from outside the app unless a
// tile server is configured. The resident's own position stays in the browser.
(function () {
  "use strict";
  var root = document.getElementById("network-map");
  var canvas = document.getElementById("map-canvas");
  if (!root || !canvas || !window.L || !window.fetch) return;
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var layerForm = root.querySelector("[data-layers]");
  var card = document.getElementById("venue-card");
  var status = root.querySelector("[data-geo-status]");
  var countOut = root.querySelector("[data-count]");
  var items = {};
  root.querySelectorAll(".map-item").forEach(function (li) {
    items[li.dataset.code] = li;
  });

  var map, cluster, hereMarker;
  var markers = {}; // code -> L.Marker, with .feature
  var chosen = null;

  // A div icon that carries a screen-reader label (Leaflet gives div icons none).
  var LabelledIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      div.setAttribute("aria-label", this.options.label);
      if (this.options.role) div.setAttribute("role", this.options.role);
      return div;
    },
  });
  var SIZE = {
    district_centre: 24,
    enterprise_hall: 20,
    street_centre: 18,
    community_station: 14,
    self_service_kiosk: 12,
  };

  function init(collection) {
    map = L.map(canvas, { zoomControl: false, keyboard: true, minZoom: 9 });
    L.control.zoom({ zoomInTitle: "放大", zoomOutTitle: "缩小" }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    if (config.tiles) {
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution,
        subdomains: config.tiles.subdomains,
        maxZoom: config.tiles.maxZoom,
      }).addTo(map);
    } else {
      map.setMaxZoom(18);
    }
    cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      disableClusteringAtZoom: 14,
      iconCreateFunction: function (group) {
        var n = group.getChildCount();
        var size = n < 10 ? 34 : n < 100 ? 40 : 46;
        return new LabelledIcon({
          className: "cluster",
          html: String(n),
          iconSize: [size, size],
          label: n + " 个场所聚在这里，按回车放大查看",
        });
      },
    });
    cluster.on("clusterkeypress", function (event) {
      if (event.originalEvent.key === "Enter") event.layer.zoomToBounds({ padding: [20, 20] });
    });
    collection.features.forEach(function (feature) {
      var p = feature.properties;
      var c = feature.geometry.coordinates;
      var marker = L.marker([c[1], c[0]], {
        keyboard: true,
        title: p.name,
        icon: markerIcon(p, false),
      });
      marker.feature = feature;
      marker.on("click", function () {
        choose(p.code, { focus: true });
      });
      // Leaflet gives focused markers only a keypress event: Enter opens the card too.
      marker.on("keypress", function (event) {
        if (event.originalEvent.key === "Enter") choose(p.code, { focus: true });
      });
      markers[p.code] = marker;
    });
    map.addLayer(cluster);
    canvas.hidden = false;
    root.classList.add("js-map");
    map.invalidateSize();
    update();
    fitShown();
    if (config.origin) {
      var near = markers[config.chosen];
      showHere(config.origin, near ? { feature: near.feature } : null);
    }
    if (config.chosen) choose(config.chosen, { focus: false });
  }

  function shownLevels() {
    var levels = {};
    layerForm.querySelectorAll("[data-layer]").forEach(function (box) {
      if (box.checked) levels[box.value] = true;
    });
    return levels;
  }

  function isShown(p, levels, openOnly) {
    return levels[p.level] && (p.open_now || !openOnly);
  }

  // Markers and list items follow the layer form.
  function update() {
    var levels = shownLevels();
    var openOnly = layerForm.querySelector("[data-open-only]").checked;
    var shown = [];
    Object.keys(markers).forEach(function (code) {
      if (isShown(markers[code].feature.properties, levels, openOnly)) shown.push(markers[code]);
    });
    cluster.clearLayers();
    cluster.addLayers(shown);
    var count = 0;
    Object.keys(items).forEach(function (code) {
      var marker = markers[code];
      var visible = marker ? isShown(marker.feature.properties, levels, openOnly) : false;
      items[code].hidden = !visible;
      if (visible) count += 1;
    });
    countOut.textContent = String(count);
    canvas.dataset.markers = String(shown.length);
  }

  function fitShown() {
    var shown = cluster.getLayers();
    if (shown.length) map.fitBounds(L.latLngBounds(shown.map(function (m) { return m.getLatLng(); })), { padding: [20, 20], maxZoom: 15 });
    else map.setView([34.72, 113.62], 12);
  }

  function text(tag, content, className) {
    var el = document.createElement(tag);
    if (content) el.textContent = content;
    if (className) el.className = className;
    return el;
  }

  function link(href, content) {
    var a = text("a", content);
    a.href = href;
    return a;
  }

  function distanceLabel(metres) {
    return metres >= 1000 ? (metres / 1000).toFixed(1) + " 公里" : Math.round(metres) + " 米";
  }

  function wgs84(feature) {
    return feature.properties.wgs84 || feature.geometry.coordinates;
  }

  // The card: built with textContent only, never from HTML strings.
  function renderCard(feature, metres) {
    var p = feature.properties;
    var c = wgs84(feature);
    card.replaceChildren();
    var title = text("h2", p.name);
    title.id = "card-title";
    title.tabIndex = -1;
    card.appendChild(title);
    var line = text("p");
    line.appendChild(text("span", p.level_label, "level-tag level-" + p.level));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(text("span", p.open_now ? "正在办公" : "现在不办公", p.open_now ? "open" : "closed"));
    if (metres != null) line.appendChild(text("span", "约 " + distanceLabel(metres), "distance"));
    card.appendChild(line);
    var facts = text("dl", "", "card-facts");
    facts.appendChild(text("dt", "地址"));
    facts.appendChild(text("dd", p.address));
    facts.appendChild(text("dt", "今天"));
    facts.appendChild(text("dd", p.today + (p.hours_note ? "（" + p.hours_note + "）" : "")));
    if (p.phone) {
      facts.appendChild(text("dt", "电话"));
      var dd = text("dd");
      dd.appendChild(link("tel:" + p.phone, p.phone));
      facts.appendChild(dd);
    }
    card.appendChild(facts);
    var links = text("p", "", "card-links");
    links.appendChild(link(p.url, "场所详情与可办事项"));
    links.appendChild(document.createTextNode(" "));
    var nav = link(
      "https://uri.amap.com/marker?position=" + c[0] + "," + c[1] + "&name=" + encodeURIComponent(p.name) + "&coordinate=wgs84",
      "用高德地图导航"
    );
    nav.rel = "noopener";
    links.appendChild(nav);
    card.appendChild(links);
    card.hidden = false;
    return title;
  }

  function markerIcon(p, isChosen) {
    var size = SIZE[p.level] || 14;
    return new LabelledIcon({
      className:
        "marker level-" + p.level + (p.open_now ? "" : " is-closed") + (isChosen ? " is-chosen" : ""),
      iconSize: [size, size],
      label: p.name + "，" + p.level_label + "，" + (p.open_now ? "正在办公" : "现在不办公"),
    });
  }

  // Open a venue's card and show its marker; with `options.here`, keep the resident in view too.
  function choose(code, options) {
    var marker = markers[code];
    if (!marker) return;
    if (chosen) chosen.setIcon(markerIcon(chosen.feature.properties, false));
    chosen = marker;
    marker.setIcon(markerIcon(marker.feature.properties, true));
    Object.keys(items).forEach(function (c) {
      if (c === code) items[c].setAttribute("aria-current", "true");
      else items[c].removeAttribute("aria-current");
    });
    var title = renderCard(marker.feature, options.metres);
    if (cluster.hasLayer(marker)) {
      var reveal = function () {
        if (!marker.getElement()) cluster.zoomToShowLayer(marker);
      };
      if (options.here) {
        map.once("moveend", reveal);
        map.fitBounds(L.latLngBounds([marker.getLatLng(), options.here]).pad(0.3), { maxZoom: 16 });
      } else {
        reveal();
      }
    }
    if (options.focus) title.focus();
  }

  // "Nearest open venue" among the shown ones, measured in WGS-84 from the resident's position.
  function nearestOpen(lat, lng) {
    var levels = shownLevels();
    var best = null;
    Object.keys(markers).forEach(function (code) {
      var f = markers[code].feature;
      var p = f.properties;
      if (!levels[p.level] || !p.open_now) return;
      var c = wgs84(f);
      var d = haversine(lat, lng, c[1], c[0]);
      if (!best || d < best.metres) best = { code: code, metres: d, feature: f };
    });
    return best;
  }

  function haversine(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var dphi = (lat2 - lat1) * rad;
    var dlmb = (lng2 - lng1) * rad;
    var a = Math.pow(Math.sin(dphi / 2), 2) + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(dlmb / 2), 2);
    return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  // Where the resident is, drawn in the tiles' datum: shifted as the nearest venue is (GCJ-02
  // moves points by almost the same amount across a district), unshifted on WGS-84 maps.
  function showHere(latlng, near) {
    var lat = latlng[0];
    var lng = latlng[1];
    if (near && near.feature.properties.wgs84) {
      var shown = near.feature.geometry.coordinates;
      var real = near.feature.properties.wgs84;
      lat += shown[1] - real[1];
      lng += shown[0] - real[0];
    }
    if (hereMarker) map.removeLayer(hereMarker);
    hereMarker = L.marker([lat, lng], {
      keyboard: false,
      interactive: false,
      icon: new LabelledIcon({
        className: "marker-here",
        iconSize: [14, 14],
        label: "您的位置",
        role: "img",
      }),
    }).addTo(map);
    return hereMarker.getLatLng();
  }

  function locate() {
    status.textContent = "正在获取您的位置…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var lat = position.coords.latitude;
        var lng = position.coords.longitude;
        var best = nearestOpen(lat, lng);
        if (!best) {
          status.textContent = "在显示的场所中，现在没有正在办公的。";
          return;
        }
        var here = showHere([lat, lng], best);
        status.textContent = "离您最近的正在办公的场所：" + best.feature.properties.name + "，约 " + distanceLabel(best.metres) + "。";
        choose(best.code, { focus: true, metres: best.metres, here: here });
      },
      function () {
        status.textContent = "没能获取您的位置，请在上面选择所在街道。";
      },
      { timeout: 10000, maximumAge: 600000 }
    );
  }

  layerForm.addEventListener("change", update);
  layerForm.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  root.querySelectorAll("[data-show]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      var code = a.dataset.show;
      if (!markers[code]) return;
      event.preventDefault();
      choose(code, { focus: true });
      canvas.scrollIntoView({ block: "nearest" });
    });
  });
  var geoButton = root.querySelector("[data-geolocate]");
  if (navigator.geolocation && geoButton) {
    geoButton.hidden = false;
    geoButton.addEventListener("click", locate);
  }

  fetch(config.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(init)
    .catch(function () {
      // The server-drawn SVG and the list stay: the page still works.
      canvas.hidden = true;
      root.classList.remove("js-map");
    });
})();
