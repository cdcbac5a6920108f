package jilin.ew.gas;

/**
 * A reading that can take part in a leak: a station's pressure at least the rule's drop below nominal
 * (PRESSURE_DROP), or a point's %LEL at or above the rule's level (LEL_RISE). The input of the leak pattern;
 * every other reading stays out of CEP.
 */
public class GasSignal implements jilin.ew.ingest.EventTimed {
    public static final String PRESSURE_DROP = "PRESSURE_DROP";
    public static final String LEL_RISE = "LEL_RISE";

    public String kind;
    /** Grid cell the signal is matched in (a drop is copied to the 3 x 3 cells around its station). */
    public String cell;
    public long ts;
    public double value;
    public GasStation point;
    public String raw;

    public GasSignal() {}

    public static GasSignal of(String kind, GasStation point, long ts, double value, String raw) {
        GasSignal s = new GasSignal();
        s.kind = kind;
        s.point = point;
        s.ts = ts;
        s.value = value;
        s.raw = raw;
        return s;
    }

    public GasSignal inCell(String cell) {
        GasSignal s = of(kind, point, ts, value, raw);
        s.cell = cell;
        return s;
    }

    @Override
    public String toString() {
        return kind + " " + point.stationId + " @" + ts + " " + value + " [" + cell + "]";
    }

    @Override
    public long eventTs() {
        return ts;
    }

    /** Signals of one event time in a fixed order for CEP (see {@link jilin.ew.mine.MineSignal.SameTimeOrder}). */
    public static final class SameTimeOrder implements org.apache.flink.cep.EventComparator<GasSignal> {
        private static final long serialVersionUID = 1L;
        private static final java.util.Comparator<GasSignal> ORDER = java.util.Comparator
                .comparing((GasSignal g) -> g.point == null ? "" : String.valueOf(g.point.stationId))
                .thenComparing(g -> String.valueOf(g.kind))
                .thenComparingDouble(g -> g.value)
                .thenComparing(g -> String.valueOf(g.raw));

        @Override
        public int compare(GasSignal a, GasSignal b) {
            return ORDER.compare(a, b);
        }
    }
}
