package jilin.ew.vehicle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jilin.ew.geo.Jilin;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;

/**
 * Benchmark, not a test (docs/design.md section 8): SectionIndex lookups per second with 35, 3,500 and 35,000 sections.
 * Two layouts: "tiled" repeats the seed set side by side eastwards (the index only does planar maths, so
 * longitudes past 180 are fine), keeping the density of sections constant, which isolates the effect of the
 * count; "province" drops every copy at a random spot inside the province box, so density grows with the
 * count as well. Half the queries fall near a section vertex, half anywhere in the covered area.
 * Run: java -cp ... jilin.ew.vehicle.SectionIndexBench [seconds per measurement]
 */
public final class SectionIndexBench {

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        List<RoadSection> seed = RoadSections.defaults();
        System.out.printf("%-9s %-9s %-9s %-12s %-9s %-11s %-14s %-12s%n", "layout", "sections", "build ms",
                "lookups/s", "matched", "candidates", "one-tile /s", "box-scan /s");
        for (String layout : new String[] {"tiled", "province"}) {
            for (int copies : new int[] {1, 100, 1000}) {
                List<RoadSection> all = layout.equals("tiled") ? tiled(seed, copies) : spread(seed, copies, new Random(42));
                long t0 = System.nanoTime();
                SectionIndex index = new SectionIndex(all);
                double buildMs = (System.nanoTime() - t0) / 1e6;
                double[][] queries = queries(all, 100_000, new Random(7));
                run(index, queries, seconds / 2); // JIT warm-up
                double[] r = run(index, queries, seconds);
                double cands = 0;
                for (double[] q : queries) {
                    cands += index.candidateCount(q[0], q[1]);
                }
                // same index, queries only around the first 35 sections: the tree's depth without cache misses
                double[][] local = queries(all.subList(0, seed.size()), 100_000, new Random(9));
                run(index, local, seconds / 2);
                double oneTile = run(index, local, seconds)[0];
                System.out.printf("%-9s %-9d %-9.1f %-12.0f %-9s %-11.2f %-14.0f %-12.0f%n", layout, all.size(), buildMs,
                        r[0], String.format("%.1f %%", r[1] * 100), cands / queries.length, oneTile,
                        boxScan(all, queries, seconds));
            }
        }
    }

    /** Copy c of the seed set moved c * (seed width + 0.5 degrees) east: constant density. */
    static List<RoadSection> tiled(List<RoadSection> seed, int copies) {
        Envelope env = new Envelope();
        seed.forEach(s -> env.expandToInclude(s.line().getEnvelopeInternal()));
        double step = env.getWidth() + 0.5;
        List<RoadSection> out = new ArrayList<>(seed.size() * copies);
        for (int c = 0; c < copies; c++) {
            for (RoadSection s : seed) {
                out.add(moved(s, "#" + c, 0, c * step));
            }
        }
        return out;
    }

    /** Each section copied {@code copies} times, each copy's first vertex at a random spot in the province box. */
    static List<RoadSection> spread(List<RoadSection> seed, int copies, Random rnd) {
        List<RoadSection> out = new ArrayList<>(seed.size() * copies);
        for (int c = 0; c < copies; c++) {
            for (RoadSection s : seed) {
                if (copies == 1) {
                    out.add(s);
                    continue;
                }
                Coordinate first = s.line().getCoordinateN(0);
                double dLat = Jilin.MIN_LAT + 0.2 + rnd.nextDouble() * (Jilin.MAX_LAT - Jilin.MIN_LAT - 0.4) - first.y;
                double dLon = Jilin.MIN_LON + 0.2 + rnd.nextDouble() * (Jilin.MAX_LON - Jilin.MIN_LON - 0.4) - first.x;
                out.add(moved(s, "#" + c, dLat, dLon));
            }
        }
        return out;
    }

    static RoadSection moved(RoadSection s, String suffix, double dLat, double dLon) {
        Coordinate[] cs = s.line().getCoordinates();
        Coordinate[] moved = new Coordinate[cs.length];
        for (int i = 0; i < cs.length; i++) {
            moved[i] = new Coordinate(cs[i].x + dLon, cs[i].y + dLat);
        }
        LineString line = s.line().getFactory().createLineString(moved);
        return new RoadSection(s.sectionId() + suffix, s.name(), s.nameEn(), s.kind(), s.road(), s.prefecture(),
                s.speedLimitKmh(), s.nightSpeedLimitKmh(), s.lengthKm(), s.downhillDirection(), s.bufferM(), line);
    }

    /** Alternating: a point within ~10 m of a random section's vertex, then a random point in the covered area. */
    static double[][] queries(List<RoadSection> all, int n, Random rnd) {
        Envelope area = new Envelope();
        all.forEach(s -> area.expandToInclude(s.line().getEnvelopeInternal()));
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                LineString l = all.get(rnd.nextInt(all.size())).line();
                Coordinate c = l.getCoordinateN(rnd.nextInt(l.getNumPoints()));
                q[i] = new double[] {c.y + (rnd.nextDouble() - 0.5) * 1e-4, c.x + (rnd.nextDouble() - 0.5) * 1e-4};
            } else {
                q[i] = new double[] {area.getMinY() + rnd.nextDouble() * area.getHeight(),
                        area.getMinX() + rnd.nextDouble() * area.getWidth()};
            }
        }
        return q;
    }

    /** Reference without an index: box tests alone over every section, per second (no distance work at all). */
    static double boxScan(List<RoadSection> all, double[][] queries, double seconds) {
        double[] b = new double[all.size() * 4];
        for (int i = 0; i < all.size(); i++) {
            Envelope e = all.get(i).line().getEnvelopeInternal();
            double pad = all.get(i).bufferM() / 70_000.0; // roughly the index's widening, enough for a reference
            b[4 * i] = e.getMinX() - pad;
            b[4 * i + 1] = e.getMaxX() + pad;
            b[4 * i + 2] = e.getMinY() - pad;
            b[4 * i + 3] = e.getMaxY() + pad;
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long hits = 0;
        while (System.nanoTime() < end) {
            double[] p = queries[(int) (n++ % queries.length)];
            for (int i = 0; i < b.length; i += 4) {
                if (p[1] >= b[i] && p[1] <= b[i + 1] && p[0] >= b[i + 2] && p[0] <= b[i + 3]) {
                    hits++;
                }
            }
        }
        if (hits < 0) {
            System.out.println(); // keeps the JIT from dropping the loop
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** {lookups per second, share matched}. */
    static double[] run(SectionIndex index, double[][] queries, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long matched = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                double[] p = queries[(int) (n++ % queries.length)];
                if (index.match(p[0], p[1]).isPresent()) {
                    matched++;
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new double[] {n / elapsed, (double) matched / n};
    }
}
