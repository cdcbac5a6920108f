package jilin.ew.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.ingest.BoundedLineReader;
import jilin.ew.job.LocalRun;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replays one recording under two rule sets (two bounded jobs in sequence on the local MiniCluster, parallelism 1,
 * so each run is deterministic) and compares what they raised, and, with labels, how well each detects.
 *
 * <p>Matching, in brief (the report repeats it): an incident is a NEW alert; the baseline's and the candidate's
 * incidents pair up when they have the same key (rule + subject) and were raised within {@link #PAIR_TOLERANCE_MS}
 * of each other. An alert is on a label when its subject is the label's subject or one of its sensors (or the
 * label's district), and it was raised between the label's start minus {@link #EARLY_MS} and its end plus the
 * rule set's clear hold for the domain. A label is detected when an alert of its rule at or above its minimum
 * level is on it; latency is from the label's start to that alert's raising reading (event time). A rule's
 * precision is the share of its NEW alerts that are on a label of that same rule (a true positive); the lenient
 * precision, reported beside it, also counts an alert on a label of any other rule; recall is the share of its
 * labels detected.
 */
public final class Backtest {
    public static final long PAIR_TOLERANCE_MS = 10 * 60_000L;
    public static final long EARLY_MS = 60_000L;
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private Backtest() {}

    /** One rule set's run: its NEW alerts and counts. */
    public static final class Run {
        public final RuleSet rules;
        public final List<Alert> opened = new ArrayList<>();
        /** The highest level each key (rule + subject) reached over all its alert messages, escalations included. */
        public final Map<String, Level> highest = new TreeMap<>();
        /** UPDATED messages by key (rule + subject), escalations not counted. */
        public final Map<String, Long> updates = new TreeMap<>();
        /** Escalation messages (a run with commands), in the order of the run. */
        public final List<Alert> escalations = new ArrayList<>();
        /** Whether the run had commands (its handling policy took effect). */
        public boolean handled;
        public long alertMessages;
        public long deadLetters;
        public double seconds;

        Run(RuleSet rules) {
            this.rules = rules;
        }
    }

    /** Replays {@code recording} under {@code rules}, printing progress to {@code console}. */
    public static Run replay(Path recording, long totalLines, RuleSet rules, JobSettings base, String label,
                             PrintStream console) throws Exception {
        return replay(recording, null, totalLines, rules, base, label, console);
    }

    /**
     * Replays {@code recording} with the commands of {@code commands} (null: none, no handling) under {@code rules}:
     * the escalation policy then takes effect (docs/handling.md).
     */
    public static Run replay(Path recording, Path commands, long totalLines, RuleSet rules, JobSettings base,
                             String label, PrintStream console) throws Exception {
        Run run = new Run(rules);
        run.handled = commands != null;
        JobSettings settings = new JobSettings().withRules(rules).withReference(base.reference())
                .withOutOfOrderness(base.outOfOrderness());
        StreamExecutionEnvironment env = LocalRun.environment(Files.size(recording), 1);
        env.setParallelism(1);
        try (Progress progress = new Progress(label + "-" + System.nanoTime(), label + " " + rules.version(),
                totalLines, console, 2000)) {
            LocalRun.Input raw = LocalRun.jsonl(env, recording).mapLines(lines -> lines.map(progress.counter())
                    .name("backtest progress").uid("backtest-progress").setParallelism(1));
            LocalRun.run(env, raw, commands == null ? null : LocalRun.jsonl(env, commands, "commands"), settings,
                    "backtest " + label + " " + rules.version(), null, o -> {
                if (o.handling != null) {
                    return;
                }
                if (o.alert != null && o.alert.escalation != null) {
                    run.alertMessages++;
                    run.escalations.add(o.alert);
                } else if (o.alert != null) {
                    run.alertMessages++;
                    if (o.alert.status == AlertStatus.NEW) {
                        run.opened.add(o.alert);
                    }
                    run.highest.merge(o.alert.key, o.alert.level, (x, y) -> x.atLeast(y) ? x : y);
                    if (o.alert.status == AlertStatus.UPDATED) {
                        run.updates.merge(o.alert.key, 1L, Long::sum);
                    }
                } else {
                    run.deadLetters++;
                }
            });
            run.seconds = progress.seconds();
        }
        run.opened.sort(Comparator.comparingLong((Alert a) -> a.lastEventTs).thenComparing(a -> a.key)
                .thenComparing(a -> a.alertId));
        return run;
    }

    public static long countLines(Path file) throws IOException {
        return BoundedLineReader.count(file);
    }

    public static List<GroundTruth> readLabels(Path file) throws IOException {
        List<GroundTruth> out = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(Files.newInputStream(file))) {
            BoundedLineReader.Line line;
            for (long n = 1; (line = r.next()) != null; n++) {
                if (line.tooLong()) {
                    throw new IOException(file + ":" + n + ": a label line of " + line.length
                            + " characters is longer than any label");
                }
                if (!line.text.isBlank()) {
                    out.add(JSON.readValue(line.text, GroundTruth.class));
                }
            }
        }
        return out;
    }

    /** Compares two runs over the same recording. */
    public static BacktestReport compare(Path recording, long messages, Run a, Run b, List<GroundTruth> labels) {
        BacktestReport r = new BacktestReport();
        r.recording = recording.toString();
        r.messages = messages;
        r.labelCount = labels == null ? 0 : labels.size();
        r.matching.put("pairing", "baseline and candidate NEW alerts pair up when they share a key (rule + subject)"
                + " and were raised within " + PAIR_TOLERANCE_MS / 60_000 + " min of each other (event time)");
        r.matching.put("onLabel", "an alert is on a label when its subject is the label's subject, one of its sensors"
                + " or its district, raised from " + EARLY_MS / 1000 + " s before the label's start to its end plus"
                + " the rule set's clear hold for the domain");
        r.matching.put("detected", "a label is detected by a NEW alert of its rule, at or above its minimum level,"
                + " on it; latency is event time from the label's start to that alert's raising reading");
        r.matching.put("precision", "share of a rule's NEW alerts that are on a label of the same rule");
        r.matching.put("precisionLenient", "share of a rule's NEW alerts that are on a label of any rule expecting"
                + " alerts (an alarm raised on another rule's scenario counts as right)");
        r.matching.put("recall", "share of a rule's labels detected");
        r.baseline = summary(a);
        r.candidate = summary(b);

        // pair incidents by key and time
        Set<Alert> pairedA = new HashSet<>();
        Set<Alert> pairedB = new HashSet<>();
        Map<String, List<Alert>> bByKey = b.opened.stream().collect(Collectors.groupingBy(x -> x.key));
        for (Alert x : a.opened) {
            for (Alert y : bByKey.getOrDefault(x.key, List.of())) {
                if (!pairedB.contains(y) && Math.abs(x.lastEventTs - y.lastEventTs) <= PAIR_TOLERANCE_MS) {
                    pairedA.add(x);
                    pairedB.add(y);
                    if (x.level != y.level) {
                        BacktestReport.LevelChange c = new BacktestReport.LevelChange();
                        c.key = x.key;
                        c.baselineLevel = x.level.name();
                        c.candidateLevel = y.level.name();
                        c.detectedTs = Times.format(y.lastEventTs);
                        r.levelChanged.add(c);
                    }
                    break;
                }
            }
        }
        List<GroundTruth> ls = labels == null ? List.of() : labels;
        for (Alert x : a.opened) {
            if (!pairedA.contains(x)) {
                r.onlyBaseline.add(view(x, ls, a.rules));
            }
        }
        for (Alert y : b.opened) {
            if (!pairedB.contains(y)) {
                r.onlyCandidate.add(view(y, ls, b.rules));
            }
        }
        if (labels != null) {
            quality(r, a, b, ls);
        }
        r.timeline = timeline(a, b);
        return r;
    }

    private static BacktestReport.SetSummary summary(Run run) {
        BacktestReport.SetSummary s = new BacktestReport.SetSummary();
        s.version = run.rules.version();
        s.alertsNew = run.opened.size();
        s.alertMessages = run.alertMessages;
        s.deadLetters = run.deadLetters;
        s.seconds = Math.round(run.seconds * 10) / 10.0;
        Map<String, Map<String, Long>> by = new TreeMap<>();
        Map<Level, Long> byLevel = new EnumMap<>(Level.class);
        for (Alert x : run.opened) {
            by.computeIfAbsent(x.ruleId, k -> new LinkedHashMap<>()).merge(x.level.name(), 1L, Long::sum);
            byLevel.merge(x.level, 1L, Long::sum);
        }
        s.byRuleAndLevel.putAll(by);
        for (Level l : new Level[] {Level.RED, Level.ORANGE, Level.YELLOW, Level.BLUE}) {
            s.byLevel.put(l.name(), byLevel.getOrDefault(l, 0L));
        }
        if (run.handled) {
            s.escalationsByLevel = new LinkedHashMap<>();
            for (Level l : new Level[] {Level.RED, Level.ORANGE, Level.YELLOW, Level.BLUE}) {
                s.escalationsByLevel.put(l.name(), run.escalations.stream().filter(x -> x.level == l).count());
            }
        }
        return s;
    }

    private static BacktestReport.AlertView view(Alert x, List<GroundTruth> labels, RuleSet rules) {
        GroundTruth explainedBy = explainer(x, labels, rules, true);
        GroundTruth near = explainedBy != null ? null : explainer(x, labels, rules, false);
        BacktestReport.AlertView v = new BacktestReport.AlertView();
        v.alertId = x.alertId;
        v.key = x.key;
        v.ruleId = x.ruleId;
        v.subjectId = x.subjectId;
        v.level = x.level.name();
        v.firstEventTs = Times.format(x.firstEventTs);
        v.detectedTs = Times.format(x.lastEventTs);
        v.title = x.title;
        v.detail = x.detail;
        v.ruleSetVersion = x.ruleSetVersion;
        v.evidence = x.evidence;
        v.explainedBy = explainedBy == null ? null : explainedBy.scenarioId();
        v.onOtherRuleLabel = near == null ? null : near.scenarioId();
        return v;
    }

    /** Whether the alert is on the label: subject, sensors or district, within the label's window. */
    static boolean on(Alert x, GroundTruth l, RuleSet rules) {
        boolean subject = x.subjectId.equals(l.subjectId())
                || (l.sensorIds() != null && (l.sensorIds().contains(x.subjectId)
                        || (x.sensorId != null && l.sensorIds().contains(x.sensorId))
                        || (x.stationId != null && l.sensorIds().contains(x.stationId))
                        || (x.vehicleId != null && l.sensorIds().contains(x.vehicleId))))
                || (l.district() != null && l.mineId() != null && x.subjectId.equals(l.mineId() + "/" + l.district()));
        if (!subject) {
            return false;
        }
        long from = l.startInstant().toEpochMilli() - EARLY_MS;
        long to = l.endInstant().toEpochMilli() + rules.lifecycle().clearHoldSec(x.domain == null ? "MINE"
                : x.domain.name()) * 1000;
        return x.lastEventTs >= from && x.lastEventTs <= to;
    }

    /**
     * The first label expecting alerts that the alert is on, or null; with {@code sameRule}, only a label of the
     * alert's own rule counts (the strict, per-rule score).
     */
    private static GroundTruth explainer(Alert x, List<GroundTruth> labels, RuleSet rules, boolean sameRule) {
        for (GroundTruth l : labels) {
            if (!Boolean.TRUE.equals(l.expectNoAlert()) && (!sameRule || x.ruleId.equals(l.ruleId()))
                    && on(x, l, rules)) {
                return l;
            }
        }
        return null;
    }

    private static void quality(BacktestReport r, Run a, Run b, List<GroundTruth> labels) {
        Set<String> ruleIds = new java.util.TreeSet<>();
        a.opened.forEach(x -> ruleIds.add(x.ruleId));
        b.opened.forEach(x -> ruleIds.add(x.ruleId));
        labels.stream().filter(l -> l.ruleId() != null).forEach(l -> ruleIds.add(l.ruleId()));
        for (GroundTruth l : labels) {
            BacktestReport.LabelOutcome o = new BacktestReport.LabelOutcome();
            o.scenarioId = l.scenarioId();
            o.ruleId = l.ruleId();
            o.subjectId = l.subjectId();
            o.start = l.start();
            o.expectNoAlert = Boolean.TRUE.equals(l.expectNoAlert());
            if (o.expectNoAlert) {
                o.baselineFalseAlarms = (int) a.opened.stream().filter(x -> on(x, l, a.rules)).count();
                o.candidateFalseAlarms = (int) b.opened.stream().filter(x -> on(x, l, b.rules)).count();
            } else {
                o.baselineLatencySec = latency(l, a);
                o.candidateLatencySec = latency(l, b);
                o.baselineDetected = o.baselineLatencySec != null;
                o.candidateDetected = o.candidateLatencySec != null;
            }
            r.labels.add(o);
        }
        for (String id : ruleIds) {
            BacktestReport.RuleQuality q = new BacktestReport.RuleQuality();
            q.baseline = quality(id, a, labels);
            q.candidate = quality(id, b, labels);
            q.precisionDelta = delta(q.candidate.precision, q.baseline.precision);
            q.precisionLenientDelta = delta(q.candidate.precisionLenient, q.baseline.precisionLenient);
            q.recallDelta = delta(q.candidate.recall, q.baseline.recall);
            q.meanLatencyDeltaSec = delta(q.candidate.meanLatencySec, q.baseline.meanLatencySec);
            r.quality.put(id, q);
        }
    }

    private static Double delta(Double x, Double y) {
        return x == null || y == null ? null : Math.round((x - y) * 1000) / 1000.0;
    }

    /** Seconds from the label's start to its first detecting alert, or null when missed. */
    static Double latency(GroundTruth l, Run run) {
        if (l.ruleId() == null || Boolean.TRUE.equals(l.expectNoAlert())) {
            return null;
        }
        Level min = l.minLevel() == null ? Level.BLUE : Level.valueOf(l.minLevel());
        long start = l.startInstant().toEpochMilli();
        return run.opened.stream()
                .filter(x -> x.ruleId.equals(l.ruleId()) && x.level.atLeast(min) && on(x, l, run.rules))
                .mapToLong(x -> x.lastEventTs).min()
                .stream().mapToObj(t -> Math.max(0, t - start) / 1000.0).findFirst().orElse(null);
    }

    private static BacktestReport.Quality quality(String ruleId, Run run, List<GroundTruth> labels) {
        BacktestReport.Quality q = new BacktestReport.Quality();
        List<Double> lat = new ArrayList<>();
        for (GroundTruth l : labels) {
            if (ruleId.equals(l.ruleId()) && !Boolean.TRUE.equals(l.expectNoAlert())) {
                q.labels++;
                Double d = latency(l, run);
                if (d != null) {
                    q.detected++;
                    lat.add(d);
                }
            }
        }
        for (Alert x : run.opened) {
            if (x.ruleId.equals(ruleId)) {
                q.alerts++;
                if (explainer(x, labels, run.rules, true) != null) {
                    q.explained++;
                    q.explainedLenient++;
                } else if (explainer(x, labels, run.rules, false) != null) {
                    q.explainedLenient++;
                }
            }
        }
        q.precision = q.alerts == 0 ? null : round((double) q.explained / q.alerts);
        q.precisionLenient = q.alerts == 0 ? null : round((double) q.explainedLenient / q.alerts);
        q.recall = q.labels == 0 ? null : round((double) q.detected / q.labels);
        q.meanLatencySec = lat.isEmpty() ? null : round(lat.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        q.maxLatencySec = lat.isEmpty() ? null : lat.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return q;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** NEW alerts per bin and level; about 60 bins over the span of both runs' alerts. */
    private static BacktestReport.Timeline timeline(Run a, Run b) {
        BacktestReport.Timeline t = new BacktestReport.Timeline();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Run run : List.of(a, b)) {
            for (Alert x : run.opened) {
                min = Math.min(min, x.lastEventTs);
                max = Math.max(max, x.lastEventTs);
            }
        }
        if (min == Long.MAX_VALUE) {
            min = 0;
            max = 0;
        }
        long span = Math.max(60_000, max - min + 1);
        long bin = Math.max(60, (span / 60 + 59_999) / 60_000 * 60); // whole minutes
        t.startMs = min / 60_000 * 60_000;
        t.binSec = bin;
        t.bins = (int) ((max - t.startMs) / (bin * 1000) + 1);
        for (Map.Entry<String, Run> e : Map.of("baseline", a, "candidate", b).entrySet()) {
            Map<String, long[]> byLevel = new LinkedHashMap<>();
            for (Level l : new Level[] {Level.RED, Level.ORANGE, Level.YELLOW, Level.BLUE}) {
                byLevel.put(l.name(), new long[t.bins]);
            }
            for (Alert x : e.getValue().opened) {
                int i = (int) ((x.lastEventTs - t.startMs) / (bin * 1000));
                byLevel.get(x.level.name())[Math.min(i, t.bins - 1)]++;
            }
            t.counts.put(e.getKey(), byLevel);
        }
        // keep baseline first
        Map<String, Map<String, long[]>> ordered = new LinkedHashMap<>();
        ordered.put("baseline", t.counts.get("baseline"));
        ordered.put("candidate", t.counts.get("candidate"));
        t.counts = ordered;
        return t;
    }

    /** Writes report.json and report.html into {@code dir}. */
    public static void write(BacktestReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("report.json").toFile(), r);
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(r), StandardCharsets.UTF_8);
    }
}
