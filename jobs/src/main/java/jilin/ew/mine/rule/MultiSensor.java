package jilin.ew.mine.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jilin.ew.alert.Detection;
import jilin.ew.mine.MineSignal;
import jilin.ew.mine.MineSignal.Kind;
import jilin.ew.mine.SensorInfo;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** MINE_MULTI_SENSOR: two or more CH4 sensors of one district enter ALARM within the window (section 6). */
public final class MultiSensor extends MineCepRule {
    public static final String ID = "MINE_MULTI_SENSOR";

    MultiSensor() {
        super(ID, EnumSet.of(Kind.BAND_CHANGE), true);
    }

    /** A CH4 sensor of a district enters ALARM (or worse), then another one does, within the window. */
    @Override
    public Pattern<MineSignal, ?> pattern(RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        return Pattern.<MineSignal>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(MultiSensor::entersAlarm))
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
        return s.is(Kind.BAND_CHANGE) && "CH4".equals(s.sensorKind) && "NORMAL".equals(s.fromBand);
    }

    @Override
    public Detection detect(List<MineSignal> all, MineSignal about, SensorInfo s, RuleConfig c, RuleSet rules,
                            List<String> evidence) {
        MineSignal first = all.get(0);
        MineSignal last = all.get(all.size() - 1);
        List<String> sensors = new ArrayList<>();
        all.forEach(m -> sensors.add(m.sensorId));
        Detection d = MineDetections.of(ID, c.level(), s, first.districtKey, rules, first.ts, last.ts,
                true, "District-wide CH4 alarm in " + first.districtKey,
                "CH4 sensors " + String.join(", ", sensors) + " of district " + s.district + " of "
                        + s.mineName + " (" + s.mineId + ") entered alarm within "
                        + (last.ts - first.ts) / 1000 + " s of each other: a district-wide gas "
                        + "accumulation; cut power to the district and withdraw everyone.", evidence);
        d.sensorId = null;
        d.contains.addAll(MineDetections.CONTAINED_CH4); // every CH4 sensor alert of the district
        return d;
    }
}
