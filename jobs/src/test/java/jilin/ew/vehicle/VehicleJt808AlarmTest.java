package jilin.ew.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Jt808Alarm; named Vehicle* so the vehicle test filter picks it up. */
class VehicleJt808AlarmTest {

    @Test
    void bitPositionsFollowTheStandard() {
        assertEquals(0x0000_0001L, Jt808Alarm.mask(Jt808Alarm.EMERGENCY));
        assertEquals(0x0000_0002L, Jt808Alarm.mask(Jt808Alarm.OVERSPEED));
        assertEquals(0x0000_0004L, Jt808Alarm.mask(Jt808Alarm.FATIGUE));
        assertEquals(0x0000_2000L, Jt808Alarm.mask(Jt808Alarm.OVERSPEED_WARNING));
        assertEquals(0x0000_4000L, Jt808Alarm.mask(Jt808Alarm.FATIGUE_WARNING));
        assertEquals(0x0080_0000L, Jt808Alarm.mask(Jt808Alarm.ROUTE_DEVIATION));
        assertEquals(0x2000_0000L, Jt808Alarm.mask(Jt808Alarm.COLLISION));
        assertEquals(0x4000_0000L, Jt808Alarm.mask(Jt808Alarm.ROLLOVER));
    }

    @Test
    void collisionOrRollover() {
        assertTrue(Jt808Alarm.collisionOrRollover(0x2000_0000L));
        assertTrue(Jt808Alarm.collisionOrRollover(0x4000_0000L));
        assertTrue(Jt808Alarm.collisionOrRollover(0x6000_0003L));
        assertFalse(Jt808Alarm.collisionOrRollover(0L));
        assertFalse(Jt808Alarm.collisionOrRollover(0x0080_6007L));
        assertFalse(Jt808Alarm.collisionOrRollover(0x8000_0000L), "bit 31 is not rollover");
        // an unsigned DWORD read into a long keeps its high bit without sign trouble
        assertTrue(Jt808Alarm.collisionOrRollover(0xFFFF_FFFFL));
    }

    @Test
    void namesInBitOrder() {
        assertEquals(List.of(), Jt808Alarm.names(0));
        assertEquals(List.of("EMERGENCY", "OVERSPEED", "FATIGUE", "OVERSPEED_WARNING", "FATIGUE_WARNING",
                "ROUTE_DEVIATION", "COLLISION", "ROLLOVER"), Jt808Alarm.names(0x6080_6007L));
        assertEquals(List.of("BIT_3", "COLLISION"), Jt808Alarm.names(0x2000_0008L));
        assertEquals(List.of("ROLLOVER"), Jt808Alarm.names(0x1_4000_0000L), "bits above the DWORD ignored");
    }
}
