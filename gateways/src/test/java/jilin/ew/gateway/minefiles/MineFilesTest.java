package jilin.ew.gateway.minefiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.gateway.JsonlOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mine-files reader on real folders: the shipped mapping, refusals, restarts and duplicates. */
class MineFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    /** An AQMC file of mine 220402001 (LY001) in the shipped layout. */
    static String definitions(String time, String... records) {
        return "220402001;辽源市龙山区德盛煤矿;" + time + "~\r\n" + String.join("~\r\n", records) + "~\r\n";
    }

    static String values(String time, String... records) {
        return definitions(time, records);
    }

    /** point;system;substation;type;location;place;unit;low;high;alarm;powerCut;restore;district */
    static String def(String point, String type, String location, String alarm) {
        return point + ";KJ90X;F01;" + type + ";" + location + ";综采工作面;%CH4;0;4;" + alarm + ";1.5;0.9;WF9";
    }

    static void write(Path dir, String name, String text) throws Exception {
        Files.write(dir.resolve(name), text.getBytes(GBK));
    }

    MineFileIngester ingester(JsonlOutput out) throws Exception {
        return new MineFileIngester(dir, null, MineFileMapping.load(null), out);
    }

    JsonlOutput output() throws Exception {
        return new JsonlOutput(dir.resolve("../out-" + dir.getFileName() + ".jsonl").normalize(),
                dir.resolve("../dead-" + dir.getFileName() + ".jsonl").normalize());
    }

    List<JsonNode> read(String prefix) throws Exception {
        Path p = dir.resolve("../" + prefix + "-" + dir.getFileName() + ".jsonl").normalize();
        List<JsonNode> l = new ArrayList<>();
        if (Files.exists(p)) {
            for (String s : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                l.add(JSON.readTree(s));
            }
        }
        return l;
    }

    @Test
    void theShippedMappingTurnsDefinitionsAndValuesIntoContractMessages() throws Exception {
        write(dir, "220402001_AQMC_20260320080000.txt", definitions("2026-03-20 08:00:00",
                def("001A01", "0001", "02", "1.0"),
                def("001A02", "0004", "03", ""),
                def("001K01", "1001", "99", "")));           // a switch point: not a contract kind
        write(dir, "220402001_AQSS_20260320080010.txt", values("2026-03-20 08:00:10",
                "001A01;0001;0.42;0;2026-03-20 08:00:05",
                "001A02;0004;12;4;2026-03-20 08:00:05",
                "001K01;1001;1;0;2026-03-20 08:00:05"));
        try (JsonlOutput out = output()) {
            MineFileIngester.Result r = ingester(out).pass(false, Integer.MAX_VALUE);
            assertEquals(2, r.files, r.toString());
            assertEquals(2, r.skippedRecords);
        }
        List<JsonNode> m = read("out");
        assertEquals(4, m.size(), m.toString());
        JsonNode ch4 = m.get(0);
        assertEquals("mine.sensor", ch4.path("type").asText());
        assertEquals("LY001", ch4.path("mineId").asText());
        assertEquals("LY001-001A01", ch4.path("sensorId").asText());
        assertEquals("CH4", ch4.path("kind").asText());
        assertEquals("WORKING_FACE", ch4.path("location").asText());
        assertEquals("WF9", ch4.path("district").asText());
        assertEquals(1.0, ch4.path("alarm").asDouble());
        assertEquals(1.5, ch4.path("powerCut").asDouble());
        assertEquals(0.9, ch4.path("restore").asDouble());
        assertEquals("2026-03-20T08:00:00+08:00", ch4.path("ts").asText());
        JsonNode co = m.get(1);
        assertEquals("CO", co.path("kind").asText());
        assertEquals("WORKING_FACE_RETURN", co.path("location").asText());
        assertFalse(co.has("alarm"));
        JsonNode reading = m.get(2);
        assertEquals("mine.reading", reading.path("type").asText());
        assertEquals("LY001-001A01", reading.path("sensorId").asText());
        assertEquals(0.42, reading.path("value").asDouble());
        assertEquals("2026-03-20T08:00:05+08:00", reading.path("ts").asText());
        assertFalse(reading.has("status"), "status OK is left out");
        assertEquals("CALIBRATING", m.get(3).path("status").asText());
        assertEquals(List.of(), read("dead"));
    }

    @Test
    void malformedFilesGoToQuarantineWithAReasonAndTheRestIsIngested() throws Exception {
        write(dir, "220402001_AQSS_20260320080000.txt", values("2026-03-20 08:00:00",
                "001A01;0001;0.42;0;2026-03-20 08:00:00"));
        // truncated upload: the last record has no ~
        write(dir, "220402001_AQSS_20260320080010.txt", "220402001;德盛;2026-03-20 08:00:10~001A01;0001;0.4");
        // a record with too few fields
        write(dir, "220402001_AQSS_20260320080020.txt", values("2026-03-20 08:00:20", "001A01;0001;0.42"));
        // a value that is not a number
        write(dir, "220402001_AQSS_20260320080030.txt", values("2026-03-20 08:00:30",
                "001A01;0001;abc;0;2026-03-20 08:00:30"));
        // a mine the mapping does not know
        write(dir, "999999999_AQSS_20260320080040.txt", values("2026-03-20 08:00:40",
                "001A01;0001;0.4;0;2026-03-20 08:00:40").replace("220402001", "999999999"));
        // a header time that is no time
        write(dir, "220402001_AQSS_20260320080050.txt", values("yesterday", "001A01;0001;0.4;0;2026-03-20 08:00:50"));
        // a name of no known kind
        write(dir, "notes.doc", "hello");
        write(dir, "220402001_AQSS_20260320080100.txt", values("2026-03-20 08:01:00",
                "001A01;0001;0.44;0;2026-03-20 08:01:00"));
        try (JsonlOutput out = output()) {
            MineFileIngester.Result r = ingester(out).pass(false, Integer.MAX_VALUE);
            assertEquals(2, r.files, r.toString());
            assertEquals(6, r.quarantined, r.toString());
        }
        assertEquals(2, read("out").size());
        Path q = dir.resolve("quarantine");
        for (String name : List.of("220402001_AQSS_20260320080010.txt", "220402001_AQSS_20260320080020.txt",
                "220402001_AQSS_20260320080030.txt", "999999999_AQSS_20260320080040.txt",
                "220402001_AQSS_20260320080050.txt", "notes.doc")) {
            assertTrue(Files.exists(q.resolve(name)), name);
            assertFalse(Files.exists(dir.resolve(name)), name);
            assertTrue(Files.exists(q.resolve(name + ".reason.txt")), name);
        }
        assertTrue(Files.readString(q.resolve("220402001_AQSS_20260320080010.txt.reason.txt")).contains("truncated"));
        assertTrue(Files.readString(q.resolve("220402001_AQSS_20260320080020.txt.reason.txt")).contains("fields"));
        assertTrue(Files.readString(q.resolve("220402001_AQSS_20260320080030.txt.reason.txt")).contains("abc"));
        assertTrue(Files.readString(q.resolve("999999999_AQSS_20260320080040.txt.reason.txt")).contains("999999999"));
    }

    @Test
    void aRecordThatBreaksTheContractIsADeadLetterAndTheFileIsStillIngested() throws Exception {
        write(dir, "220402001_AQSS_20260320080000.txt", values("2026-03-20 08:00:00",
                "001A01;0001;-0.5;0;2026-03-20 08:00:00",
                "001A02;0001;0.3;0;2026-03-20 08:00:00"));
        try (JsonlOutput out = output()) {
            MineFileIngester.Result r = ingester(out).pass(false, Integer.MAX_VALUE);
            assertEquals(1, r.files);
            assertEquals(1, r.deadLetters);
        }
        assertEquals(1, read("out").size());
        JsonNode dead = read("dead").get(0);
        assertEquals("001A01;0001;-0.5;0;2026-03-20 08:00:00", dead.path("raw").asText());
        assertEquals("value", dead.path("field").asText(), dead.toString());
    }

    @Test
    void aRestartInTheMiddleOfAFolderRepeatsAndLosesNothing() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String t = String.format("2026-03-20 08:0%d:00", i);
            String name = String.format("220402001_AQSS_2026032008%02d00.txt", i);
            write(dir, name, values(t, "001A01;0001;0.4" + i + ";0;" + t, "001A02;0001;0.3" + i + ";0;" + t));
            names.add(name);
        }
        try (JsonlOutput out = output()) {
            assertEquals(2, ingester(out).pass(false, 2).files);
        }
        // a new process: same folder, same ledger
        try (JsonlOutput out = output()) {
            MineFileIngester again = ingester(out);
            assertEquals(4, again.pass(false, Integer.MAX_VALUE).files);
            assertEquals(0, again.pass(false, Integer.MAX_VALUE).files);
        }
        try (JsonlOutput out = output()) {
            MineFileIngester.Result third = ingester(out).pass(false, Integer.MAX_VALUE);
            assertEquals(0, third.files);
            assertEquals(6, third.duplicates, "every file is in the ledger");
        }
        List<JsonNode> m = read("out");
        assertEquals(12, m.size());
        List<String> keys = m.stream().map(n -> n.path("sensorId").asText() + "@" + n.path("ts").asText()).toList();
        assertEquals(12, keys.stream().distinct().count(), keys.toString());
        assertEquals(m.stream().map(n -> n.path("ts").asText()).sorted().toList(),
                m.stream().map(n -> n.path("ts").asText()).toList(), "in name order");
        assertEquals(6, Files.readAllLines(dir.resolve(".mine-files/ledger.tsv")).size());
    }

    @Test
    void theSameFileTwiceUnderAnotherNameGivesNoDuplicates() throws Exception {
        String text = values("2026-03-20 08:00:00", "001A01;0001;0.4;0;2026-03-20 08:00:00");
        write(dir, "220402001_AQSS_20260320080000.txt", text);
        write(dir, "220402001_AQSS_20260320080001.txt", text); // the uploader sent it again
        try (JsonlOutput out = output()) {
            MineFileIngester in = ingester(out);
            MineFileIngester.Result r = in.pass(false, Integer.MAX_VALUE);
            assertEquals(1, r.files);
            assertEquals(1, r.duplicates);
            // and once more later, copied back in under its first name
            Files.delete(dir.resolve("220402001_AQSS_20260320080000.txt"));
            write(dir, "220402001_AQSS_20260320080000.txt", text);
            assertEquals(0, in.pass(false, Integer.MAX_VALUE).files);
        }
        assertEquals(1, read("out").size());
    }

    @Test
    void aFileStillBeingWrittenWaitsForTheNextPass() throws Exception {
        write(dir, "220402001_AQSS_20260320080000.txt", values("2026-03-20 08:00:00",
                "001A01;0001;0.4;0;2026-03-20 08:00:00"));
        try (JsonlOutput out = output()) {
            MineFileIngester in = ingester(out);
            assertEquals(0, in.pass(true, Integer.MAX_VALUE).files, "first seen: not yet settled");
            assertEquals(1, in.pass(true, Integer.MAX_VALUE).files, "unchanged since: taken");
        }
    }
}
