package jilin.ew.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The dangerous road sections of the seeds as the vehicle simulator needs them, the routes built on them, and where a position lies. */
final class SimRoads {
    static final double M_PER_DEG = 6_371_008.8 * Math.PI / 180.0;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final List<Section> sections;

    SimRoads() {
        this.sections = readSections(resource("road-sections.geojson"));
    }

    /** A seed file from the classpath ({@code /seeds/NAME}). */
    static JsonNode resource(String name) {
        try (InputStream in = SimRoads.class.getResourceAsStream("/seeds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("seed file missing from the classpath: /seeds/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
