package jilin.ew.vehicle;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jilin.ew.geo.Geo;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Matches a position to the nearest dangerous road section within that section's buffer.
 *
 * <p>Lookup: an STRtree over each section's envelope, widened by its buffer, yields the few candidates
 * whose box holds the point, so the cost depends on how many sections overlap there, not on how many
 * there are. Distance: each section is projected once, when the index is built, onto an equirectangular
 * plane in metres centred on the section's envelope (x = dLon * cos(centre lat) * m/deg, y = dLat * m/deg);
 * the point is projected onto the same plane and JTS {@link LengthIndexedLine} gives the nearest point and
 * its length along the line. Over a section up to ~20 km long in Jilin (lat <= 46.3) the plane's scale error
 * is below 0.2 %, i.e. under 0.1 m on a 60 m buffer. The box widening uses the same plane, so it never
 * drops a point the plane distance would accept.
 *
 * <p>Serializable: only the sections are written; the tree and projections are rebuilt on reading
 * (microseconds for the seed set), so the index can travel in a Flink operator or be built in open().
 */
public final class SectionIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final GeometryFactory PLANE = new GeometryFactory();

    private final List<RoadSection> sections;
    private transient STRtree tree;

    public SectionIndex(Collection<RoadSection> sections) {
        this.sections = List.copyOf(sections);
        this.tree = build(this.sections);
    }

    /** An index over the sections shipped on the classpath. */
    public static SectionIndex defaults() {
        return new SectionIndex(RoadSections.defaults());
    }

    public List<RoadSection> sections() {
        return sections;
    }

    public int size() {
        return sections.size();
    }

    /**
     * The nearest section whose line lies within its {@code bufferM} of the position, with the distance and
     * the fraction along the line; empty if none does, or for a non-finite position. Ties go to the smaller
     * sectionId, so the answer does not depend on build order.
     */
    public Optional<SectionMatch> match(double lat, double lon) {
        if (!Double.isFinite(lat) || !Double.isFinite(lon)) {
            return Optional.empty();
        }
        Search s = new Search(lat, lon);
        tree.query(new Envelope(lon, lon, lat, lat), s);
        return Optional.ofNullable(s.best);
    }

    /** How many sections' buffered boxes hold the point: the distance computations a lookup does (benchmarks). */
    int candidateCount(double lat, double lon) {
        return tree.query(new Envelope(lon, lon, lat, lat)).size();
    }

    private static STRtree build(List<RoadSection> sections) {
        STRtree t = new STRtree();
        for (RoadSection s : sections) {
            Entry e = new Entry(s);
            t.insert(e.box, e);
        }
        t.build(); // built up front: a built STRtree is read-only, so concurrent queries are safe
        return t;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        this.tree = build(sections);
    }

    /** One section, projected onto its own metre plane. */
    private static final class Entry {
        final RoadSection section;
        final double refLat;
        final double refLon;
        final double mPerDegLon;
        final LengthIndexedLine indexed;
        final double lengthM;
        final Envelope box;

        Entry(RoadSection s) {
            this.section = s;
            LineString line = s.line();
            Envelope env = line.getEnvelopeInternal();
            this.refLat = env.centre().y;
            this.refLon = env.centre().x;
            this.mPerDegLon = Geo.metersPerDegreeLon(refLat);
            Coordinate[] src = line.getCoordinates();
            Coordinate[] xy = new Coordinate[src.length];
            for (int i = 0; i < src.length; i++) {
                xy[i] = toPlane(src[i].y, src[i].x);
            }
            LineString planar = PLANE.createLineString(xy);
            this.indexed = new LengthIndexedLine(planar);
            this.lengthM = planar.getLength();
            this.box = new Envelope(env);
            // buffer in degrees, in the plane's own scale, so the box holds every point the plane would accept
            box.expandBy(s.bufferM() / mPerDegLon, s.bufferM() / Geo.METERS_PER_DEGREE);
        }

        Coordinate toPlane(double lat, double lon) {
            return new Coordinate((lon - refLon) * mPerDegLon, (lat - refLat) * Geo.METERS_PER_DEGREE);
        }
    }

    /** Visitor holding the best candidate so far. */
    private static final class Search implements ItemVisitor {
        final double lat;
        final double lon;
        SectionMatch best;

        Search(double lat, double lon) {
            this.lat = lat;
            this.lon = lon;
        }

        @Override
        public void visitItem(Object item) {
            Entry e = (Entry) item;
            Coordinate p = e.toPlane(lat, lon);
            double along = e.indexed.project(p);
            double d = e.indexed.extractPoint(along).distance(p);
            if (d > e.section.bufferM()) {
                return;
            }
            if (best == null || d < best.distanceM()
                    || (d == best.distanceM() && e.section.sectionId().compareTo(best.section().sectionId()) < 0)) {
                double fraction = e.lengthM > 0 ? Math.min(1.0, Math.max(0.0, along / e.lengthM)) : 0.0;
                best = new SectionMatch(e.section, d, fraction, along);
            }
        }
    }
}
