package jilin.ew.mine.rule;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jilin.ew.alert.Detection;
import jilin.ew.mine.MineSignal;
import jilin.ew.mine.MineSignal.Kind;
import jilin.ew.mine.SensorInfo;
import jilin.ew.mine.SensorState;
import jilin.ew.mine.WaitingReading;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * MINE_CH4_RAPID_RISE: CH4 rising at least ratePctPerMin over `readings` consecutive readings, an outburst
 * precursor (docs/design.md section 6). Each reading gives a RISE_STEP or, after one, a RISE_BREAK signal.
 */
public final class Ch4RapidRise extends MineCepRule {
    public static final String ID = "MINE_CH4_RAPID_RISE";

    Ch4RapidRise() {
        super(ID, EnumSet.of(Kind.RISE_STEP, Kind.RISE_BREAK), false);
    }

    /**
     * The rise signal of a CH4 reading taken in event-time order after the sensor's last one ({@code s.lastTs},
     * {@code s.lastValue}): RISE_STEP, RISE_BREAK when a rise ends, else null; keeps {@code s.lastWasRise}.
     */
    public static MineSignal signal(SensorInfo info, SensorState s, WaitingReading p, RuleSet rules) {
        RuleConfig rise = rules.rules().get(ID);
        if (rise == null || Double.isNaN(s.lastValue)) {
            return null;
        }
        long gap = p.ts - s.lastTs;
        double rate = gap > 0 ? (p.value - s.lastValue) / (gap / 60_000.0) : 0;
        if (gap <= rise.param("maxGapSec") * 1000 && rate >= rise.param("ratePctPerMin")) {
            MineSignal sig = MineSignal.of(Kind.RISE_STEP, info, p.ts, p.value, p.raw(info.sensorId), rules.version());
            sig.rate = rate;
            s.lastWasRise = true;
            return sig;
        }
        if (s.lastWasRise) {
            s.lastWasRise = false;
            return MineSignal.of(Kind.RISE_BREAK, info, p.ts, p.value, p.raw(info.sensorId), rules.version());
        }
        return null;
    }

    /** `readings` consecutive rising steps of one sensor, with no non-rising reading between them. */
    @Override
    public Pattern<MineSignal, ?> pattern(RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        int n = (int) c.param("readings");
        return Pattern.<MineSignal>begin("rise", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.is(Kind.RISE_STEP)))
                .times(n).consecutive()
                .within(Duration.ofSeconds((long) (c.param("maxGapSec") * (n + 1))));
    }

    @Override
    public Detection detect(List<MineSignal> all, MineSignal about, SensorInfo s, RuleConfig c, RuleSet rules,
                            List<String> evidence) {
        MineSignal first = all.get(0);
        MineSignal last = all.get(all.size() - 1);
        double rate = 0;
        for (MineSignal m : all) {
            rate = Math.max(rate, m.rate);
        }
        return MineDetections.of(ID, c.level(), s, s.sensorId, rules, first.ts, last.ts, true,
                "Rapid CH4 rise (outburst precursor) at " + s.sensorId,
                String.format(Locale.ROOT, "CH4 at the %s rose %d readings in a row, up to "
                                + "%.2f %%/min, to %s: a possible outburst precursor; stop work, "
                                + "withdraw the heading crew and check outburst prevention measures.",
                        MineDetections.where(s), all.size(), rate, MineDetections.pct(last.value)),
                evidence);
    }
}
