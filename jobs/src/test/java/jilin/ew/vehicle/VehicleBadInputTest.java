package jilin.ew.vehicle;

import static jilin.ew.testing.VehicleMsg.OFF_SECTION;
import static jilin.ew.testing.VehicleMsg.at;
import static jilin.ew.testing.VehicleMsg.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jilin.ew.schema.DeadLetter;
import jilin.ew.testing.Pipeline;
import jilin.ew.vehicle.rule.ClassSpeeding;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad vehicle input is dead-lettered with a reason naming the field; good input around it still alerts. */
class VehicleBadInputTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void badPositionsAreDeadLetteredAndNothingElseIsLost() throws Exception {
        OffsetDateTime t = at("2026-06-10T10:00:00");
        String hazmat = "JL-B-H0121"; // a seed vehicle
        List<String> m = List.of(
                position(hazmat, t, OFF_SECTION, 60),
                position(hazmat, t.plusSeconds(30), new double[] {0, 0}, 60),
                position(hazmat, t.plusSeconds(60), new double[] {43.8, 135.2}, 60),
                position(hazmat, t.plusSeconds(90), new double[] {39.9, 116.4}, 60),
                position(hazmat, t.plusSeconds(120), OFF_SECTION, 260),
                position("JL-X-UNKNOWN", t.plusSeconds(150), OFF_SECTION, 60),
                position(hazmat, t.plusSeconds(180), OFF_SECTION, 90),
                position(hazmat, t.plusSeconds(210), OFF_SECTION, 90),
                position(hazmat, t.plusSeconds(240), OFF_SECTION, 90),
                position(hazmat, t.plusSeconds(270), OFF_SECTION, 60));
        Pipeline p = Pipeline.run(m);
        Map<String, List<String>> dead = p.deadLetters.stream().collect(Collectors.groupingBy(d -> d.reason,
                Collectors.mapping(d -> d.field, Collectors.toList())));
        assertEquals(5, p.deadLetters.size(), p.summary());
        assertEquals(List.of("lat", "lat", "lon"), dead.get("out-of-province").stream().sorted().toList(), p.summary());
        assertEquals(List.of("vehicleId"), dead.get("unknown-subject"), p.summary());
        DeadLetter speed = p.deadLetters.stream().filter(d -> d.raw.contains("260")).findFirst().orElseThrow();
        assertEquals("speedKmh", speed.field, speed.toString());
        for (DeadLetter d : p.deadLetters) {
            assertTrue(d.detail != null && !d.detail.isBlank() && !d.raw.isBlank(), d.toString());
        }
        // the good positions around the bad ones still make their alert: 90 km/h for a minute is sustained
        assertTrue(p.opened(ClassSpeeding.ID).stream().anyMatch(a -> a.subjectId.equals(hazmat)), p.summary());
        assertTrue(p.of(ClassSpeeding.ID).stream().anyMatch(a -> a.level == jilin.ew.schema.Level.YELLOW),
                p.summary());
    }
}
