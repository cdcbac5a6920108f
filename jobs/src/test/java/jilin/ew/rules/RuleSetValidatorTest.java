package jilin.ew.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import jilin.ew.cli.EarlyWarningCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate-rules names the line and field of each error in a set of broken files, with a hint. */
class RuleSetValidatorTest {
    private static final Path DIR = Paths.get("src/test/resources/rules");
    private final RuleSetValidator validator = new RuleSetValidator();

    private static RuleSetValidator.Problem at(RuleSetValidator.Result r, String field) {
        Optional<RuleSetValidator.Problem> p = r.problems.stream().filter(x -> x.field.equals(field)).findFirst();
        assertTrue(p.isPresent(), "no problem at " + field + " in:\n" + r.describe());
        return p.get();
    }

    @Test
    void theShippedDefaultsAreValid() throws Exception {
        RuleSetValidator.Result r = validator.validateFile(Paths.get("../seeds/data/rules/default-rules.json"));
        assertTrue(r.valid(), r.describe());
        assertEquals("default-2026.11", r.ruleSet.version());
        assertEquals(80.0, r.ruleSet.classDefaults("HAZMAT_TRUCK").param("maxSpeedKmh", 0), 0.0);
    }

    @Test
    void severalMistakesEachWithLineFieldAndHint() throws Exception {
        RuleSetValidator.Result r = validator.validateFile(DIR.resolve("broken-several.json"));
        System.out.print(r.describe());
        assertFalse(r.valid());

        RuleSetValidator.Problem unknownRule = at(r, "rules.MINE_CH4_RAPID_RISES");
        assertEquals(45, unknownRule.line);
        assertTrue(unknownRule.message.contains("unknown rule id"), unknownRule.toString());
        assertTrue(unknownRule.hint.contains("did you mean 'MINE_CH4_RAPID_RISE'"), unknownRule.toString());

        RuleSetValidator.Problem alarm = at(r, "ch4Thresholds.WORKING_FACE.alarm");
        assertEquals(6, alarm.line);
        assertTrue(alarm.message.contains("above power cut"), alarm.toString());

        RuleSetValidator.Problem window = at(r, "rules.MINE_CH4_ESCALATION.params.windowSec");
        assertEquals(41, window.line);
        assertTrue(window.message.contains("negative window"), window.toString());
        assertTrue(window.hint.contains("600"), "the hint gives the default: " + window);

        RuleSetValidator.Problem location = at(r, "ch4Thresholds.SHEARER_DRUM");
        assertEquals(10, location.line);
        assertTrue(location.message.contains("unknown location"), location.toString());
        assertTrue(location.hint.contains("SHEARER"), location.toString());

        // the renamed rule leaves its real id missing
        assertTrue(at(r, "rules.MINE_CH4_RAPID_RISE").message.contains("missing"));
        assertTrue(r.problems.stream().allMatch(p -> p.file.endsWith("broken-several.json") && p.hint != null),
                r.describe());
    }

    @Test
    void syntaxErrorNamesItsLine() throws Exception {
        RuleSetValidator.Result r = validator.validateFile(DIR.resolve("broken-syntax.json"));
        System.out.print(r.describe());
        assertEquals(1, r.problems.size(), r.describe());
        assertEquals(31, r.problems.get(0).line);
        assertTrue(r.problems.get(0).message.startsWith("not valid JSON"), r.describe());
    }

    @Test
    void wrongTypesAndUnknownParameters() throws Exception {
        RuleSetValidator.Result r = validator.validateFile(DIR.resolve("broken-types.json"));
        System.out.print(r.describe());
        RuleSetValidator.Problem level = at(r, "rules.MINE_SENSOR_STUCK.level");
        assertEquals(66, level.line);
        assertTrue(level.message.contains("RED"), "lists the allowed levels: " + level);
        RuleSetValidator.Problem quoted = at(r, "rules.MINE_SENSOR_STUCK.params.durationSec");
        assertEquals(66, quoted.line);
        assertTrue(quoted.hint.contains("without quotes"), quoted.toString());
        RuleSetValidator.Problem param = at(r, "rules.MINE_CH4_RAPID_RISE.params.ratePctPerMinute");
        assertEquals(46, param.line);
        assertTrue(param.hint.contains("did you mean 'ratePctPerMin'"), param.toString());
        assertTrue(at(r, "rules.MINE_CH4_RAPID_RISE.params.ratePctPerMin").message.contains("missing"));
    }

    @Test
    void yamlFilesToo() throws Exception {
        RuleSetValidator.Result r = validator.validateFile(DIR.resolve("broken.yaml"));
        System.out.print(r.describe());
        assertEquals(7, at(r, "modifiers.KEY_PERIODS").line);
        assertTrue(at(r, "modifiers.KEY_PERIODS").hint.contains("did you mean 'KEY_PERIOD'"));
        RuleSetValidator.Problem version = at(r, "version");
        assertEquals(1, version.line, "a missing top-level field points at the file's start");
        assertTrue(version.message.contains("missing field 'version'"), version.toString());
    }

    @Test
    void aValidYamlRuleSetReads(@TempDir Path tmp) throws Exception {
        // the defaults, rewritten as YAML, with a lowered working-face alarm
        RuleSet d = RuleSets.defaults().edit().version("yaml-1").ch4("WORKING_FACE").alarm(0.8).build();
        Path f = tmp.resolve("r.yaml");
        Files.writeString(f, new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(d));
        RuleSetValidator.Result r = validator.validateFile(f);
        assertTrue(r.valid(), r.describe());
        assertNotNull(r.ruleSet);
        assertEquals(0.8, r.ruleSet.ch4("WORKING_FACE").alarm(), 0.0);
        assertEquals(0.8, RuleSets.fromFile(f).ch4("WORKING_FACE").alarm(), 0.0);
    }

    @Test
    void commandExitsOneOnErrorsAndZeroWhenValid() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int bad;
        int good;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            bad = EarlyWarningCli.commandLine().execute("validate-rules", DIR.resolve("broken-several.json").toString());
            good = EarlyWarningCli.commandLine().execute("validate-rules", "../seeds/data/rules/default-rules.json");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, bad, out);
        assertEquals(0, good, out);
        assertTrue(out.contains("broken-several.json:41:"), out);
        assertTrue(out.contains("rules.MINE_CH4_ESCALATION.params.windowSec: negative window -600"), out);
        assertTrue(out.contains("default-rules.json: valid (version default-2026.11"), out);
    }

    private static final Path DEFAULT = Paths.get("../seeds/data/rules/default-rules.json");

    /** The shipped default with one text replacement (which must apply), validated under the name "edited.json". */
    private RuleSetValidator.Result edited(String from, String to) throws Exception {
        String text = Files.readString(DEFAULT);
        assertTrue(text.contains(from), "the default holds " + from);
        return validator.validate("edited.json", text.replace(from, to), false);
    }

    /** 1-based line of the first line of the default holding {@code s}. */
    private static int lineOf(String s) throws Exception {
        String[] lines = Files.readString(DEFAULT).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(s)) {
                return i + 1;
            }
        }
        throw new AssertionError(s);
    }

    @Test
    void aMistypedParameterIsRefusedWithFileLineAndField() throws Exception {
        RuleSetValidator.Result r = edited("\"params\": { \"windowSec\": 600 }", "\"params\": { \"windowsec\": 600 }");
        assertFalse(r.valid());
        RuleSetValidator.Problem p = at(r, "rules.MINE_CH4_ESCALATION.params.windowsec");
        assertEquals("edited.json", p.file);
        assertEquals(lineOf("\"windowSec\": 600 }"), p.line);
        assertTrue(p.message.contains("unknown parameter 'windowsec'"), p.toString());
        assertTrue(p.hint.contains("did you mean 'windowSec'"), p.toString());
        assertTrue(at(r, "rules.MINE_CH4_ESCALATION.params.windowSec").message.contains("missing"), r.describe());
    }

    @Test
    void movedAndRemovedSettingsAreRefusedWithWhereTheyWent() throws Exception {
        RuleSetValidator.Result r = edited("\"params\": { \"sustainedSec\": 60,",
                "\"params\": { \"hazmatKmh\": 80, \"busKmh\": 100, \"sustainedSec\": 60,");
        RuleSetValidator.Problem hazmat = at(r, "rules.VEH_CLASS_SPEEDING.params.hazmatKmh");
        assertEquals(lineOf("\"sustainedSec\": 60,"), hazmat.line);
        assertTrue(hazmat.hint.contains("classDefaults.HAZMAT_TRUCK.params.maxSpeedKmh"), hazmat.toString());
        assertTrue(at(r, "rules.VEH_CLASS_SPEEDING.params.busKmh").hint
                .contains("classDefaults.LONG_DISTANCE_BUS.params.maxSpeedKmh"), r.describe());
        assertEquals(2, r.problems.size(), r.describe());

        r = edited("\"nightFactor\": 0.8, \"positions\": 2 }", "\"nightFactor\": 0.8, \"positions\": 2, \"busKmh\": 100 }");
        assertTrue(at(r, "rules.VEH_NIGHT_SPEEDING.params.busKmh").hint.contains("maxSpeedKmh"), r.describe());

        r = edited("\"maxSpeedKmh\": 80 }", "\"maxSpeedKmh\": 80, \"maxSpeedOtherRoadKmh\": 60 }");
        RuleSetValidator.Problem other = at(r, "classDefaults.HAZMAT_TRUCK.params.maxSpeedOtherRoadKmh");
        assertEquals(lineOf("\"maxSpeedKmh\": 80 }"), other.line);
        assertTrue(other.hint.contains("no road class"), other.toString());

        r = edited("\"repeatWindowSec\": 86400,", "\"repeatWindowSec\": 86400, \"retentionSec\": 86400,");
        RuleSetValidator.Problem retention = at(r, "lifecycle.retentionSec");
        assertEquals(lineOf("\"repeatWindowSec\": 86400,"), retention.line);
        assertTrue(retention.hint.contains("repeatWindowSec"), retention.toString());
        assertEquals(1, r.problems.size(), "said once: " + r.describe());

        r = edited("\"enabled\": true, \"params\": { \"windowSec\": 86400 },",
                "\"enabled\": true, \"level\": \"YELLOW\", \"params\": { \"windowSec\": 86400 },");
        assertTrue(at(r, "rules.REPORT_CORROBORATED.level").message.contains("raises no alert of its own"),
                r.describe());
    }

    @Test
    void classDefaultsAreCompleteAndPressureBandsRunUpwards() throws Exception {
        RuleSetValidator.Result r = edited("\"maxMPa\": 0.4 }", "\"maxMPa\": 0.2 }");
        RuleSetValidator.Problem band = at(r, "classDefaults.MEDIUM_A.params.minMPa");
        assertTrue(band.message.contains("not below maxMPa"), band.toString());
        r = edited("\"params\": { \"maxSpeedKmh\": 100 }, \"source\": \"两客一危 rules: expressway limit 100 km/h for buses\" },\n    \"TOURIST_COACH\"",
                "\"params\": { }, \"source\": \"\" },\n    \"TOURIST_COACH\"");
        assertTrue(at(r, "classDefaults.LONG_DISTANCE_BUS.params.maxSpeedKmh").message.contains("missing"),
                r.describe());
        r = edited("\"LOW\":", "\"LOWEST\":");
        assertTrue(at(r, "classDefaults.LOW").message.contains("missing"), r.describe());
        assertTrue(at(r, "classDefaults.LOWEST").message.contains("unknown class"), r.describe());
    }

    @Test
    void aRuleThatRaisesAlertsNeedsItsLevel() throws Exception {
        RuleSetValidator.Result r = edited("\"enabled\": true, \"level\": \"RED\", \"params\": {},",
                "\"enabled\": true, \"params\": {},");
        assertTrue(at(r, "rules.VEH_TERMINAL_ALARM.level").message.contains("missing field 'level'"), r.describe());
    }

    /** The defaults as pretty JSON with every vehicle rule switched off (and optionally disableDomains set). */
    private static String vehiclesOff(String disableDomains) {
        RuleSet.Editor d = RuleSets.defaults().edit().version("analyst-quiet-roads").author("analyst-wang");
        d.ruleIds().forEach(id -> d.enabled(id, !id.startsWith("VEH_")));
        String json = RuleSets.toJson(d.build());
        return disableDomains == null ? json.replace("\"disableDomains\" : [ ],", "")
                : json.replace("\"disableDomains\" : [ ]", "\"disableDomains\" : " + disableDomains);
    }

    @Test
    void aSetThatSwitchesOffAWholeDomainIsRefusedUnlessItSaysSo() {
        String quiet = vehiclesOff(null);
        RuleSetValidator.Result r = validator.validate("quiet.json", quiet, false);
        assertFalse(r.valid(), "every vehicle rule off without saying so");
        RuleSetValidator.Problem p = at(r, "disableDomains");
        assertEquals(1, r.problems.size(), r.describe());
        assertTrue(p.message.contains("every VEHICLE rule is disabled"), p.toString());
        assertTrue(p.hint.contains("\"disableDomains\": [\"VEHICLE\"]"), p.toString());
        // shown at the rules object's line
        assertEquals(quiet.lines().takeWhile(l -> !l.contains("\"rules\"")).count() + 1, p.line, p.toString());

        // said explicitly: accepted, with its author
        RuleSetValidator.Result ok = validator.validate("quiet.json", vehiclesOff("[ \"VEHICLE\" ]"), false);
        assertTrue(ok.valid(), ok.describe());
        assertEquals("analyst-wang", ok.ruleSet.author());
        assertEquals(java.util.List.of("VEHICLE"), ok.ruleSet.disableDomains());

        // a domain named while its rules are still on is a contradiction
        RuleSet d = RuleSets.defaults().edit().version("analyst-contradiction").disableDomains("GAS_NETWORK").build();
        RuleSetValidator.Result bad = validator.validate("c.json", RuleSets.toJson(d), false);
        RuleSetValidator.Problem c = at(bad, "disableDomains");
        assertTrue(c.message.startsWith("disableDomains names GAS_NETWORK but GAS_LEL_LEVEL1,")
                && c.message.endsWith(" are still enabled"), c.toString());

        // an unknown domain is refused by the schema
        RuleSetValidator.Result unknown = validator.validate("u.json", vehiclesOff("[ \"ROADS\" ]"), false);
        assertFalse(unknown.valid(), unknown.describe());
        assertTrue(unknown.problems.stream().anyMatch(x -> x.field.startsWith("disableDomains")), unknown.describe());
    }

    /** The 1-based line of the first occurrence of {@code s} in {@code text}. */
    private static int lineOf(String text, String s) {
        int at = text.indexOf(s);
        assertTrue(at >= 0, s);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theEscalationPolicyIsCheckedWithLineFieldAndHint(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Paths.get("../seeds/data/rules/default-rules.json"))
                .replace("\"YELLOW\": { \"afterSec\"", "\"YELOW\": { \"afterSec\"")
                .replace("\"ORANGE\": { \"afterSec\": 900, \"repeatSec\": 1800,", "\"ORANGE\": { \"afterSec\": 900,")
                .replace("\"commandWaitSec\": 120", "\"commandWaitSec\": 0")
                .replace("\"RED\": { \"afterSec\": 300", "\"RED\": { \"afterSecs\": 300");
        Path f = tmp.resolve("policy.json");
        Files.writeString(f, text);
        RuleSetValidator.Result r = validator.validateFile(f);
        System.out.print(r.describe());
        assertFalse(r.valid());

        RuleSetValidator.Problem level = at(r, "handling.escalation.YELOW");
        assertEquals(lineOf(text, "\"YELOW\""), level.line);
        assertTrue(level.hint.contains("did you mean 'YELLOW'"), level.toString());

        RuleSetValidator.Problem repeat = at(r, "handling.escalation.ORANGE.repeatSec");
        assertEquals(lineOf(text, "\"ORANGE\": { \"afterSec\""), repeat.line);
        assertTrue(repeat.message.contains("repeatSec above zero"), repeat.toString());

        RuleSetValidator.Problem wait = at(r, "handling.commandWaitSec");
        assertEquals(lineOf(text, "\"commandWaitSec\""), wait.line);

        RuleSetValidator.Problem field = at(r, "handling.escalation.RED.afterSecs");
        assertEquals(lineOf(text, "\"afterSecs\""), field.line);
        assertTrue(field.hint.contains("did you mean 'afterSec'"), field.toString());
        assertTrue(at(r, "handling.escalation.RED.afterSec").message.contains("missing"));
    }

    @Test
    void aRuleSetWithoutAHandlingSectionHasTheShippedPolicy(@TempDir Path tmp) throws Exception {
        String text = Files.readString(Paths.get("../seeds/data/rules/default-rules.json"));
        String without = text.substring(0, text.indexOf(",\n  \"handling\"")) + "\n}\n";
        Path f = tmp.resolve("older.json");
        Files.writeString(f, without);
        RuleSetValidator.Result r = validator.validateFile(f);
        assertTrue(r.valid(), r.describe());
        // the Java defaults are the shipped file's: an older rule set or savepoint reads with the shipped policy
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.readTree(RuleSets.toJson(RuleSets.defaults())).get("handling"),
                json.readTree(RuleSets.toJson(r.ruleSet)).get("handling"));
        assertEquals(300, r.ruleSet.handling().escalation(jilin.ew.schema.Level.RED).afterSec());
        assertEquals(null, r.ruleSet.handling().escalation(jilin.ew.schema.Level.BLUE));
    }
}
