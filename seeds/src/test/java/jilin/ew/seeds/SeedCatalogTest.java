package jilin.ew.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCatalogTest {
    private static final SeedCatalog CAT = SeedCatalog.fromClasspath();

    @Test
    void enoughMinesAndExactlyTwelveDisasterMines() {
        assertTrue(CAT.mines().size() >= 40, "mines: " + CAT.mines().size());
        assertEquals(12, CAT.mines().stream().filter(Mine::disasterMine).count());
    }

    @Test
    void statusAndGasClassMix() {
        assertTrue(count(MineStatus.SHUTDOWN_LONG_TERM) >= 4);
        assertTrue(count(MineStatus.EXPANDING) >= 3);
        assertTrue(count(MineStatus.CAPACITY_REMOVAL) >= 2);
        assertTrue(count(MineStatus.PRODUCING) > CAT.mines().size() / 2);
        assertTrue(CAT.mines().stream().filter(m -> m.gasClass() == GasClass.HIGH_GAS).count() >= 6);
        assertTrue(CAT.mines().stream().filter(m -> m.gasClass() == GasClass.OUTBURST).count() >= 3);
    }

    @Test
    void everyMinesPrefectureIsKnown() {
        Set<String> codes = CAT.prefectures().stream().map(Prefecture::code).collect(Collectors.toSet());
        for (Mine m : CAT.mines()) {
            assertTrue(codes.contains(m.prefecture()), m.mineId() + " prefecture " + m.prefecture());
        }
        assertTrue(codes.containsAll(List.of("220100", "220200", "220300", "220400", "220500", "220600",
                "220700", "220800", "222400", "229900", "220581", "220184")));
    }

    @Test
    void everySensorsMineExistsAndIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (SensorPoint s : CAT.sensors()) {
            assertTrue(CAT.mine(s.mineId()).isPresent(), s.sensorId());
            assertTrue(ids.add(s.sensorId()), "duplicate " + s.sensorId());
            assertTrue(s.sensorId().startsWith(s.mineId() + "-" + s.district() + "-"), s.sensorId());
        }
    }

    @Test
    void everyMineHasTheRequiredSensors() {
        for (Mine m : CAT.mines()) {
            Set<String> have = CAT.sensorsOfMine(m.mineId()).stream()
                    .map(s -> s.sensorId().substring(m.mineId().length() + 1) + ":" + s.kind() + ":" + s.location())
                    .collect(Collectors.toSet());
            List<String> need = new java.util.ArrayList<>(List.of(
                    "WF1-T0:CH4:UPPER_CORNER", "WF1-T1:CH4:WORKING_FACE", "WF1-T2:CH4:WORKING_FACE_RETURN",
                    "WF1-CO:CO:WORKING_FACE_RETURN", "WF1-TEMP:TEMP:WORKING_FACE",
                    "WF1-WIND:WIND_SPEED:WORKING_FACE_RETURN",
                    "HD1-T1:CH4:HEADING_FACE", "HD1-T2:CH4:HEADING_RETURN", "HD1-WIND:WIND_SPEED:HEADING_RETURN",
                    "MAIN-RET:CH4:MINE_RETURN", "MAIN-CO:CO:MINE_RETURN"));
            if (m.gasClass() != GasClass.LOW_GAS) {
                need.add("MAIN-T3:CH4:INTAKE");
            }
            assertTrue(have.containsAll(need), m.mineId() + " has " + have);
        }
        long withWf2 = CAT.mines().stream().filter(m -> CAT.sensor(m.mineId() + "-WF2-T1").isPresent()).count();
        long producing = count(MineStatus.PRODUCING);
        assertTrue(withWf2 * 4 >= producing && withWf2 * 2 <= producing, "WF2 mines: " + withWf2);
    }

    @Test
    void keyPeriodsCoverBothKindsFor2025To2027() {
        for (int year = 2025; year <= 2027; year++) {
            for (String kind : List.of("SPRING_FESTIVAL_", "TWO_SESSIONS_")) {
                String id = kind + year;
                assertTrue(CAT.keyPeriods().stream().anyMatch(p -> p.id().equals(id)), id);
            }
        }
        assertTrue(CAT.isKeyPeriod(LocalDate.of(2026, 2, 17)));   // Chinese New Year 2026
        assertTrue(CAT.isKeyPeriod(LocalDate.of(2025, 3, 11)));   // last day, inclusive
        assertTrue(CAT.isKeyPeriod(LocalDate.of(2027, 2, 6)));
        assertFalse(CAT.isKeyPeriod(LocalDate.of(2026, 3, 20)));
        assertFalse(CAT.isKeyPeriod(LocalDate.of(2026, 7, 1)));
    }

    /** Flink ships the catalog to every task by Java serialization: what arrives must be what was sent. */
    @Test
    void catalogSurvivesTheRoundTripToATask() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(CAT);
        }
        SeedCatalog back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SeedCatalog) in.readObject();
        }
        assertEquals(CAT.prefectures(), back.prefectures());
        assertEquals(CAT.mines(), back.mines());
        assertEquals(CAT.sensors(), back.sensors());
        assertEquals(CAT.keyPeriods(), back.keyPeriods());
        // the indexes are rebuilt or carried, not lost
        for (Mine m : CAT.mines()) {
            assertEquals(Optional.of(m), back.mine(m.mineId()));
            assertEquals(CAT.sensorsOfMine(m.mineId()), back.sensorsOfMine(m.mineId()));
        }
        for (SensorPoint p : CAT.sensors()) {
            assertEquals(Optional.of(p), back.sensor(p.sensorId()));
        }
        LocalDate festival = CAT.keyPeriods().get(0).start();
        assertEquals(CAT.isKeyPeriod(festival), back.isKeyPeriod(festival));
        assertTrue(back.isKeyPeriod(festival));
    }

    @Test
    void directoryOverridesAndFallsBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SeedCatalog.MINES), "[{\"mineId\":\"X1\",\"name\":\"x\",\"prefecture\":\"220400\","
                + "\"status\":\"PRODUCING\",\"gasClass\":\"LOW_GAS\",\"disasterMine\":false,\"lat\":42.9,\"lon\":125.1}]",
                StandardCharsets.UTF_8);
        SeedCatalog c = SeedCatalog.fromDirectory(dir);
        assertEquals(1, c.mines().size());
        assertEquals(CAT.prefectures(), c.prefectures());
    }

    @Test
    void errorsNameFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SeedCatalog.MINES), "[\n  {\"mineId\": \"X1\",\n   \"status\": \"OPEN\"}\n]",
                StandardCharsets.UTF_8);
        SeedException e = assertThrows(SeedException.class, () -> SeedCatalog.fromDirectory(dir));
        assertTrue(e.getMessage().contains("mines.json") && e.getMessage().contains("line 3"), e.getMessage());
    }

    private static long count(MineStatus s) {
        return CAT.mines().stream().filter(m -> m.status() == s).count();
    }

    @Test
    void everyRuleOfTheDefaultRuleSetHasBothNamesAndEveryNamedRuleIsInIt() throws Exception {
        com.fasterxml.jackson.databind.JsonNode rules;
        try (java.io.InputStream in = SeedCatalog.class.getResourceAsStream("/seeds/rules/default-rules.json")) {
            rules = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get("rules");
        }
        Set<String> ids = new HashSet<>();
        rules.fieldNames().forEachRemaining(ids::add);
        assertEquals(23, ids.size(), "rules of the default rule set: " + ids);
        assertEquals(ids, SeedCatalog.ruleNames().keySet(), "rules named in " + SeedCatalog.RULE_CATALOG);
        for (RuleName n : SeedCatalog.ruleNames().values()) {
            assertFalse(n.zh().isBlank() || n.en().isBlank(), n.id());
            assertTrue(n.zh().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    "a Chinese name for " + n.id() + ": " + n.zh());
        }
        assertEquals("煤矿甲烷浓度快速上升（突出预兆）", SeedCatalog.ruleNames().get("MINE_CH4_RAPID_RISE").zh());
        assertEquals("Coal-mine rapid methane rise (outburst precursor)",
                SeedCatalog.ruleNames().get("MINE_CH4_RAPID_RISE").en());
    }

    @Test
    void aRuleNameNeedsBothLanguages() {
        assertThrows(IllegalArgumentException.class, () -> new RuleName("X", "名", " "));
        assertThrows(IllegalArgumentException.class, () -> new RuleName("X", null, "Name"));
    }
}
