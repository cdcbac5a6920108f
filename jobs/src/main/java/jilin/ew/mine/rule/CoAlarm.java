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
import jilin.ew.schema.Level;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * MINE_CO_ALARM (docs/design.md section 6): a CO reading at or above alarmPpm, on arrival; and CO rising together
 * with TEMP in one district (TREND_UP signals matched by CEP), raised risingLevelSteps grades.
 */
public final class CoAlarm extends MineCepRule {
    public static final String ID = "MINE_CO_ALARM";

    CoAlarm() {
        super(ID, EnumSet.of(Kind.TREND_UP), true);
    }

    /** The single-reading alert of a CO reading at or above the limit, or null. */
    public static Detection detect(SensorInfo info, double value, long ts, String raw, RuleSet rules) {
        RuleConfig co = rules.rules().get(ID);
        if (co == null || !co.enabled() || value < co.param("alarmPpm")) {
            return null;
        }
        return MineDetections.of(ID, co.level(), info, info.sensorId, rules, ts, ts,
                false, "CO above limit at " + info.sensorId,
                String.format(Locale.ROOT, "CO %.1f ppm at the %s is at or above the %.0f ppm "
                        + "limit: check for fire or spontaneous combustion and withdraw workers from the "
                        + "return side.", value, MineDetections.where(info), co.param("alarmPpm")),
                List.of(raw));
    }

    /**
     * The TREND_UP signal of a CO or TEMP reading in event-time order that rose enough over the trend window,
     * or null; keeps {@code s.lastTrendTs}.
     */
    public static MineSignal trend(SensorInfo info, SensorState s, WaitingReading p, RuleSet rules) {
        RuleConfig co = rules.rules().get(ID);
        if (co == null || !co.enabled()) {
            return null;
        }
        double min = s.windowMin(p.ts, p.value, (long) (co.param("trendWindowSec") * 1000));
        double needed = "CO".equals(info.kind) ? co.param("coRisePpm") : co.param("tempRiseC");
        // at most one trend signal a minute: the pattern needs one of each kind, not every reading
        if (p.value - min >= needed && (s.lastTrendTs == Long.MIN_VALUE || p.ts - s.lastTrendTs >= 60_000)) {
            MineSignal sig = MineSignal.of(Kind.TREND_UP, info, p.ts, p.value, p.raw(info.sensorId), rules.version());
            sig.rate = p.value - min;
            s.lastTrendTs = p.ts;
            return sig;
        }
        return null;
    }

    /** CO and TEMP both trending up in one district within the window, in either order. */
    @Override
    public Pattern<MineSignal, ?> pattern(RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        return Pattern.<MineSignal>begin("a", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.is(Kind.TREND_UP)))
                .followedBy("b")
                .where(new IterativeCondition<MineSignal>() {
                    @Override
                    public boolean filter(MineSignal s, Context<MineSignal> ctx) throws Exception {
                        if (!s.is(Kind.TREND_UP)) {
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

    /** The alert is about the CO sensor, whichever of the two trended first. */
    @Override
    public MineSignal about(MineSignal first, MineSignal last) {
        return !"CO".equals(first.sensorKind) ? last : first;
    }

    @Override
    public Detection detect(List<MineSignal> all, MineSignal about, SensorInfo s, RuleConfig c, RuleSet rules,
                            List<String> evidence) {
        MineSignal first = all.get(0);
        MineSignal last = all.get(all.size() - 1);
        MineSignal co = about;
        MineSignal temp = co == first ? last : first;
        Level level = c.level().raise((int) c.param("risingLevelSteps", 1));
        return MineDetections.of(ID, level, s, s.sensorId, rules, first.ts, last.ts, true,
                "CO and temperature rising together at " + s.districtKey(),
                String.format(Locale.ROOT, "CO at the %s rose %.1f ppm (to %.1f ppm) while "
                                + "temperature sensor %s rose %.1f °C: a spontaneous-combustion or fire "
                                + "precursor; check the goaf and belt, prepare to withdraw.",
                        MineDetections.where(s), co.rate, co.value, temp.sensorId, temp.rate),
                evidence);
    }
}
