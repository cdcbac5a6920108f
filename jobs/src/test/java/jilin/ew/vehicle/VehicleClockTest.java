package jilin.ew.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import java.util.TimeZone;
import jilin.ew.schema.Times;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs every edge with the JVM's default zone set to UTC, New York and Shanghai: the answer must not move. */
class VehicleClockTest {

    private static long at(String localIso) {
        return Times.parse(localIso + "+08:00");
    }

    private static void inZone(String zone, Runnable body) {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            body.run();
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Shanghai"})
    void nightBanWindowEdges(String zone) {
        inZone(zone, () -> {
            assertEquals(false, VehicleClock.isNightBanWindow(at("2026-03-20T01:59:59")));
            assertEquals(false, VehicleClock.isNightBanWindow(at("2026-03-20T01:59:59.999")));
            assertEquals(true, VehicleClock.isNightBanWindow(at("2026-03-20T02:00:00")));
            assertEquals(true, VehicleClock.isNightBanWindow(at("2026-03-20T03:30:00")));
            assertEquals(true, VehicleClock.isNightBanWindow(at("2026-03-20T04:59:59")));
            assertEquals(true, VehicleClock.isNightBanWindow(at("2026-03-20T04:59:59.999")));
            assertEquals(false, VehicleClock.isNightBanWindow(at("2026-03-20T05:00:00")));
            assertEquals(false, VehicleClock.isNightBanWindow(at("2026-03-20T14:00:00")));
            // 02:30 Jilin is 18:30 UTC the day before: a machine-zone implementation would say no
            assertEquals(true, VehicleClock.isNightBanWindow(Times.parse("2026-03-19T18:30:00Z")));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Shanghai"})
    void nightEdgesAcrossMidnight(String zone) {
        inZone(zone, () -> {
            assertEquals(false, VehicleClock.isNight(at("2026-03-19T21:59:59")));
            assertEquals(true, VehicleClock.isNight(at("2026-03-19T22:00:00")));
            assertEquals(true, VehicleClock.isNight(at("2026-03-19T23:59:59")));
            assertEquals(true, VehicleClock.isNight(at("2026-03-20T00:00:00")));
            assertEquals(true, VehicleClock.isNight(at("2026-03-20T05:59:59")));
            assertEquals(false, VehicleClock.isNight(at("2026-03-20T06:00:00")));
            assertEquals(false, VehicleClock.isNight(at("2026-03-20T12:00:00")));
            // the New Year and a US daylight-saving switch (2026-03-08 in New York) change nothing
            assertEquals(true, VehicleClock.isNight(at("2026-01-01T00:00:00")));
            assertEquals(false, VehicleClock.isNight(at("2026-03-08T15:00:00")));
            assertEquals(true, VehicleClock.isNight(at("2026-03-08T23:00:00")));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York"})
    void localTimeIsJilinTime(String zone) {
        inZone(zone, () -> {
            assertEquals(LocalTime.of(2, 0), VehicleClock.localTime(at("2026-03-20T02:00:00")));
            assertEquals(LocalTime.of(8, 0), VehicleClock.localTime(Times.parse("2026-03-20T00:00:00Z")));
        });
    }
}
