package jilin.ew.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSetValidator;
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

    @Option(names = "--watermark-step-sec", paramLabel = "S", defaultValue = "1",
            description = "event-time progress between watermarks: larger is cheaper, pattern alerts come that much "
                    + "later (default: ${DEFAULT-VALUE})")
    long watermarkStepSec = 1;

    /** A rule-set file, validated; its problems (line, field, hint) become the exception's message. */
    static RuleSet load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("rule file not found: " + file);
        }
        RuleSetValidator.Result r = new RuleSetValidator().validateFile(file);
        if (!r.valid()) {
            throw new IOException("rule file " + file + " is not valid:\n" + r.describe().stripTrailing());
        }
        return r.ruleSet;
    }

    JobSettings settings() throws IOException {
        JobSettings s = new JobSettings();
        if (rules != null) {
            if (!Files.isRegularFile(rules)) {
                throw new IOException("rule file not found: " + rules);
            }
            s = s.withRules(load(rules));
        }
        if (seeds != null) {
            if (!Files.isDirectory(seeds)) {
                throw new IOException("seed folder not found: " + seeds);
            }
            s = s.withReference(Reference.directory(seeds));
        }
        s = s.withOutOfOrderness(Duration.ofSeconds(outOfOrderSec));
        if (watermarkStepSec < 1) { // also guards commands that build these options without picocli
            throw new IOException("--watermark-step-sec must be at least 1");
        }
        return s.withWatermarkStep(Duration.ofSeconds(watermarkStepSec));
    }
}
