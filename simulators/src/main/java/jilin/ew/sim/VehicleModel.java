package jilin.ew.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import jilin.ew.sim.SimRoads.Route;
import jilin.ew.sim.SimRoads.Section;

/** One simulated vehicle: who it is, its route out and back through three dangerous sections of its region, and its habits. */
final class VehicleModel {
    /** Regions with dangerous sections, by prefecture code; other prefectures' vehicles are spread over them. */
    private static final List<Set<String>> REGIONS = List.of(Set.of("220600"), Set.of("220500"), Set.of("222400"),
            Set.of("220200", "220400"));

    record Vehicle(String id, String cls, String plate, String operatorId, String prefecture, Double tripKm,
                   boolean seeded) {
        boolean isBus() {
            return cls.equals("LONG_DISTANCE_BUS") || cls.equals("TOURIST_COACH");
        }

        boolean bannedAtNight() {
            return cls.equals("LONG_DISTANCE_BUS") && tripKm != null && tripKm > 100;
        }
    }

    static List<Vehicle> readVehicles(JsonNode arr) {
        List<Vehicle> out = new ArrayList<>();
        for (JsonNode v : arr) {
            out.add(new Vehicle(v.get("vehicleId").asText(), v.get("vehicleClass").asText(),
                    v.path("plate").asText(null), v.path("operatorId").asText(null), v.path("prefecture").asText(null),
                    v.hasNonNull("tripKm") ? v.get("tripKm").asDouble() : null, true));
        }
        return out;
    }

    final int index;
    final Vehicle v;
    final long seed;
    final Route route;
    final double sectionFactor;
    final double cruise;
    final double startS;
    final int startDir;
    final long phase;
    final long firstDriveMin;

    VehicleModel(int index, Vehicle v, long seed, List<Section> sections, long reportIntervalSec) {
        this.index = index;
        this.v = v;
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        int region = -1;
        for (int k = 0; k < REGIONS.size(); k++) {
            if (REGIONS.get(k).contains(v.prefecture)) {
                region = k;
            }
        }
        if (region < 0) {
            region = index % REGIONS.size();
        }
        Set<String> pref = REGIONS.get(region);
        List<Section> pool = new ArrayList<>(sections.stream().filter(s -> pref.contains(s.prefecture)).toList());
        Randoms.shuffle(pool, r);
        List<Section> chosen = new ArrayList<>(pool.subList(0, Math.min(3, pool.size())));
        chosen.sort(Comparator.comparingDouble(s -> s.lon[0]));
        List<double[]> pts = new ArrayList<>();
        double[] end = null;
        for (Section s : chosen) {
            int n = s.lat.length;
            boolean forward = end == null ? s.lon[0] <= s.lon[n - 1]
                    : Math.hypot(s.lat[0] - end[0], s.lon[0] - end[1])
                    <= Math.hypot(s.lat[n - 1] - end[0], s.lon[n - 1] - end[1]);
            if (end == null) {
                int a = forward ? 0 : n - 1;
                int b = forward ? 1 : n - 2;
                // a lead-in road about 6 km before the first section, continuing its first segment backwards
                double dl = s.lat[a] - s.lat[b];
                double dn = s.lon[a] - s.lon[b];
                double norm = Math.hypot(dl, dn);
                pts.add(new double[] {s.lat[a] + dl / norm * 0.055, s.lon[a] + dn / norm * 0.055});
            }
            for (int k = 0; k < n; k++) {
                int i = forward ? k : n - 1 - k;
                pts.add(new double[] {s.lat[i], s.lon[i]});
            }
            end = pts.get(pts.size() - 1);
        }
        double[] a = pts.get(pts.size() - 1);
        double[] b = pts.get(pts.size() - 2);
        double dl = a[0] - b[0];
        double dn = a[1] - b[1];
        double norm = Math.hypot(dl, dn);
        pts.add(new double[] {a[0] + dl / norm * 0.055, a[1] + dn / norm * 0.055});
        route = new Route(pts);
        sectionFactor = 0.60 + 0.08 * r.nextDouble();
        cruise = v.cls.equals("HAZMAT_TRUCK") ? 55 + 6 * r.nextDouble() : 65 + 6 * r.nextDouble();
        startS = r.nextDouble() * route.length();
        startDir = r.nextBoolean() ? 1 : -1;
        phase = r.nextInt((int) reportIntervalSec);
        firstDriveMin = r.nextInt(80);
    }
}
