package jilin.ew.mine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Level;
import jilin.ew.seeds.SeedCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * The mine domain's Flink CEP patterns over {@link MineSignal}s, and the functions that turn their matches
 * into detections. Pattern structure is fixed at deploy time; the numbers come from the rule set.
 */
public final class MinePatterns {
    private MinePatterns() {}

    /** The single-reading CH4 alerts an escalation (same sensor) or a district alert (its sensors) absorbs. */
    static final List<String> CONTAINED_CH4 = List.of(MineRules.CH4_ALARM, MineRules.CH4_POWER_CUT);

    /** NORMAL -> ALARM, then -> POWER_CUT on the same sensor within the window. */
    public static Pattern<MineSignal, ?> escalation(RuleSet rules) {
        RuleConfig c = rules.rule(MineRules.CH4_ESCALATION);
        return Pattern.<MineSignal>begin("alarm", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> "BAND_CHANGE".equals(s.kind) && "NORMAL".equals(s.fromBand)
                        && "ALARM".equals(s.toBand)))
                .followedBy("cut")
                .where(SimpleCondition.of(s -> "BAND_CHANGE".equals(s.kind) && "POWER_CUT".equals(s.toBand)))
                .within(Duration.ofSeconds((long) c.param("windowSec")));
    }

    /** `readings` consecutive rising steps of one sensor, with no non-rising reading between them. */
    public static Pattern<MineSignal, ?> rapidRise(RuleSet rules) {
        RuleConfig c = rules.rule(MineRules.CH4_RAPID_RISE);
        int n = (int) c.param("readings");
        return Pattern.<MineSignal>begin("rise", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> "RISE_STEP".equals(s.kind)))
                .times(n).consecutive()
                .within(Duration.ofSeconds((long) (c.param("maxGapSec") * (n + 1))));
    }

    /** A CH4 sensor of a district enters ALARM (or worse), then another one does, within the window. */
    public static Pattern<MineSignal, ?> multiSensor(RuleSet rules) {
        RuleConfig c = rules.rule(MineRules.MULTI_SENSOR);
        return Pattern.<MineSignal>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(MinePatterns::entersAlarm))
                .followedBy("second")
                .where(new IterativeCondition<MineSignal>() {
                    @Override
                    public boolean filter(MineSignal s, Context<MineSignal> ctx) throws Exception {
                        if (!entersAlarm(s)) {
                            return false;
                        }
                        for (MineSignal f : ctx.getEventsForPattern("first")) {
                            if (f.sensorId.equals(s.sensorId)) {
                                return false;
                            }
                        }
                        return true;
                    }
                })
                .within(Duration.ofSeconds((long) c.param("windowSec")));
    }

    static boolean entersAlarm(MineSignal s) {
        return "BAND_CHANGE".equals(s.kind) && "CH4".equals(s.sensorKind) && "NORMAL".equals(s.fromBand);
    }

    /** CO and TEMP both trending up in one district within the window, in either order. */
    public static Pattern<MineSignal, ?> coWithTemp(RuleSet rules) {
        RuleConfig c = rules.rule(MineRules.CO_ALARM);
        return Pattern.<MineSignal>begin("a", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> "TREND_UP".equals(s.kind)))
                .followedBy("b")
                .where(new IterativeCondition<MineSignal>() {
                    @Override
                    public boolean filter(MineSignal s, Context<MineSignal> ctx) throws Exception {
                        if (!"TREND_UP".equals(s.kind)) {
                            return false;
                        }
                        for (MineSignal a : ctx.getEventsForPattern("a")) {
                            if (!a.sensorKind.equals(s.sensorKind)) {
                                return true;
                            }
                        }
                        return false;
                    }
                })
                .within(Duration.ofSeconds((long) c.param("windowSec")));
    }

    /** Turns matches into detections; which rule is chosen by the constructor. */
    public static class ToDetection extends PatternProcessFunction<MineSignal, Detection> {
        private static final long serialVersionUID = 1L;
        private final String ruleId;
        private final RuleSet rules;
        private final Reference reference;
        private transient SeedCatalog catalog;

        public ToDetection(String ruleId, RuleSet rules, Reference reference) {
            this.ruleId = ruleId;
            this.rules = rules;
            this.reference = reference;
        }

        @Override
        public void open(OpenContext ctx) {
            catalog = reference.catalog();
        }

        /** The subject of a signal, from the definition the per-sensor function resolved it with. */
        private SensorInfo info(MineSignal m) {
            return MineClassifier.resolve(m, catalog, rules);
        }

        @Override
        public void processMatch(Map<String, List<MineSignal>> match, Context ctx, Collector<Detection> sink) {
            if (!rules.enabled(ruleId)) {
                return;
            }
            List<MineSignal> all = new ArrayList<>();
            match.values().forEach(all::addAll);
            all.sort((x, y) -> Long.compare(x.ts, y.ts));
            MineSignal first = all.get(0);
            MineSignal last = all.get(all.size() - 1);
            // the CO-with-temperature alert is about the CO sensor, every other about the first sensor matched
            MineSignal about = MineRules.CO_ALARM.equals(ruleId) && !"CO".equals(first.sensorKind) ? last : first;
            SensorInfo s = info(about);
            if (s == null) {
                return; // only a signal restored from an older savepoint, of a sensor the seeds do not know
            }
            // the pattern is deploy-time, but the bands it matched came from the rules in force: stamp their version
            Collector<Detection> out = new Collector<>() {
                @Override
                public void collect(Detection d) {
                    if (last.ruleSetVersion != null) {
                        d.ruleSetVersion = last.ruleSetVersion;
                    }
                    if ("CH4".equals(last.sensorKind)) {
                        d.reading = last.value; // what keeps the subject's other alerts alive (restore, alarm)
                    }
                    sink.collect(d);
                }

                @Override
                public void close() {}
            };
            List<String> evidence = new ArrayList<>();
            for (MineSignal m : all) {
                evidence.add(m.raw);
            }
            RuleConfig c = rules.rule(ruleId);
            switch (ruleId) {
                case MineRules.CH4_ESCALATION: {
                    Detection d = MineDetections.of(ruleId, c.level, s, s.sensorId, rules, first.ts, last.ts, true,
                            "CH4 escalating to power cut at " + s.sensorId,
                            "CH4 at the " + MineDetections.where(s) + " rose from normal through the alarm value to "
                                    + MineDetections.pct(last.value) + ", at or above the power-cut value, within "
                                    + (last.ts - first.ts) / 1000 + " s: ventilation has likely failed; cut power, "
                                    + "withdraw everyone from the district and restore ventilation.", evidence);
                    d.contains.addAll(CONTAINED_CH4);
                    out.collect(d);
                    break;
                }
                case MineRules.CH4_RAPID_RISE: {
                    double rate = 0;
                    for (MineSignal m : all) {
                        rate = Math.max(rate, m.rate);
                    }
                    out.collect(MineDetections.of(ruleId, c.level, s, s.sensorId, rules, first.ts, last.ts, true,
                            "Rapid CH4 rise (outburst precursor) at " + s.sensorId,
                            String.format(java.util.Locale.ROOT, "CH4 at the %s rose %d readings in a row, up to "
                                            + "%.2f %%/min, to %s: a possible outburst precursor; stop work, "
                                            + "withdraw the heading crew and check outburst prevention measures.",
                                    MineDetections.where(s), all.size(), rate, MineDetections.pct(last.value)),
                            evidence));
                    break;
                }
                case MineRules.MULTI_SENSOR: {
                    List<String> sensors = new ArrayList<>();
                    all.forEach(m -> sensors.add(m.sensorId));
                    Detection d = MineDetections.of(ruleId, c.level, s, first.districtKey, rules, first.ts, last.ts,
                            true, "District-wide CH4 alarm in " + first.districtKey,
                            "CH4 sensors " + String.join(", ", sensors) + " of district " + s.district + " of "
                                    + s.mineName + " (" + s.mineId + ") entered alarm within "
                                    + (last.ts - first.ts) / 1000 + " s of each other: a district-wide gas "
                                    + "accumulation; cut power to the district and withdraw everyone.", evidence);
                    d.sensorId = null;
                    d.contains.addAll(CONTAINED_CH4); // every CH4 sensor alert of the district
                    out.collect(d);
                    break;
                }
                case MineRules.CO_ALARM: {
                    MineSignal co = about;
                    MineSignal temp = co == first ? last : first;
                    Level level = c.level.raise((int) c.param("risingLevelSteps", 1));
                    out.collect(MineDetections.of(ruleId, level, s, s.sensorId, rules, first.ts, last.ts, true,
                            "CO and temperature rising together at " + s.districtKey(),
                            String.format(java.util.Locale.ROOT, "CO at the %s rose %.1f ppm (to %.1f ppm) while "
                                            + "temperature sensor %s rose %.1f °C: a spontaneous-combustion or fire "
                                            + "precursor; check the goaf and belt, prepare to withdraw.",
                                    MineDetections.where(s), co.rate, co.value, temp.sensorId, temp.rate),
                            evidence));
                    break;
                }
                default:
                    throw new IllegalStateException("no detection for rule " + ruleId);
            }
        }
    }
}
