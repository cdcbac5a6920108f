package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.has;
import static jilin.ew.mine.MineFeed.oneNewOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.Ch4Escalation;
import jilin.ew.mine.rule.Ch4RapidRise;
import jilin.ew.mine.rule.MultiSensor;
import jilin.ew.mine.rule.SensorStuck;

/**
 * Sensors defined on the stream ({@code mine.sensor}) under ids whose shape says nothing about their mine
 * ("K7-..." in two different seed mines): every pattern alert (escalation, rapid rise, district-wide alarm,
 * stuck sensor) names the mine, district, prefecture and operator of the sensor's definition, like the
 * single-reading alerts do, and the disaster-mine raise applies where the defined mine is a disaster mine.
 * BS002 (白山市江源区隆源煤矿, 220600, OP-BS-02) is not a disaster mine; BS003 (220600, OP-BS-03) is.
 */
class MineStreamSubjectTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    /** BS002, district N2: rises fast into alarm, then power cut (rapid rise and escalation). */
    private static final String RISER = "K7-T1-03";
    /** BS002, district N2: enters alarm 50 s after RISER (district-wide alarm). */
    private static final String SECOND = "K7-T1-04";
    /** BS003, district E1: rises fast below the alarm value (rapid rise in a disaster mine). */
    private static final String DISASTER_RISER = "K7-T2-01";
    /** BS003, district E1: repeats one value for over 30 min while DISASTER_RISER varies (stuck). */
    private static final String STUCK = "K7-T2-02";

    private static Pipeline p;

    private static String def(String mineId, String sensorId, String location, String district) {
        return Msg.sensorDef(mineId, sensorId, "CH4", location, district);
    }

    @BeforeAll
    static void run() throws Exception {
        MineFeed f = new MineFeed();
        f.normal(RISER, 0, 100);
        f.values(RISER, 125, 0.40, 0.65, 0.90, 1.15);
        f.series(RISER, 225, 300, t -> 1.6);
        f.normal(RISER, 325, 1900);
        f.normal(SECOND, 0, 225);
        f.series(SECOND, 250, 325, t -> 1.1);
        f.normal(SECOND, 350, 1900);
        f.normal(DISASTER_RISER, 0, 100);
        f.values(DISASTER_RISER, 125, 0.20, 0.45, 0.70, 0.95);
        f.normal(DISASTER_RISER, 225, 1900);
        f.series(STUCK, 0, 1900, t -> 0.31);
        List<String> messages = new ArrayList<>(List.of(def("BS002", RISER, "WORKING_FACE", "N2"),
                def("BS002", SECOND, "WORKING_FACE", "N2"), def("BS003", DISASTER_RISER, "UPPER_CORNER", "E1"),
                def("BS003", STUCK, "WORKING_FACE", "E1")));
        messages.addAll(f.messages());
        p = Pipeline.run(messages);
    }

    private static void assertSubject(Alert a, String mineId, String district, String operatorId) {
        String msg = a + "\n" + p.summary();
        assertEquals(mineId, a.mineId, msg);
        assertEquals("220600", a.prefecture, msg);
        assertEquals(district, a.district, msg);
        assertEquals(operatorId, a.operatorId, msg);
    }

    @Test
    void escalationNamesTheDefinedMine() {
        Alert a = oneNewOn(p, Ch4Escalation.ID, RISER, Level.RED);
        assertSubject(a, "BS002", "N2", "OP-BS-02");
        assertEquals(RISER, a.sensorId);
        assertTrue(a.detail.contains("sensor K7-T1-03 of 白山市江源区隆源煤矿 (BS002, district N2)"), a.detail);
        assertFalse(has(a, "DISASTER_MINE"), p.summary());
    }

    @Test
    void rapidRiseNamesTheDefinedMine() {
        Alert a = oneNewOn(p, Ch4RapidRise.ID, RISER, Level.ORANGE);
        assertSubject(a, "BS002", "N2", "OP-BS-02");
        assertTrue(a.detail.contains("(BS002, district N2)"), a.detail);
        assertTrue(a.modifiers.isEmpty(), p.summary());
    }

    @Test
    void districtAlarmNamesTheDefinedMineAndDistrict() {
        Alert a = oneNewOn(p, MultiSensor.ID, "BS002/N2", Level.RED);
        assertSubject(a, "BS002", "N2", "OP-BS-02");
        assertTrue(a.detail.contains("of district N2 of 白山市江源区隆源煤矿 (BS002)"), a.detail);
        assertTrue(a.detail.contains(RISER) && a.detail.contains(SECOND), a.detail);
    }

    @Test
    void rapidRiseInADisasterMineIsRaised() {
        Alert a = oneNewOn(p, Ch4RapidRise.ID, DISASTER_RISER, Level.RED);
        assertSubject(a, "BS003", "E1", "OP-BS-03");
        assertEquals(Level.ORANGE, a.baseLevel);
        assertTrue(has(a, "DISASTER_MINE"), p.summary());
        assertTrue(a.detail.contains("(BS003, district E1)"), a.detail);
    }

    /** Before, a stream-defined sensor never got this alert at all: the stuck rule knew seed sensors only. */
    @Test
    void stuckStreamDefinedSensorIsReported() {
        Alert a = oneNewOn(p, SensorStuck.ID, STUCK, Level.YELLOW);
        assertSubject(a, "BS003", "E1", "OP-BS-03");
        assertTrue(has(a, "DISASTER_MINE"), p.summary());
        assertTrue(a.detail.contains("sensor K7-T2-02 of"), a.detail);
        assertTrue(a.detail.contains("(BS003, district E1)"), a.detail);
    }
}
