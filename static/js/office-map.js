// The office map: households as points coloured by what needs doing, clustered
// when many. Leaflet and its cluster plugin are vendored classic scripts (window.L);
// the page's settings come from its JSON block. Without tiles (none configured,
// or offline) the points are drawn over a plain background with the town seats.
const config = JSON.parse(document.getElementById("map-config").textContent);
const status = document.getElementById("map-status");
const { labels } = config;
const L = window.L;

/** A text-only element (names from the server never become HTML). */
function text(tag, value, className) {
  const node = document.createElement(tag);
  node.textContent = value;
  if (className) node.className = className;
  return node;
}

/** The popup of one household: village, grade, what needs doing, a link. */
function popup(properties) {
  const box = document.createElement("div");
  box.append(text("strong", properties.village));
  const grade = properties.grade ? properties.grade : labels.no_grade;
  box.append(text("div", `${labels.grade}: ${grade}`));
  box.append(text("div", properties.needs ? labels.needs[properties.needs] : labels.none));
  const link = text("a", labels.open);
  link.href = config.household_url.replace("UUID", properties.uuid);
  box.append(link);
  return box;
}

function householdLayer(feature, latlng) {
  const need = feature.properties.needs || "none";
  return L.circleMarker(latlng, { radius: 8, weight: 2, fillOpacity: 0.9, className: `need need-${need}` });
}

function townSeats(map) {
  for (const town of config.towns) {
    const icon = L.divIcon({ className: "town-seat", html: text("span", town.name), iconSize: null });
    L.marker([town.lat, town.lon], { icon, interactive: false, keyboard: false }).addTo(map);
  }
}

async function main() {
  // The cluster layer needs the map's zoom range even without a tile layer.
  const map = L.map("map", { maxZoom: config.tiles?.max_zoom ?? 18 }).setView(config.centre, 10);
  if (config.tiles) {
    L.tileLayer(config.tiles.url, {
      attribution: config.tiles.attribution,
      subdomains: config.tiles.subdomains || "abc",
      maxZoom: config.tiles.max_zoom,
    }).addTo(map);
  }
  townSeats(map);
  const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  map.addLayer(clusters);
  try {
    const response = await fetch(config.geojson, { credentials: "same-origin", headers: { Accept: "application/geo+json" } });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    const layer = L.geoJSON(data, {
      pointToLayer: householdLayer,
      onEachFeature: (feature, marker) => marker.bindPopup(() => popup(feature.properties)),
    });
    clusters.addLayer(layer);
    if (data.features.length) map.fitBounds(clusters.getBounds(), { padding: [24, 24], maxZoom: 15 });
    status.textContent = labels.count.replace("%(n)s", String(data.features.length));
    document.getElementById("map").dataset.points = String(data.features.length);
  } catch {
    status.textContent = labels.failed;
  }
}

main();
