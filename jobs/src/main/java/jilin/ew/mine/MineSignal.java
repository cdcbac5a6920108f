package jilin.ew.mine;

import jilin.ew.schema.MineSensorDef;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A change worth matching, derived from one sensor's readings in event-time order: the input of the mine
 * CEP patterns. Only what can start or advance a pattern becomes a signal, so CEP sees a tiny stream.
 */
@TypeInfo(MineSignalSerializer.Factory.class)
public class MineSignal implements jilin.ew.ingest.EventTimed {
    /** What changed. */
    public enum Kind {
        /** A CH4 sensor's band changed (fromBand, toBand). */
        BAND_CHANGE,
        /** A CH4 reading rose fast enough over the previous one (rate). */
        RISE_STEP,
        /**
         * The first reading after a rise that did not rise fast enough: no longer sent (a run too short to match is
         * dropped where it is held), kept so that signals in savepoints of earlier versions still read.
         */
        RISE_BREAK,
        /** A CO or TEMP reading rose over the trend window (rate: the rise). */
        TREND_UP,
        /** The sensor has repeated one value long enough (since). */
        STUCK,
        /** A stuck sensor varies again. */
        UNSTUCK,
        /** The sensor's value changed (at most one a cadence). */
        VARY
    }

    /**
     * The {@link Kind}'s name: kept a String in state, as savepoints of earlier versions hold it (a POJO field of
     * another type would not restore); read and written through {@link #kind()} and {@link #of}.
     */
    private String kind;
    public String sensorId;
    public String sensorKind;
    public String districtKey;
    /**
     * The definition of the sensor (seed or stream) the signal came from, thresholds in force included: the
     * pattern operators resolve the alert's subject from it, as the per-sensor function did, never from the id.
     * Null only in signals restored from a savepoint of a version that did not carry it.
     */
    public MineSensorDef sensor;
    public long ts;
    public double value;
    public String fromBand;
    public String toBand;
    /** Rate of change (per minute) or rise over the trend window. */
    public double rate;
    /** For STUCK: since when the value has not changed. */
    public long since;
    /** The reading that produced the signal. */
    public String raw;
    /** Version of the rule set the signal was derived under (stamped on the alerts it leads to). */
    public String ruleSetVersion;

    public MineSignal() {}

    public static MineSignal of(Kind kind, SensorInfo s, long ts, double value, String raw) {
        MineSignal m = new MineSignal();
        m.kind = kind.name();
        m.sensorId = s.sensorId;
        m.sensorKind = s.kind;
        m.districtKey = s.districtKey();
        m.sensor = s.definition();
        m.ts = ts;
        m.value = value;
        m.raw = raw;
        return m;
    }

    public static MineSignal of(Kind kind, SensorInfo s, long ts, double value, String raw, String ruleSetVersion) {
        MineSignal m = of(kind, s, ts, value, raw);
        m.ruleSetVersion = ruleSetVersion;
        return m;
    }

    /** The kind of change; null only for a signal that has none. */
    public Kind kind() {
        return kind == null ? null : Kind.valueOf(kind);
    }

    /** Whether the signal is of the kind. */
    public boolean is(Kind k) {
        return k.name().equals(kind);
    }

    /** For the POJO serializer. */
    public String getKind() {
        return kind;
    }

    /** For the POJO serializer. */
    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public String toString() {
        return kind + " " + sensorId + " @" + ts + " " + value + (toBand == null ? "" : " " + fromBand + "->" + toBand);
    }

    @Override
    public long eventTs() {
        return ts;
    }

    /**
     * Signals of one event time in a fixed order for CEP (sensor, kind, value, reading): signals of a district
     * come from several parallel sensor operators, so their arrival order, which CEP otherwise keeps for equal
     * times, depends on thread timing.
     */
    public static final class SameTimeOrder implements org.apache.flink.cep.EventComparator<MineSignal> {
        private static final long serialVersionUID = 1L;
        private static final java.util.Comparator<MineSignal> ORDER = java.util.Comparator
                .comparing((MineSignal m) -> String.valueOf(m.sensorId))
                .thenComparing(m -> String.valueOf(m.kind)) // by name, as when kinds were strings
                .thenComparingDouble(m -> m.value)
                .thenComparingLong(m -> m.ts) // a held rising run goes out at one time (Ch4RapidRise)
                .thenComparing(m -> String.valueOf(m.raw));

        @Override
        public int compare(MineSignal a, MineSignal b) {
            return ORDER.compare(a, b);
        }
    }
}
