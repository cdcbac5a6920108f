package jilin.ew.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.backtest.Backtest;
import jilin.ew.backtest.BacktestReport;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.backtest.GroundTruth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backtest}: one recording under two rule sets; what differs, and with labels, which detects better. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay one recording under a baseline and a candidate rule set and write report.json and "
                + "report.html: alerts per rule and level under each, the alerts only one raised (with evidence), "
                + "and with labels per-rule precision, recall and detection latency."})
public class BacktestCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "RECORDING.jsonl", description = "recording, one message per line")
    Path input;

    @Option(names = "--baseline", required = true, paramLabel = "A",
            description = "rule-set file in force today ('default' for the shipped default)")
    String baseline;

    @Option(names = "--candidate", required = true, paramLabel = "B", description = "rule-set file to try")
    String candidate;

    @Option(names = "--labels", paramLabel = "L.jsonl", description = "ground-truth labels (the simulator's --labels)")
    Path labels;

    @Option(names = "--commands", paramLabel = "C.jsonl",
            description = "alert.command lines both runs act on: each rule set's escalation policy then takes effect "
                    + "(the report counts escalations by level; docs/handling.md)")
    Path commands;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "folder for report.json and report.html")
    Path report;

    @Option(names = "--seeds", paramLabel = "DIR", description = "folder of seed files overriding the shipped ones")
    Path seeds;

    @Option(names = "--out-of-order-sec", paramLabel = "S", defaultValue = "30",
            description = "how late a message may be and still be taken in event-time order (default: ${DEFAULT-VALUE})")
    long outOfOrderSec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            System.err.println("early-warning backtest: input file not found: " + input);
            return 2;
        }
        if (commands != null && !Files.isRegularFile(commands)) {
            System.err.println("early-warning backtest: commands file not found: " + commands);
            return 2;
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            System.err.println("early-warning backtest: labels file not found: " + labels);
            return 2;
        }
        RuleSet a;
        RuleSet b;
        JobSettings base;
        List<GroundTruth> ls;
        try {
            a = load(baseline);
            b = load(candidate);
            CommonOptions common = new CommonOptions();
            common.seeds = seeds;
            common.outOfOrderSec = outOfOrderSec;
            base = common.settings();
            ls = labels == null ? null : Backtest.readLabels(labels);
        } catch (IOException e) {
            System.err.println("early-warning backtest: " + e.getMessage());
            return 2;
        }
        if (a.version().equals(b.version())) {
            System.err.println("early-warning backtest: note: both rule sets carry version " + a.version());
        }
        long total = Backtest.countLines(input);
        System.err.printf(Locale.ROOT, "backtest: %,d messages, baseline %s, candidate %s%n", total, a.version(), b.version());
        Backtest.Run ra = Backtest.replay(input, commands, total, a, base, "baseline", System.err);
        Backtest.Run rb = Backtest.replay(input, commands, total, b, base, "candidate", System.err);
        BacktestReport r = Backtest.compare(input, total, ra, rb, ls);
        r.baseline.file = baseline;
        r.candidate.file = candidate;
        r.labelsFile = labels == null ? null : labels.toString();
        Backtest.write(r, report);

        System.out.printf(Locale.ROOT, "new alerts: baseline %s %d %s, candidate %s %d %s%n", a.version(),
                r.baseline.alertsNew, r.baseline.byLevel, b.version(), r.candidate.alertsNew, r.candidate.byLevel);
        System.out.printf(Locale.ROOT, "only in baseline: %d; only in candidate: %d; level changed: %d%n",
                r.onlyBaseline.size(), r.onlyCandidate.size(), r.levelChanged.size());
        for (Map.Entry<String, BacktestReport.RuleQuality> e : r.quality.entrySet()) {
            BacktestReport.RuleQuality q = e.getValue();
            System.out.printf(Locale.ROOT, "%-24s precision %s -> %s (lenient %s -> %s), recall %s -> %s%n",
                    e.getKey(), f(q.baseline.precision), f(q.candidate.precision), f(q.baseline.precisionLenient),
                    f(q.candidate.precisionLenient), f(q.baseline.recall), f(q.candidate.recall));
        }
        System.out.println("report: " + report.resolve("report.html") + " and " + report.resolve("report.json"));
        return 0;
    }

    private static String f(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static RuleSet load(String spec) throws IOException {
        return "default".equals(spec) ? RuleSets.defaults() : CommonOptions.load(Path.of(spec));
    }
}
