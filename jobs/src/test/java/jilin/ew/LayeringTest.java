package jilin.ew;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which package of the job may use which (README "Where things are"): each layer uses only the layers below it,
 * so a newcomer can read the job from the bottom up and no change to the job or its runners reaches a rule.
 * Checked on the compiled classes, so fully qualified uses count as much as imports.
 */
class LayeringTest {
    /** Lowest first. A package may use the packages of its own layer and of the layers before it, never after. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("serde", "geo"),          // Flink serializers; geometry: nothing of the job
            List.of("reference"),             // reference data and routing
            List.of("ingest"),                // decode, event time, stream-time guard, dead-letter tag
            List.of("rules"),                 // rule sets and their live updates
            List.of("alert"),                 // detections, grading, lifecycle, CAP (alert.cap)
            List.of("pipeline"),              // what a domain plugs in, and the settings it is given
            List.of("handling"),              // acting on alerts: acknowledge, escalate, silence
            List.of("mine", "gas", "vehicle", "report"), // the domains (report corroborates gas and vehicle)
            List.of("job"),                   // the job and its local runners
            List.of("webhook"),               // the webhook output, wired onto the job's outputs by its runners
            List.of("kafka", "backtest"),     // the Kafka run; backtests
            List.of("cli"));                  // the command line
    /** Runners and the command line: nothing below the job may use them. */
    private static final List<String> TOP = List.of("job", "webhook", "cli", "kafka", "backtest");
    /** Only the names of old savepoints' serializer snapshots: Flink finds them by name, no class uses them. */
    private static final String IO = "io";
    /** The project's other modules, which the job uses (Maven's module order keeps them from using the job). */
    private static final Set<String> OTHER_MODULES = Set.of("schema", "seeds", "sim", "gateway", "board");

    private static JavaClasses job;

    @BeforeAll
    static void importJob() {
        // the jobs module's own classes only (target/classes): scanning the whole class path takes ten times longer
        job = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrl(jilin.ew.job.EarlyWarningJob.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void everyPackageOfTheJobHasItsLayer() {
        assertTrue(job.contain(jilin.ew.job.EarlyWarningJob.class), "the job's classes were found");
        Set<String> known = new TreeSet<>(OTHER_MODULES);
        LAYERS.forEach(known::addAll);
        known.add(IO);
        Set<String> unknown = new TreeSet<>();
        for (JavaClass c : job) {
            String top = top(c.getPackageName());
            if (!known.contains(top)) {
                unknown.add(c.getPackageName());
            }
        }
        assertEquals(Set.of(), unknown, "a package of the job that LayeringTest.LAYERS does not place");
    }

    @Test
    void domainsAndSharedPackagesNeverUseTheJobItsRunnersOrTheCommandLine() {
        List<String> below = new ArrayList<>();
        for (List<String> layer : LAYERS.subList(0, LAYERS.indexOf(List.of("job")))) {
            below.addAll(layer);
        }
        noClasses().that().resideInAnyPackage(packages(below)).should().dependOnClassesThat()
                .resideInAnyPackage(packages(TOP))
                .because("the domains and what they share run inside any runner (docs/design.md section 2)")
                .check(job);
    }

    @Test
    void noPackageUsesALayerAboveIt() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            List<String> above = new ArrayList<>();
            LAYERS.subList(i + 1, LAYERS.size()).forEach(above::addAll);
            noClasses().that().resideInAnyPackage(packages(LAYERS.get(i))).should().dependOnClassesThat()
                    .resideInAnyPackage(packages(above))
                    .because("imports run downward only (LayeringTest.LAYERS)")
                    .check(job);
        }
    }

    @Test
    void nothingUsesIo() {
        noClasses().that().resideOutsideOfPackages(packages(List.of(IO))).should().dependOnClassesThat()
                .resideInAnyPackage(packages(List.of(IO)))
                .because("io holds only names that old savepoints refer to")
                .check(job);
    }

    /** {@code mine} -> {@code jilin.ew.mine..}: the package and its sub-packages. */
    private static String[] packages(List<String> names) {
        return names.stream().map(n -> "jilin.ew." + n + "..").toArray(String[]::new);
    }

    private static String top(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }

    static {
        // the layers name each package once
        List<String> all = new ArrayList<>();
        LAYERS.forEach(all::addAll);
        if (new TreeSet<>(all).size() != all.size() || Arrays.asList(all.toArray()).contains(IO)) {
            throw new IllegalStateException("a package in two layers");
        }
    }
}
