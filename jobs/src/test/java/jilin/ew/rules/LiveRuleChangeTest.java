package jilin.ew.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jilin.ew.JobSettings;
import jilin.ew.io.LocalRun;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.DeadLetter;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.Ch4Alarm;

/**
 * A rule-set version published while the job runs changes which readings alert from then on, with no restart and
 * no alert lost around the switch; an invalid version changes nothing.
 *
 * <p>Ordering: Flink gives no order between a broadcast input and a data input, so the sources wait for evidence
 * instead of sleeping a guessed time. The rules source publishes the new version only once sensor A's phase-1
 * alert has come out (so every phase-1 reading of A was judged under v1). The data source then sends probe readings
 * (0.9 % CH4: an alarm under v2, not under v1) on two probe sensors, one per parallel instance of the sensor
 * function, until both probes have alerted under v2; only then does phase 2 start. Which readings alert in phase 1
 * and phase 2 is therefore fixed, whatever the machine's speed.
 */
class LiveRuleChangeTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int PARALLELISM = 2;
    private static final int PHASE1 = 4;
    private static final int PROBE_SLOTS = 200;
    private static final int PHASE2 = 4;
    private static final String A = "LY001-LIVE-A";
    private static final String B = "LY001-LIVE-B";
    private static final String C = "LY001-LIVE-C";
    private static final String D = "LY001-LIVE-D";

    /** What the test has seen come out, read by the sources (same JVM: the MiniCluster runs in the test's). */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    static String v2Json() {
        RuleSet r = RuleSets.defaults();
        r.version = "analyst-v2";
        r.ch4Thresholds.get("WORKING_FACE").alarm = 0.8;
        return RuleSets.toJson(r);
    }

    static List<String> probes() {
        // one probe sensor per parallel instance of the keyed sensor function
        List<String> out = new ArrayList<>();
        int maxPar = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
        for (int i = 0; out.size() < PARALLELISM; i++) {
            String id = "LY001-PROBE-" + i;
            int sub = KeyGroupRangeAssignment.assignKeyToParallelOperator(id, maxPar, PARALLELISM);
            if (sub == out.size()) {
                out.add(id);
            }
        }
        return out;
    }

    /** The readings, tick by tick (25 s apart): phase 1, probe slots, phase 2. */
    static final class Data implements GeneratorFunction<Long, String> {
        private static final long serialVersionUID = 1L;
        private final List<String> probes = probes();
        private final List<String> pending = new ArrayList<>();
        private int tick;

        static long count() {
            int perTick = 4 + PARALLELISM;
            return 4 + PARALLELISM + (long) (PHASE1 + PROBE_SLOTS + PHASE2) * perTick;
        }

        @Override
        public String map(Long index) throws Exception {
            if (pending.isEmpty()) {
                fill();
            }
            return pending.remove(0);
        }

        private boolean applied() {
            return probes.stream().allMatch(p -> "analyst-v2".equals(SEEN.get(p)));
        }

        private void fill() throws InterruptedException {
            if (tick == 0 && !SEEN.containsKey("defs")) {
                SEEN.put("defs", "sent");
                for (String s : List.of(A, B, C, D)) {
                    pending.add(Msg.sensorDef("LY001", s, "CH4", "WORKING_FACE", "D-" + s));
                }
                for (String p : probes) {
                    pending.add(Msg.sensorDef("LY001", p, "CH4", "WORKING_FACE", "D-" + p));
                }
                return;
            }
            long t = 25L * (tick + 1);
            double wiggle = (tick % 3) * 0.01; // never a stuck sensor
            double a = 1.2 + wiggle;
            double b;
            double c;
            double d;
            double probe;
            if (tick < PHASE1) {
                b = 0.9 + wiggle; // below v1's alarm (1.0): no alert
                c = 0.3 + wiggle;
                d = 0.3 + wiggle;
                probe = 0.3 + wiggle;
            } else if (tick < PHASE1 + PROBE_SLOTS) {
                boolean in = applied();
                if (!in) {
                    Thread.sleep(20); // wall-clock pacing only; no assertion depends on it
                }
                b = 0.3 + wiggle;
                c = 0.3 + wiggle;
                d = 0.3 + wiggle;
                probe = in ? 0.3 + wiggle : 0.9 + wiggle;
            } else {
                if (!applied()) {
                    throw new IllegalStateException("the new rule version never reached every instance");
                }
                SEEN.putIfAbsent("phase2-start", String.valueOf(Msg.epochMs(t)));
                b = 0.9 + wiggle; // above v2's alarm (0.8): alerts from the first reading on
                c = 0.7 + wiggle; // below both
                d = 0.85 + wiggle;
                probe = 0.3 + wiggle;
            }
            pending.add(Msg.reading(A, t, a));
            pending.add(Msg.reading(B, t, b));
            pending.add(Msg.reading(C, t, c));
            pending.add(Msg.reading(D, t, d));
            for (String p : probes) {
                pending.add(Msg.reading(p, t, probe));
            }
            tick++;
        }
    }

    /** Rule-set messages: an invalid one, then v2 once A's phase-1 alert is out. */
    static final class Rules implements GeneratorFunction<Long, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String map(Long index) throws Exception {
            if (index == 0) {
                RuleSet bad = RuleSets.defaults();
                bad.version = "analyst-broken";
                bad.ch4Thresholds.get("WORKING_FACE").alarm = 0.5;
                bad.ch4Thresholds.get("WORKING_FACE").powerCut = 0.4; // alarm above power cut
                return RuleSets.toJson(bad);
            }
            for (int i = 0; i < 3000 && !SEEN.containsKey(A); i++) {
                Thread.sleep(10);
            }
            return v2Json();
        }
    }

    @Test
    void thresholdChangedLiveAppliesFromThenOnAndLosesNothing() throws Exception {
        SEEN.clear();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        DataStream<String> data = env.fromSource(new DataGeneratorSource<>(new Data(), Data.count(), Types.STRING),
                WatermarkStrategy.noWatermarks(), "test readings").setParallelism(1);
        DataStream<String> rules = env.fromSource(new DataGeneratorSource<>(new Rules(), 2, Types.STRING),
                WatermarkStrategy.noWatermarks(), "test rules").setParallelism(1);
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        List<DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
        LocalRun.run(env, data, rules, new JobSettings(), "live rules", o -> {
            if (o.alert != null) {
                alerts.add(o.alert);
                SEEN.putIfAbsent(o.alert.subjectId, o.alert.ruleSetVersion);
                if ("analyst-v2".equals(o.alert.ruleSetVersion)) {
                    SEEN.put(o.alert.subjectId, o.alert.ruleSetVersion);
                }
            } else {
                dead.add(o.deadLetter);
            }
        });
        String summary = alerts.stream().map(a -> a + " " + a.ruleSetVersion + " @" + a.firstEventTs)
                .collect(Collectors.joining("\n  ", "alerts:\n  ", "\ndead: " + dead));
        long phase2 = Long.parseLong(SEEN.get("phase2-start"));

        // the invalid version was refused with a reason naming the field, and changed nothing
        assertEquals(1, dead.size(), summary);
        assertEquals(RuleUpdates.INVALID, dead.get(0).reason, summary);
        assertEquals("ch4Thresholds.WORKING_FACE.alarm", dead.get(0).field, summary);
        assertTrue(alerts.stream().noneMatch(a -> "analyst-broken".equals(a.ruleSetVersion)), summary);

        // A: alerted under v1 in phase 1 and stays one alert across the switch (no second NEW, nothing lost)
        List<Alert> aNew = opened(alerts, A);
        assertEquals(1, aNew.size(), summary);
        assertEquals(RuleSets.defaults().version, aNew.get(0).ruleSetVersion, summary);
        assertTrue(aNew.get(0).firstEventTs < phase2, summary);

        // B: 0.9 % did not alert under v1 (phase 1); the same value alerts under v2 from its first phase-2 reading
        List<Alert> bNew = opened(alerts, B);
        assertEquals(1, bNew.size(), summary);
        assertEquals("analyst-v2", bNew.get(0).ruleSetVersion, summary);
        assertEquals(phase2, bNew.get(0).firstEventTs, summary);
        assertTrue(bNew.get(0).evidence.get(0).contains("\"value\":0.9"), bNew.get(0).evidence.toString());

        // D: the first reading after the switch alerts; C (below both thresholds) never does
        List<Alert> dNew = opened(alerts, D);
        assertEquals(1, dNew.size(), summary);
        assertEquals(phase2, dNew.get(0).firstEventTs, summary);
        assertEquals("analyst-v2", dNew.get(0).ruleSetVersion, summary);
        assertTrue(alerts.stream().noneMatch(a -> a.subjectId.equals(C)), summary);

        // no other rule fired on the test sensors
        Set<String> fired = alerts.stream().filter(a -> !a.subjectId.contains("PROBE")).map(a -> a.ruleId)
                .collect(Collectors.toSet());
        assertEquals(Set.of(Ch4Alarm.ID), fired, summary);
    }

    /** Readings of A (alarming from the start) and B (alarming from phase 2 on); phase 2 waits for the refusal. */
    static final class QuietData implements GeneratorFunction<Long, String> {
        private static final long serialVersionUID = 1L;
        static final int TICKS = 8;
        static final int PHASE2 = 4;

        static List<String> messages() {
            List<String> m = new ArrayList<>();
            m.add(Msg.sensorDef("LY001", A, "CH4", "WORKING_FACE", "D-A"));
            m.add(Msg.sensorDef("LY001", B, "CH4", "WORKING_FACE", "D-B"));
            for (int tick = 0; tick < TICKS; tick++) {
                long t = 25L * (tick + 1);
                double wiggle = (tick % 3) * 0.01;
                m.add(Msg.reading(A, t, 1.2 + wiggle));
                m.add(Msg.reading(B, t, (tick < PHASE2 ? 0.3 : 1.2) + wiggle));
            }
            return m;
        }

        @Override
        public String map(Long index) throws Exception {
            if (index == 2 + 2 * PHASE2) {
                // pacing only: phase 2 starts once the refusal is out (bounded, so that a build without the check
                // goes on, applies the set and fails the assertions rather than hanging)
                for (int i = 0; i < 3000 && !SEEN.containsKey("refused"); i++) {
                    Thread.sleep(10);
                }
            }
            return messages().get(index.intValue());
        }
    }

    /** Every mine rule switched off, without saying so in disableDomains. */
    static String allMineRulesOff() {
        RuleSet r = RuleSets.defaults();
        r.version = "analyst-mines-off";
        r.author = "someone-with-write-access";
        r.rules.forEach((id, c) -> c.enabled = !id.startsWith("MINE_"));
        return RuleSets.toJson(r);
    }

    @Test
    void aVersionThatSilencesAWholeDomainIsRefusedAndTheOldRulesKeepAlerting() throws Exception {
        SEEN.clear();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        DataStream<String> data = env.fromSource(new DataGeneratorSource<>(new QuietData(),
                        QuietData.messages().size(), Types.STRING), WatermarkStrategy.noWatermarks(), "test readings")
                .setParallelism(1);
        String off = allMineRulesOff();
        DataStream<String> rules = env.fromSource(new DataGeneratorSource<>(
                        (GeneratorFunction<Long, String>) i -> off, 1, Types.STRING),
                WatermarkStrategy.noWatermarks(), "test rules").setParallelism(1);
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        List<DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
        LocalRun.run(env, data, rules, new JobSettings(), "live rules: a domain switched off", o -> {
            if (o.alert != null) {
                alerts.add(o.alert);
            } else {
                dead.add(o.deadLetter);
                SEEN.put("refused", o.deadLetter.reason);
            }
        });
        String summary = alerts.stream().map(a -> a + " " + a.ruleSetVersion + " @" + a.firstEventTs)
                .collect(Collectors.joining("\n  ", "alerts:\n  ", "\ndead: " + dead));

        // refused, naming the domain and the field that would have allowed it
        assertEquals(1, dead.size(), summary);
        assertEquals(RuleUpdates.INVALID, dead.get(0).reason, summary);
        assertEquals("disableDomains", dead.get(0).field, summary);
        assertTrue(dead.get(0).detail.contains("every MINE rule is disabled"), dead.get(0).detail);

        // the version in force stays: A alerted, and B's phase-2 readings (after the refusal) alert under it
        String v1 = RuleSets.defaults().version;
        assertEquals(1, opened(alerts, A).size(), summary);
        List<Alert> bNew = opened(alerts, B);
        assertEquals(1, bNew.size(), summary);
        assertEquals(v1, bNew.get(0).ruleSetVersion, summary);
        assertEquals(Msg.epochMs(25L * (QuietData.PHASE2 + 1)), bNew.get(0).firstEventTs, summary);
        assertTrue(alerts.stream().allMatch(a -> v1.equals(a.ruleSetVersion)), summary);
    }

    private static List<Alert> opened(List<Alert> alerts, String subject) {
        return alerts.stream().filter(a -> a.subjectId.equals(subject) && a.ruleId.equals(Ch4Alarm.ID)
                && a.status == AlertStatus.NEW).collect(Collectors.toList());
    }
}
