package jilin.ew.mine.rule;

import java.time.Duration;
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
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** MINE_CH4_ESCALATION: one sensor's band rises NORMAL -> ALARM -> POWER_CUT within the window (section 6). */
public final class Ch4Escalation extends MineCepRule {
    public static final String ID = "MINE_CH4_ESCALATION";

    Ch4Escalation() {
        super(ID, EnumSet.of(Kind.BAND_CHANGE), false);
    }

    /** NORMAL -> ALARM, then -> POWER_CUT on the same sensor within the window. */
    @Override
    public Pattern<MineSignal, ?> pattern(RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        return Pattern.<MineSignal>begin("alarm", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.is(Kind.BAND_CHANGE) && "NORMAL".equals(s.fromBand)
                        && "ALARM".equals(s.toBand)))
                .followedBy("cut")
                .where(SimpleCondition.of(s -> s.is(Kind.BAND_CHANGE) && "POWER_CUT".equals(s.toBand)))
                .within(Duration.ofSeconds((long) c.param("windowSec")));
    }

    @Override
    public Detection detect(List<MineSignal> all, MineSignal about, SensorInfo s, RuleConfig c, RuleSet rules,
                            List<String> evidence) {
        MineSignal first = all.get(0);
        MineSignal last = all.get(all.size() - 1);
        Detection d = MineDetections.of(ID, c.level(), s, s.sensorId, rules, first.ts, last.ts, true,
                "CH4 escalating to power cut at " + s.sensorId,
                "CH4 at the " + MineDetections.where(s) + " rose from normal through the alarm value to "
                        + MineDetections.pct(last.value) + ", at or above the power-cut value, within "
                        + (last.ts - first.ts) / 1000 + " s: ventilation has likely failed; cut power, "
                        + "withdraw everyone from the district and restore ventilation.", evidence);
        d.contains.addAll(MineDetections.CONTAINED_CH4);
        return d;
    }
}
