package jilin.ew.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that is not a usable message comes back as a dead letter with the right reason and field. */
class BadInputTest {
    private static final WireCodec CODEC = new WireCodec();
    private static final String HEAD = "{\"type\":\"mine.reading\",\"ts\":\"2026-03-20T08:00:00+08:00\",";
    private static final String GOOD = HEAD + "\"sensorId\":\"A1\",\"value\":0.42}";

    /** Decodes raw, expects a refusal with this reason and field, and checks raw and rawLength are kept. */
    private static DeadLetter refused(String raw, String reason, String field) {
        DecodeResult r = CODEC.decode(raw);
        assertFalse(r.isOk(), "accepted: " + abbreviate(raw));
        assertNull(r.event);
        DeadLetter d = r.deadLetter;
        assertNotNull(d);
        assertEquals(reason, d.reason, () -> "dead letter " + d);
        assertEquals(field, d.field, () -> "dead letter " + d);
        assertNotNull(d.detail);
        assertFalse(d.detail.isBlank());
        assertEquals(raw.length(), d.rawLength);
        String kept = raw.length() > DeadLetter.MAX_RAW_CHARS ? raw.substring(0, DeadLetter.MAX_RAW_CHARS) : raw;
        assertEquals(kept, d.raw);
        assertTrue(VectorsTest.REASONS.contains(d.reason));
        return d;
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    @Test
    void goodMessageDecodes() {
        DecodeResult r = CODEC.decode(GOOD);
        assertTrue(r.isOk(), () -> String.valueOf(r.deadLetter));
        assertEquals("A1", r.event.mineReading.sensorId);
        assertEquals(0.42, r.event.mineReading.value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"type\":\"mine.reading\",\"ts\":\"2026-03-20T08:00:00+08:00\",\"sensorId\":\"A1\",\"val",
            "{\"type\":\"mine.reading\",", "{\"type\":\"mine.reading\",\"value\":}", "not json at all"})
    void truncatedOrBrokenJsonIsMalformed(String raw) {
        refused(raw, "malformed-json", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\n", "  \r\n  "})
    void emptyOrBlankLineIsMalformed(String raw) {
        refused(raw, "malformed-json", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", " {}", "{\"type\":\"mine.reading\"}", " 1", "]", " garbage", ",", " null"})
    void trailingGarbageIsMalformed(String tail) {
        refused(GOOD + tail, "malformed-json", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[" + "{\"type\":\"mine.reading\"}" + "]", "42", "-1.5", "\"mine.reading\"", "true", "null"})
    void nonObjectIsRefused(String raw) {
        refused(raw, "not-an-object", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mine.readings", "alert", "dead-letter", "MINE.READING", ""})
    void unknownTypeNamesTypeField(String type) {
        refused("{\"type\":\"" + type + "\",\"ts\":\"2026-03-20T08:00:00+08:00\",\"sensorId\":\"A1\",\"value\":1}",
                "unknown-type", "type");
    }

    @Test
    void missingTypeNamesTypeField() {
        refused("{\"ts\":\"2026-03-20T08:00:00+08:00\",\"sensorId\":\"A1\",\"value\":1}", "missing-field", "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+Infinity"})
    void nonFiniteNumberNamesField(String v) {
        refused(HEAD + "\"sensorId\":\"A1\",\"value\":" + v + "}", "non-finite-number", "value");
    }

    @Test
    void nonFiniteNumberInGasReadingNamesField() {
        refused("{\"type\":\"gas.reading\",\"ts\":\"2026-03-20T08:00:00+08:00\",\"stationId\":\"CC-G-001\","
                + "\"measure\":\"PRESSURE_MPA\",\"value\":NaN}", "non-finite-number", "value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "-1", "-1e300", "100000.5", "1e6"})
    void outOfRangeValueNamesField(String v) {
        refused(HEAD + "\"sensorId\":\"A1\",\"value\":" + v + "}", "out-of-range", "value");
    }

    @Test
    void megabyteStringIsTooLarge() {
        String big = "x".repeat(1 << 20);
        String raw = HEAD + "\"sensorId\":\"A1\",\"value\":1,\"note\":\"" + big + "\"}";
        DeadLetter d = refused(raw, "too-large", null);
        assertEquals(DeadLetter.MAX_RAW_CHARS, d.raw.length());
        assertTrue(d.rawLength > 1 << 20);
    }

    @Test
    void justOverTheLimitIsTooLargeAndJustUnderDecodes() {
        String prefix = HEAD + "\"sensorId\":\"A1\",\"value\":1,\"note\":\"";
        int pad = WireCodec.MAX_MESSAGE_CHARS - prefix.length() - 2;
        String atLimit = prefix + "y".repeat(pad) + "\"}";
        assertEquals(WireCodec.MAX_MESSAGE_CHARS, atLimit.length());
        assertTrue(CODEC.decode(atLimit).isOk());
        refused(prefix + "y".repeat(pad + 1) + "\"}", "too-large", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"sensorId\":42,\"value\":1", "\"sensorId\":\"A1\",\"value\":\"1.5\"",
            "\"sensorId\":\"A1\",\"value\":true", "\"sensorId\":\"A1\",\"value\":[1]", "\"sensorId\":\"A1\",\"value\":{}"})
    void wrongJsonTypeNamesField(String body) {
        String field = body.startsWith("\"sensorId\":42") ? "sensorId" : "value";
        refused(HEAD + body + "}", "wrong-type", field);
    }

    @Test
    void missingSensorIdNamesField() {
        refused(HEAD + "\"value\":1}", "missing-field", "sensorId");
    }

    @Test
    void badTimestampNamesTs() {
        refused("{\"type\":\"mine.reading\",\"ts\":\"2026-02-30T08:00:00+08:00\",\"sensorId\":\"A1\",\"value\":1}",
                "invalid-value", "ts");
    }

    @Test
    void decodeNeverThrowsOnNull() {
        DecodeResult r = CODEC.decode(null);
        assertFalse(r.isOk());
        assertEquals("malformed-json", r.deadLetter.reason);
        assertEquals("", r.deadLetter.raw);
        assertEquals(0, r.deadLetter.rawLength);
    }

    @Test
    void longRawIsCutButLengthKept() {
        // a refused message longer than MAX_RAW_CHARS but under the size limit: raw is cut, rawLength is not
        String raw = HEAD + "\"value\":1,\"note\":\"" + "z".repeat(20_000) + "\"}";
        DeadLetter d = refused(raw, "missing-field", "sensorId");
        assertEquals(DeadLetter.MAX_RAW_CHARS, d.raw.length());
        assertEquals(raw.length(), d.rawLength);
    }
}
