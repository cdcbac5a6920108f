package jilin.ew.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jilin.ew.JobSettings;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleSets;
import picocli.CommandLine.Option;

/** Options every job-running command shares: rules, seeds, event-time bound. */
public class CommonOptions {
    @Option(names = "--rules", paramLabel = "R", description = "rule-set file (default: the shipped default rules)")
    Path rules;

    @Option(names = "--seeds", paramLabel = "DIR", description = "folder of seed files overriding the shipped ones")
    Path seeds;

    @Option(names = "--out-of-order-sec", paramLabel = "S", defaultValue = "30",
            description = "how late a message may be and still be taken in event-time order (default: ${DEFAULT-VALUE})")
    long outOfOrderSec;

    JobSettings settings() throws IOException {
        JobSettings s = new JobSettings();
        if (rules != null) {
            if (!Files.isRegularFile(rules)) {
                throw new IOException("rule file not found: " + rules);
            }
            s.withRules(RuleSets.fromFile(rules));
        }
        if (seeds != null) {
            if (!Files.isDirectory(seeds)) {
                throw new IOException("seed folder not found: " + seeds);
            }
            s.withReference(Reference.directory(seeds));
        }
        s.withOutOfOrderness(Duration.ofSeconds(outOfOrderSec));
        return s;
    }
}
