package jilin.ew.mine;

import java.util.Optional;
import jilin.ew.rules.Ch4Threshold;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.MineSensorDef;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.seeds.SensorPoint;

/** Resolves sensors against seeds and rules, and classifies readings into bands. Pure: no Flink. */
public final class MineClassifier {
    private MineClassifier() {}

    /** A CH4 reading's band against its sensor's thresholds. */
    public static Band band(SensorInfo s, double value) {
        if (!Double.isNaN(s.powerCut) && value >= s.powerCut) {
            return Band.POWER_CUT;
        }
        return value >= s.alarm ? Band.ALARM : Band.NORMAL;
    }

    /**
     * The lowest CH4 reading that still keeps some alert of the sensor (or of its district) open: the alarm
     * value, or the restore value where that is lower (power stays off down to it). NaN: no thresholds.
     */
    public static double keepAliveFloor(SensorInfo s) {
        return Double.isNaN(s.restore) ? s.alarm : Math.min(s.alarm, s.restore);
    }

    /** Resolves a seed sensor point. */
    public static SensorInfo resolve(SensorPoint p, SeedCatalog catalog, RuleSet rules) {
        MineSensorDef d = new MineSensorDef(p.mineId(), p.sensorId(), String.valueOf(p.kind()),
                String.valueOf(p.location()), p.district());
        return resolve(d, catalog, rules);
    }

    /**
     * The sensor a signal came from, resolved from the definition it carries; a signal restored from an older
     * savepoint carries none and is resolved from the seeds. Null when neither knows the sensor.
     */
    public static SensorInfo resolve(MineSignal s, SeedCatalog catalog, RuleSet rules) {
        if (s.sensor != null) {
            return resolve(s.sensor, catalog, rules);
        }
        return catalog.sensor(s.sensorId).map(p -> resolve(p, catalog, rules)).orElse(null);
    }

    /** Resolves a definition (seed or stream): mine facts from the catalog, thresholds from the rule set unless overridden. */
    public static SensorInfo resolve(MineSensorDef d, SeedCatalog catalog, RuleSet rules) {
        Optional<Mine> mine = catalog.mine(d.mineId);
        double alarm = Double.NaN;
        double powerCut = Double.NaN;
        double restore = Double.NaN;
        if ("CH4".equals(d.kind)) {
            Ch4Threshold t = rules.ch4(d.location);
            if (t != null) {
                alarm = t.alarm();
                powerCut = t.powerCut() == null ? Double.NaN : t.powerCut();
                restore = t.restore();
            }
            if (d.alarm != null) {
                alarm = d.alarm;
            }
            if (d.powerCut != null) {
                powerCut = d.powerCut;
            }
            if (d.restore != null) {
                restore = d.restore;
            }
        }
        return new SensorInfo(d.sensorId, d.mineId, mine.map(Mine::name).orElse(d.mineId), d.kind, d.location,
                d.district, mine.map(Mine::prefecture).orElse(null), mine.map(Mine::operatorId).orElse(null),
                mine.map(m -> String.valueOf(m.status())).orElse("PRODUCING"),
                mine.map(Mine::disasterMine).orElse(false),
                mine.map(Mine::lat).orElse(null), mine.map(Mine::lon).orElse(null), alarm, powerCut, restore);
    }
}
