package jilin.ew.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jilin.ew.rules.RuleSetValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate-rules}: every error of a rule-set file with its line, field and a hint; exit 1 on errors. */
@Command(name = "validate-rules", mixinStandardHelpOptions = true,
        description = {"Check rule-set files (JSON or YAML) against schemas/rule-set.schema.json and the rule catalog.",
                "Prints every error as FILE:LINE:COLUMN: FIELD: message (hint: ...). Exit 0 when all are valid, 1 on errors."})
public class ValidateRulesCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "rule-set file(s)")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        RuleSetValidator validator = new RuleSetValidator();
        int bad = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                System.err.println("early-warning validate-rules: file not found: " + f);
                return 2;
            }
            RuleSetValidator.Result r = validator.validateFile(f);
            if (r.valid()) {
                System.out.println(f + ": valid (version " + r.ruleSet.version() + ", " + r.ruleSet.rules().size()
                        + " rules, " + r.ruleSet.rules().values().stream().filter(c -> c.enabled()).count() + " enabled)");
            } else {
                bad++;
                System.out.print(r.describe());
                System.out.println(f + ": " + r.problems.size() + (r.problems.size() == 1 ? " error" : " errors"));
            }
        }
        return bad == 0 ? 0 : 1;
    }
}
