// Distances and the day's visiting order; the browser twin of fieldapp.domain.geo,
// checked against it with shared test vectors (tests/vectors/route.json).

const A = 6378137.0; // WGS-84 semi-major axis (m)
const F = 1 / 298.257223563;
const B = A * (1 - F);

/**
 * Geodesic distance in metres on the WGS-84 ellipsoid (Vincenty's inverse
 * formula, within a millimetre of geopy's Karney geodesic for these distances).
 */
export function distanceM(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const L = (lon2 - lon1) * rad;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * rad));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * rad));
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let lambda = L;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    const sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda = L + (1 - C) * F * sinAlpha *
      (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - previous) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
          (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return B * bigA * (sigma - deltaSigma);
    }
  }
  return NaN; // nearly antipodal points: not a case on one island
}

/**
 * Greedy visiting order: always the nearest unvisited point next, ties broken by
 * key, exactly like `nearest_neighbour_route` on the server.
 * `points` maps a key to [lat, lon].
 */
export function nearestNeighbourRoute(start, points) {
  let here = start;
  const left = new Map(Object.entries(points));
  const route = [];
  while (left.size) {
    let bestKey = null;
    let bestDistance = Infinity;
    for (const [key, [lat, lon]] of left) {
      const d = distanceM(here[0], here[1], lat, lon);
      if (bestKey === null || d < bestDistance || (d === bestDistance && key < bestKey)) {
        bestKey = key;
        bestDistance = d;
      }
    }
    route.push(bestKey);
    here = left.get(bestKey);
    left.delete(bestKey);
  }
  return route;
}
