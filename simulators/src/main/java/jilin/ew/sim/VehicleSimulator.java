package jilin.ew.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic generator of {@code vehicle.position} messages (JSON lines) for the key vehicles of the seeds
 * (and optional synthetic ones, registered on the stream), with injected, labelled scenarios.
 *
 * <p>Each vehicle drives out and back along a route through three dangerous road sections of its region
 * (the sections' own geometry, joined by straight connecting roads), in cycles of 80-95 min driving and
 * 25-35 min rest; long-distance buses on trips over 100 km park from before 02:00 until after 05:00. Speed
 * follows the place: about 60-70 % of a section's limit on a section, a class cruise speed elsewhere, with
 * speed noise; positions carry GPS noise. Reports every 30 s by default. The baseline keeps every rule.
 * Scenarios change one vehicle each (never the same one twice); the planner runs the vehicle's trajectory
 * ahead to find a moment where the scenario fits (e.g. entering a long downhill, downhill) and checks it.
 * Same seeds and config give byte-identical output; lines come lazily in event-time order.
 */
public final class VehicleSimulator {
    static final ZoneOffset JILIN = ZoneOffset.ofHours(8);
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final double M_PER_DEG = 6_371_008.8 * Math.PI / 180.0;
    private static final long PLAN_SALT = 0x7EC1_0000_5EED_0001L;
    private static final long COLLISION = 1L << 29;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final VehicleSimConfig config;
    private final long startSec;
    private final long endSec;
    private final List<Section> sections;
    private final List<Model> models = new ArrayList<>();
    private final List<VehicleLabel> labels = new ArrayList<>();
    private final Map<String, List<Ov>> overrides = new HashMap<>();

    /** A simulator over the seeds shipped on the classpath. */
    public VehicleSimulator(VehicleSimConfig config) {
        this.config = config;
        this.startSec = config.start().getEpochSecond();
        this.endSec = startSec + config.duration().getSeconds();
        this.sections = readSections(resource("road-sections.geojson"));
        SplittableRandom master = new SplittableRandom(config.seed());
        List<Vehicle> vehicles = readVehicles(resource("vehicles.json"));
        int seeded = vehicles.size();
        for (int i = 0; i < config.extraVehicles(); i++) {
            Vehicle v = vehicles.get(i % seeded);
            vehicles.add(new Vehicle(String.format(Locale.ROOT, "SIM-%s-%04d", v.cls.substring(0, 3), i + 1), v.cls,
                    null, v.operatorId, v.prefecture, v.tripKm, false));
        }
        for (int i = 0; i < vehicles.size(); i++) {
            models.add(new Model(i, vehicles.get(i), master.nextLong()));
        }
        new Planner(new SplittableRandom(config.seed() ^ PLAN_SALT)).plan();
    }

    /** Ground-truth labels of the injected scenarios, in scenario order. */
    public List<VehicleLabel> labels() {
        return List.copyOf(labels);
    }

    /** Ids of the vehicles simulated (seeded ones first). */
    public List<String> vehicleIds() {
        return models.stream().map(m -> m.v.id).toList();
    }

    /** A fresh lazy iterator over the message lines (registrations of non-seed vehicles first); each call starts over. */
    public Iterator<String> lines() {
        return new Iterator<>() {
            final PriorityQueue<Run> queue = new PriorityQueue<>(
                    Comparator.<Run>comparingLong(r -> r.nextTs).thenComparingInt(r -> r.m.index));
            final List<String> registrations = new ArrayList<>();
            int reg;

            {
                for (Model m : models) {
                    if (!m.v.seeded) {
                        registrations.add(registration(m.v));
                    }
                    Run r = new Run(m, overrides.getOrDefault(m.v.id, List.of()));
                    if (r.nextTs < endSec) {
                        queue.add(r);
                    }
                }
            }

            public boolean hasNext() {
                return reg < registrations.size() || !queue.isEmpty();
            }

            public String next() {
                if (reg < registrations.size()) {
                    return registrations.get(reg++);
                }
                Run r = queue.poll();
                if (r == null) {
                    throw new NoSuchElementException();
                }
                String line = r.next().line;
                if (r.nextTs < endSec) {
                    queue.add(r);
                }
                return line;
            }
        };
    }

    /** Writes every message line, each ending in '\n'; returns the number written. */
    public long write(Writer out) throws IOException {
        long n = 0;
        for (Iterator<String> it = lines(); it.hasNext(); n++) {
            out.write(it.next());
            out.write('\n');
        }
        out.flush();
        return n;
    }

    /** Writes the labels, one JSON object per line. */
    public void writeLabels(Writer out) throws IOException {
        for (VehicleLabel l : labels) {
            out.write(MAPPER.writeValueAsString(l));
            out.write('\n');
        }
        out.flush();
    }

    static String formatTs(long epochSec) {
        return TS.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSec), JILIN));
    }

    static LocalTime local(long epochSec) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSec), JILIN).toLocalTime();
    }

    /** Bus night, 22:00-06:00 local. */
    static boolean isNight(long sec) {
        int h = local(sec).getHour();
        return h >= 22 || h < 6;
    }

    /** The long-distance bus stop window, 02:00-05:00 local. */
    static boolean isBanWindow(long sec) {
        int h = local(sec).getHour();
        return h >= 2 && h < 5;
    }

    private String registration(Vehicle v) {
        return String.format(Locale.ROOT, "{\"type\":\"vehicle.registration\",\"ts\":\"%s\",\"vehicleId\":\"%s\","
                        + "\"vehicleClass\":\"%s\",\"operatorId\":\"%s\",\"prefecture\":\"%s\"%s}",
                formatTs(startSec), v.id, v.cls, v.operatorId, v.prefecture,
                v.tripKm == null ? "" : ",\"tripKm\":" + v.tripKm);
    }

    // ---------------------------------------------------------------- seeds

    private static JsonNode resource(String name) {
        try (InputStream in = VehicleSimulator.class.getResourceAsStream("/seeds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("seed file missing from the classpath: /seeds/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Vehicle(String id, String cls, String plate, String operatorId, String prefecture, Double tripKm,
                   boolean seeded) {
        boolean isBus() {
            return cls.equals("LONG_DISTANCE_BUS") || cls.equals("TOURIST_COACH");
        }

        boolean bannedAtNight() {
            return cls.equals("LONG_DISTANCE_BUS") && tripKm != null && tripKm > 100;
        }
    }

    private static List<Vehicle> readVehicles(JsonNode arr) {
        List<Vehicle> out = new ArrayList<>();
        for (JsonNode v : arr) {
            out.add(new Vehicle(v.get("vehicleId").asText(), v.get("vehicleClass").asText(),
                    v.path("plate").asText(null), v.path("operatorId").asText(null), v.path("prefecture").asText(null),
                    v.hasNonNull("tripKm") ? v.get("tripKm").asDouble() : null, true));
        }
        return out;
    }

    /** A dangerous section as the simulator needs it: polyline, limit, buffer, downhill direction. */
    static final class Section {
        final String id;
        final String kind;
        final String prefecture;
        final int limit;
        final double bufferM;
        /** +1 downhill from first to last coordinate, -1 the other way, 0 not a long downhill. */
        final int downhill;
        final double[] lat;
        final double[] lon;
        final double minLat;
        final double maxLat;
        final double minLon;
        final double maxLon;

        Section(JsonNode f) {
            JsonNode p = f.get("properties");
            id = p.get("sectionId").asText();
            kind = p.get("kind").asText();
            prefecture = p.path("prefecture").asText(null);
            limit = p.get("speedLimitKmh").asInt();
            bufferM = p.get("bufferM").asDouble();
            String dir = p.path("downhillDirection").asText("");
            downhill = !kind.equals("LONG_DOWNHILL") ? 0 : dir.equals("REVERSE") ? -1 : 1;
            JsonNode c = f.get("geometry").get("coordinates");
            lat = new double[c.size()];
            lon = new double[c.size()];
            double a = 90;
            double b = -90;
            double x = 180;
            double y = -180;
            for (int i = 0; i < c.size(); i++) {
                lon[i] = c.get(i).get(0).asDouble();
                lat[i] = c.get(i).get(1).asDouble();
                a = Math.min(a, lat[i]);
                b = Math.max(b, lat[i]);
                x = Math.min(x, lon[i]);
                y = Math.max(y, lon[i]);
            }
            minLat = a;
            maxLat = b;
            minLon = x;
            maxLon = y;
        }
    }

    private static List<Section> readSections(JsonNode fc) {
        List<Section> out = new ArrayList<>();
        for (JsonNode f : fc.get("features")) {
            out.add(new Section(f));
        }
        return out;
    }

    /** A position's nearest section within the margin: distance and fraction along (by plane length). */
    record Hit(Section section, double distanceM, double fraction) {
    }

    Hit near(double lat, double lon, double marginM) {
        Hit best = null;
        double mx = M_PER_DEG * Math.cos(Math.toRadians(lat));
        for (Section s : sections) {
            double m = s.bufferM + marginM;
            if (lat < s.minLat - m / M_PER_DEG || lat > s.maxLat + m / M_PER_DEG
                    || lon < s.minLon - m / mx || lon > s.maxLon + m / mx) {
                continue;
            }
            double total = 0;
            double bestD = Double.MAX_VALUE;
            double bestAlong = 0;
            for (int i = 1; i < s.lat.length; i++) {
                double ax = (s.lon[i - 1] - lon) * mx;
                double ay = (s.lat[i - 1] - lat) * M_PER_DEG;
                double bx = (s.lon[i] - lon) * mx;
                double by = (s.lat[i] - lat) * M_PER_DEG;
                double dx = bx - ax;
                double dy = by - ay;
                double len = Math.hypot(dx, dy);
                double t = len == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (len * len)));
                double d = Math.hypot(ax + t * dx, ay + t * dy);
                if (d < bestD) {
                    bestD = d;
                    bestAlong = total + t * len;
                }
                total += len;
            }
            if (bestD <= m && (best == null || bestD < best.distanceM)) {
                best = new Hit(s, bestD, total > 0 ? bestAlong / total : 0);
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- vehicles and routes

    /** A route: a polyline in degrees with cumulative metres. */
    static final class Route {
        final double[] lat;
        final double[] lon;
        final double[] cum;

        Route(List<double[]> pts) {
            lat = new double[pts.size()];
            lon = new double[pts.size()];
            cum = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                lat[i] = pts.get(i)[0];
                lon[i] = pts.get(i)[1];
                if (i > 0) {
                    double mx = M_PER_DEG * Math.cos(Math.toRadians(lat[i]));
                    cum[i] = cum[i - 1] + Math.hypot((lon[i] - lon[i - 1]) * mx, (lat[i] - lat[i - 1]) * M_PER_DEG);
                }
            }
        }

        double length() {
            return cum[cum.length - 1];
        }

        /** {lat, lon, heading degrees (forward)} at s metres along. */
        double[] at(double s) {
            int i = 1;
            while (i < cum.length - 1 && cum[i] < s) {
                i++;
            }
            double seg = cum[i] - cum[i - 1];
            double f = seg == 0 ? 0 : Math.max(0, Math.min(1, (s - cum[i - 1]) / seg));
            double la = lat[i - 1] + f * (lat[i] - lat[i - 1]);
            double lo = lon[i - 1] + f * (lon[i] - lon[i - 1]);
            double mx = M_PER_DEG * Math.cos(Math.toRadians(la));
            double h = Math.toDegrees(Math.atan2((lon[i] - lon[i - 1]) * mx, (lat[i] - lat[i - 1]) * M_PER_DEG));
            return new double[] {la, lo, (h + 360) % 360};
        }
    }

    /** Regions with dangerous sections, by prefecture code; other prefectures' vehicles are spread over them. */
    private static final List<Set<String>> REGIONS = List.of(Set.of("220600"), Set.of("220500"), Set.of("222400"),
            Set.of("220200", "220400"));

    final class Model {
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

        Model(int index, Vehicle v, long seed) {
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
            for (int i = pool.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                Section t = pool.get(i);
                pool.set(i, pool.get(j));
                pool.set(j, t);
            }
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
            phase = r.nextInt((int) config.reportInterval().getSeconds());
            firstDriveMin = r.nextInt(80);
        }
    }

    // ---------------------------------------------------------------- scenario overrides

    /** What a scenario changes in one vehicle's run. */
    static final class Ov {
        /** SPEED, NO_REST, NO_BAN, BURST, ALARM. */
        final String kind;
        final long from;
        final long to;
        /** SPEED only on this section (null: anywhere allowed by offSection). */
        String sectionId;
        boolean offSection;
        double[] speeds;

        Ov(String kind, long from, long to) {
            this.kind = kind;
            this.from = from;
            this.to = to;
        }

        boolean covers(long t) {
            return t >= from && t <= to;
        }
    }

    private static final double[] BURST = {45, 46, 30, 12, 0};
    private static final long BURST_STEP = 2;

    /** One position report. */
    record Report(long ts, double lat, double lon, double speed, boolean driving, Hit hit, String line) {
        /** On the section as the job will match it (inside its buffer, with a margin for GPS noise). */
        Section on() {
            return hit != null && hit.distanceM <= hit.section.bufferM - 15 ? hit.section : null;
        }
    }

    /** One vehicle's run: a deterministic stepper producing its reports in time order. */
    final class Run {
        final Model m;
        final List<Ov> ovs;
        final SplittableRandom rnd;
        long nextTs;
        double s;
        int dir;
        boolean driving;
        long until;
        int speedIdx;
        Ov speedOv;
        long stoppedUntil = Long.MIN_VALUE;

        Run(Model m, List<Ov> ovs) {
            this.m = m;
            this.ovs = ovs;
            this.rnd = new SplittableRandom(m.seed ^ 0x5151_5151L);
            this.nextTs = startSec + m.phase;
            this.s = m.startS;
            this.dir = m.startDir;
            this.driving = true;
            this.until = startSec + m.firstDriveMin * 60;
        }

        private Ov active(String kind, long t) {
            for (Ov o : ovs) {
                if (o.kind.equals(kind) && o.covers(t)) {
                    return o;
                }
            }
            return null;
        }

        private double gauss(double sd, double clip) {
            double g = rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 2; // ~N(0, 1/3)
            return Math.max(-clip, Math.min(clip, g * 1.732 * sd));
        }

        Report next() {
            long t = nextTs;
            long interval = config.reportInterval().getSeconds();
            double[] p = m.route.at(s);
            Hit near = near(p[0], p[1], 100);
            boolean noRest = active("NO_REST", t) != null;
            boolean noBan = active("NO_BAN", t) != null;
            if (!driving && t >= until && t >= stoppedUntil) {
                driving = true;
                until = t + (80 + rnd.nextInt(16)) * 60L;
            }
            if (driving && near == null && !noRest) {
                if (t >= until) {
                    driving = false;
                    until = t + (25 + rnd.nextInt(11)) * 60L;
                } else if (m.v.bannedAtNight() && !noBan && parkForBan(t)) {
                    driving = false;
                    until = banEnd(t) + (5 + rnd.nextInt(16)) * 60L;
                }
            }
            double speed;
            long alarm = 0;
            Ov burst = active("BURST", t);
            Ov crash = active("ALARM", t);
            if (burst != null && t - burst.from < BURST.length * BURST_STEP) {
                int i = (int) ((t - burst.from) / BURST_STEP);
                speed = BURST[i];
                interval = BURST_STEP;
                if (i == BURST.length - 1) {
                    stoppedUntil = burst.to;
                    interval = config.reportInterval().getSeconds();
                }
            } else if (crash != null && t - crash.from < interval) {
                speed = 0;
                alarm = COLLISION;
                stoppedUntil = crash.to;
            } else if (t < stoppedUntil) {
                speed = 0;
            } else if (!driving) {
                speed = 0;
            } else {
                double target = near != null ? near.section.limit * m.sectionFactor : m.cruise;
                speed = Math.max(5, target + gauss(1.2, 3));
                Ov o = active("SPEED", t);
                Hit on = near(p[0], p[1], 0);
                boolean applies = o != null && (o.sectionId != null ? on != null && on.section.id.equals(o.sectionId)
                        : !o.offSection || near == null);
                if (applies) {
                    if (speedOv != o) {
                        speedOv = o;
                        speedIdx = 0;
                    }
                    speed = o.speeds[Math.min(speedIdx++, o.speeds.length - 1)];
                }
            }
            speed = Math.round(speed * 10) / 10.0;
            double mx = M_PER_DEG * Math.cos(Math.toRadians(p[0]));
            double noise = config.gpsNoiseM();
            double lat = p[0] + gauss(noise, 3 * noise) / M_PER_DEG;
            double lon = p[1] + gauss(noise, 3 * noise) / mx;
            double heading = dir > 0 ? p[2] : (p[2] + 180) % 360;
            boolean acc = speed > 0 || (driving && t >= stoppedUntil);
            String line = String.format(Locale.ROOT, "{\"type\":\"vehicle.position\",\"ts\":\"%s\",\"vehicleId\":\"%s\","
                            + "\"lat\":%.6f,\"lon\":%.6f,\"speedKmh\":%.1f,\"heading\":%.0f,\"acc\":%s%s}", formatTs(t),
                    m.v.id, lat, lon, speed, Math.floor(heading) % 360, acc, alarm == 0 ? "" : ",\"alarmFlags\":" + alarm);
            Report r = new Report(t, lat, lon, speed, speed > 5, near(p[0], p[1], 0), line);
            s += dir * speed / 3.6 * interval;
            if (s >= m.route.length() || s <= 0) {
                s = Math.max(0, Math.min(m.route.length(), s));
                dir = -dir;
                if (!noRest) { // turning round at the end of the line: a rest at the terminus
                    driving = false;
                    until = t + (20 + rnd.nextInt(11)) * 60L;
                }
            }
            nextTs = t + interval;
            return r;
        }
    }

    /** Long buses stop from 01:30 (so no section holds them past 02:00) until 05:00. */
    private static boolean parkForBan(long t) {
        LocalTime l = local(t);
        return !l.isBefore(LocalTime.of(1, 30)) && l.isBefore(LocalTime.of(5, 0));
    }

    private static long banEnd(long t) {
        OffsetDateTime d = OffsetDateTime.ofInstant(Instant.ofEpochSecond(t), JILIN);
        return d.toLocalDate().atTime(5, 0).atOffset(JILIN).toEpochSecond();
    }

    List<Report> simulate(Model m, List<Ov> ovs) {
        Run r = new Run(m, ovs);
        List<Report> out = new ArrayList<>();
        while (r.nextTs < endSec) {
            out.add(r.next());
        }
        return out;
    }

    // ---------------------------------------------------------------- planning

    private final class Planner {
        private final SplittableRandom rnd;
        private final Set<String> used = new HashSet<>();
        private final Map<String, List<Report>> baselines = new HashMap<>();

        Planner(SplittableRandom rnd) {
            this.rnd = rnd;
        }

        void plan() {
            List<VehicleScenario> kinds = new ArrayList<>(config.scenarios().isEmpty()
                    ? Set.of() : EnumSet.copyOf(config.scenarios()));
            kinds.sort(Comparator.naturalOrder());
            for (VehicleScenario k : kinds) {
                place(k);
            }
        }

        private List<Model> candidates(String... classes) {
            List<Model> out = new ArrayList<>();
            for (String c : classes) {
                List<Model> of = new ArrayList<>();
                for (Model m : models) {
                    if (m.v.seeded && m.v.cls.equals(c) && !used.contains(m.v.id)) {
                        of.add(m);
                    }
                }
                for (int i = of.size() - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    Model t = of.get(i);
                    of.set(i, of.get(j));
                    of.set(j, t);
                }
                out.addAll(of);
            }
            return out;
        }

        private List<Report> baseline(Model m) {
            return baselines.computeIfAbsent(m.v.id, k -> simulate(m, List.of()));
        }

        private void place(VehicleScenario k) {
            long ws = startSec + 20 * 60;
            long we = endSec - 15 * 60;
            String[] classes = switch (k) {
                case NIGHT_BAN -> new String[] {"LONG_DISTANCE_BUS"};
                case NIGHT_SPEEDING -> new String[] {"TOURIST_COACH", "LONG_DISTANCE_BUS"};
                case TERMINAL_ALARM -> new String[] {"TOURIST_COACH", "LONG_DISTANCE_BUS", "HAZMAT_TRUCK"};
                case DOWNHILL_RUNAWAY, SUDDEN_STOP -> new String[] {"HAZMAT_TRUCK", "TOURIST_COACH", "LONG_DISTANCE_BUS"};
                default -> new String[] {"HAZMAT_TRUCK"};
            };
            for (Model m : candidates(classes)) {
                if (k == VehicleScenario.NIGHT_BAN && !m.v.bannedAtNight()) {
                    continue;
                }
                List<Report> b = baseline(m);
                int tries = 0;
                int from = rnd.nextInt(Math.max(1, b.size() / 2));
                for (int n = 0; n < b.size() && tries < 40; n++) {
                    int i = (from + n) % b.size();
                    Report r = b.get(i);
                    if (r.ts < ws || r.ts > we || i == 0 || i + 1 >= b.size()) {
                        continue;
                    }
                    List<Ov> ovs = propose(k, m, b, i);
                    if (ovs == null) {
                        continue;
                    }
                    tries++;
                    VehicleLabel label = verify(k, m, ovs, simulate(m, ovs));
                    if (label != null) {
                        used.add(m.v.id);
                        overrides.put(m.v.id, ovs);
                        labels.add(label);
                        return;
                    }
                    if (k == VehicleScenario.NIGHT_BAN) {
                        break;
                    }
                }
            }
        }

        /** Overrides for the scenario at report i of the baseline, or null when the moment does not fit. */
        private List<Ov> propose(VehicleScenario k, Model m, List<Report> b, int i) {
            Report r = b.get(i);
            Report prev = b.get(i - 1);
            Report next = b.get(i + 1);
            Section on = r.on();
            boolean off = r.hit == null && near(r.lat, r.lon, 100) == null;
            switch (k) {
                case SECTION_SPEEDING: {
                    if (!r.driving || on == null || on.downhill != 0 || prev.on() == on || next.on() != on) {
                        return null;
                    }
                    Ov o = new Ov("SPEED", r.ts, r.ts + 15 * 60);
                    o.sectionId = on.id;
                    o.speeds = new double[] {Math.round(on.limit * 1.3)};
                    return List.of(o);
                }
                case CLASS_SPEEDING:
                case AT_CLASS_LIMIT:
                case NIGHT_SPEEDING: {
                    if (!r.driving || !off || (k == VehicleScenario.NIGHT_SPEEDING
                            && !(isNight(r.ts) && isNight(r.ts + 150)))) {
                        return null;
                    }
                    Ov o = new Ov("SPEED", r.ts, r.ts + 150);
                    o.offSection = true;
                    o.speeds = new double[] {k == VehicleScenario.CLASS_SPEEDING ? 92
                            : k == VehicleScenario.AT_CLASS_LIMIT ? 80 : 88};
                    Ov keep = new Ov("NO_REST", r.ts, r.ts + 150);
                    return List.of(o, keep);
                }
                case NIGHT_BAN: {
                    return List.of(new Ov("NO_BAN", startSec, endSec));
                }
                case FATIGUE: {
                    long need = (isNight(r.ts) ? 2 : 4) * 3600L;
                    if (!r.driving || prev.driving || isNight(r.ts) != isNight(r.ts + need + 20 * 60)
                            || r.ts + need + 40 * 60 > endSec) {
                        return null;
                    }
                    return List.of(new Ov("NO_REST", r.ts, r.ts + need + 40 * 60));
                }
                case DOWNHILL_RUNAWAY: {
                    if (!r.driving || on == null || on.downhill == 0 || on.limit > (m.v.isBus() ? 70 : 50) || prev.on() == on
                            || next.on() != on || !downhill(on, r, next)) {
                        return null;
                    }
                    Ov o = new Ov("SPEED", next.ts, next.ts + 10 * 60);
                    o.sectionId = on.id;
                    o.speeds = new double[] {on.limit + 5, on.limit + 11, on.limit + 18, on.limit + 26,
                            on.limit * m.sectionFactor};
                    return List.of(o, new Ov("NO_REST", r.ts, r.ts + 10 * 60));
                }
                case SUDDEN_STOP: {
                    if (!r.driving || on == null || on.limit < 50 || next.on() != on
                            || (m.v.isBus() && isNight(r.ts))) {
                        return null;
                    }
                    return List.of(new Ov("BURST", r.ts, r.ts + 8 * 60));
                }
                case TERMINAL_ALARM: {
                    if (!r.driving || !off) {
                        return null;
                    }
                    return List.of(new Ov("ALARM", r.ts, r.ts + 10 * 60));
                }
                default:
                    return null;
            }
        }

        private boolean downhill(Section s, Report a, Report b) {
            Hit ha = near(a.lat, a.lon, 0);
            Hit hb = near(b.lat, b.lon, 0);
            if (ha == null || hb == null || ha.section != s || hb.section != s) {
                return false;
            }
            return s.downhill > 0 ? hb.fraction > ha.fraction : hb.fraction < ha.fraction;
        }

        /** Checks the scenario happened as intended in the run with overrides; its label, or null. */
        private VehicleLabel verify(VehicleScenario k, Model m, List<Ov> ovs, List<Report> run) {
            Ov o = ovs.get(0);
            List<Report> in = new ArrayList<>();
            for (Report r : run) {
                if (r.ts >= o.from && r.ts <= o.to) {
                    in.add(r);
                }
            }
            String section = null;
            long start;
            long end;
            switch (k) {
                case SECTION_SPEEDING: {
                    List<Report> hits = in.stream().filter(r -> r.on() != null && r.on().id.equals(o.sectionId)
                            && r.speed == o.speeds[0]).toList();
                    if (hits.size() < 3) {
                        return null;
                    }
                    section = o.sectionId;
                    start = hits.get(0).ts;
                    end = hits.get(hits.size() - 1).ts;
                    break;
                }
                case CLASS_SPEEDING:
                case AT_CLASS_LIMIT:
                case NIGHT_SPEEDING: {
                    if (in.size() < 5 || in.stream().anyMatch(r -> r.speed != o.speeds[0]
                            || near(r.lat, r.lon, 60) != null)) {
                        return null;
                    }
                    start = in.get(0).ts;
                    end = in.get(in.size() - 1).ts;
                    break;
                }
                case NIGHT_BAN: {
                    List<Report> moving = run.stream().filter(r -> isBanWindow(r.ts) && r.speed > 10).toList();
                    if (moving.size() < 3) {
                        return null;
                    }
                    start = moving.get(0).ts;
                    end = moving.get(moving.size() - 1).ts;
                    break;
                }
                case FATIGUE: {
                    if (in.isEmpty() || in.stream().filter(r -> !r.driving).count() > 0) {
                        return null;
                    }
                    start = in.get(0).ts;
                    end = in.get(in.size() - 1).ts;
                    break;
                }
                case DOWNHILL_RUNAWAY: {
                    if (in.size() < 4) {
                        return null;
                    }
                    for (int i = 0; i < 4; i++) {
                        Report r = in.get(i);
                        if (r.on() == null || !r.on().id.equals(o.sectionId) || r.speed != o.speeds[i]) {
                            return null;
                        }
                    }
                    int pi = run.indexOf(in.get(0)) - 1;
                    if (pi < 0 || !downhill(in.get(0).on(), run.get(pi), in.get(0))
                            || !downhill(in.get(0).on(), in.get(0), in.get(1))
                            || !downhill(in.get(0).on(), in.get(1), in.get(2))
                            || !downhill(in.get(0).on(), in.get(2), in.get(3))) {
                        return null;
                    }
                    section = o.sectionId;
                    start = in.get(0).ts;
                    end = in.get(3).ts;
                    break;
                }
                case SUDDEN_STOP: {
                    if (in.size() < BURST.length) {
                        return null;
                    }
                    Section s0 = in.get(0).on();
                    for (int i = 0; i < BURST.length; i++) {
                        if (in.get(i).on() == null || in.get(i).on() != s0) {
                            return null;
                        }
                    }
                    section = s0.id;
                    start = in.get(0).ts;
                    end = in.get(BURST.length - 1).ts;
                    break;
                }
                case TERMINAL_ALARM: {
                    if (in.isEmpty() || !in.get(0).line.contains("alarmFlags")) {
                        return null;
                    }
                    start = in.get(0).ts;
                    end = start;
                    break;
                }
                default:
                    return null;
            }
            return new VehicleLabel(k.scenarioId(), k, m.v.id, m.v.id, m.v.cls, section, formatTs(start),
                    formatTs(end), k.ruleId(), k.minLevel(), k.ruleId() == null ? Boolean.TRUE : null);
        }
    }
}
