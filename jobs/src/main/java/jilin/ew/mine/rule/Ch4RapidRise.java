package jilin.ew.mine.rule;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import jilin.ew.alert.Decimals;
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
 * precursor (docs/design.md section 6). Rising readings become RISE_STEP signals, a whole run at a time.
 */
public final class Ch4RapidRise extends MineCepRule {
    public static final String ID = "MINE_CH4_RAPID_RISE";

    /** What makes a rising step, as the check compares it; null when the rule is not in the set. */
    private record Step(double maxGapMs, double ratePctPerMin) {}

    private static final RuleSet.Derived<Step> STEP = RuleSet.Derived.of(rules -> {
        RuleConfig rise = rules.rules().get(ID);
        return rise == null ? null : new Step(rise.param("maxGapSec") * 1000, rise.param("ratePctPerMin"));
    });

    Ch4RapidRise() {
        super(ID, EnumSet.of(Kind.RISE_STEP, Kind.RISE_BREAK), false);
    }

    /**
     * The rise signals of a CH4 reading taken in event-time order after the sensor's last one ({@code s.lastTs},
     * {@code s.lastValue}), given to {@code out}. A rising step is held in {@code s} until its run has
     * {@code heldSteps} steps ({@link #heldSteps}: the pattern's length), then the whole run goes out at once; a
     * run that ends shorter is dropped. The pattern sees the same runs as if every step had gone out, and the
     * matches are the same (their times are the steps' own, kept in the signals), but on dense input most
     * readings are one rising step of a noisy run that never gets long: CEP was half of a replay's time
     * handling them one by one.
     */
    public static void signals(SensorInfo info, SensorState s, WaitingReading p, RuleSet rules, int heldSteps,
                               Consumer<MineSignal> out) {
        Step rise = STEP.of(rules);
        if (rise == null || Double.isNaN(s.lastValue)) {
            return;
        }
        long gap = p.ts - s.lastTs;
        double rate = gap > 0 ? (p.value - s.lastValue) / (gap / 60_000.0) : 0;
        if (gap <= rise.maxGapMs() && rate >= rise.ratePctPerMin()) {
            s.lastWasRise = true;
            s.riseRun.add(p);
            s.riseRates.add(rate);
            if (s.riseRun.size() >= heldSteps) {
                for (int i = 0; i < s.riseRun.size(); i++) {
                    WaitingReading r = s.riseRun.get(i);
                    MineSignal sig = MineSignal.of(Kind.RISE_STEP, info, r.ts, r.value, r.raw(info.sensorId),
                            rules.version());
                    sig.rate = s.riseRates.get(i);
                    out.accept(sig);
                }
                s.riseRun.clear();
                s.riseRates.clear();
            }
            return;
        }
        if (s.lastWasRise) {
            s.lastWasRise = false;
            s.riseRun.clear();
            s.riseRates.clear();
        }
    }

    /**
     * How many rising steps make a match: the pattern's {@code readings}, taken from the rule set the job was
     * built with, as the pattern's structure is (a later rule set cannot change it).
     */
    public static int heldSteps(RuleSet builtWith) {
        RuleConfig c = builtWith.rules().get(ID);
        return c == null ? 1 : Math.max(1, (int) c.param("readings"));
    }

    /** `readings` consecutive rising steps of one sensor, with no non-rising reading between them. */
    @Override
    public Pattern<MineSignal, ?> pattern(RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        int n = heldSteps(rules);
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
                "CH4 at the " + MineDetections.where(s) + " rose " + all.size() + " readings in a row, up to "
                        + Decimals.fixed(rate, 2) + " %/min, to " + MineDetections.pct(last.value)
                        + ": a possible outburst precursor; stop work, withdraw the heading crew and check "
                        + "outburst prevention measures.",
                evidence);
    }
}
