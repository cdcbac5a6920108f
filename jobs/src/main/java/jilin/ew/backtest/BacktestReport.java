package jilin.ew.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a backtest found, as written to report.json (and rendered to report.html). */
public class BacktestReport {
    public String recording;
    public long messages;
    public String labelsFile;
    public int labelCount;
    /** How alerts are matched between the sets and against labels. */
    public Map<String, String> matching = new LinkedHashMap<>();
    public SetSummary baseline;
    public SetSummary candidate;
    /** NEW alerts one set raised and the other did not (no NEW alert of the same key within the tolerance). */
    public List<AlertView> onlyBaseline = new ArrayList<>();
    public List<AlertView> onlyCandidate = new ArrayList<>();
    /** The same incident raised by both, at different levels. */
    public List<LevelChange> levelChanged = new ArrayList<>();
    /** By rule id; present only with labels. */
    public Map<String, RuleQuality> quality = new LinkedHashMap<>();
    /** Every label and whether each set detected it. */
    public List<LabelOutcome> labels = new ArrayList<>();
    public Timeline timeline;

    public BacktestReport() {}

    /** One rule set's run. */
    public static class SetSummary {
        public String version;
        public String file;
        public long alertsNew;
        public long alertMessages;
        public long deadLetters;
        public double seconds;
        /** NEW alerts by rule id, then level. */
        public Map<String, Map<String, Long>> byRuleAndLevel = new LinkedHashMap<>();
        public Map<String, Long> byLevel = new LinkedHashMap<>();
        /** With commands (backtest --commands): escalations of unacknowledged incidents by level; else absent. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public Map<String, Long> escalationsByLevel;
    }

    /** An alert as shown in the report, with its evidence. */
    public static class AlertView {
        public String alertId;
        public String key;
        public String ruleId;
        public String subjectId;
        public String level;
        public String firstEventTs;
        /** Event time of the reading that raised it. */
        public String detectedTs;
        public String title;
        public String detail;
        public String ruleSetVersion;
        /** The label of its own rule whose scenario explains it, or null (a false alarm when labels were given). */
        public String explainedBy;
        /** Without a label of its own rule: a label of another rule it falls on (counted by the lenient precision). */
        public String onOtherRuleLabel;
        public List<String> evidence = new ArrayList<>();
    }

    /** One incident at two levels. */
    public static class LevelChange {
        public String key;
        public String baselineLevel;
        public String candidateLevel;
        public String detectedTs;
    }

    /** Detection quality of one rule under one set. */
    public static class Quality {
        public int labels;
        public int detected;
        public int alerts;
        /** Alerts on a label of their own rule (true positives). */
        public int explained;
        /** Alerts on a label of any rule that expects alerts (the lenient count). */
        public int explainedLenient;
        /** explained / alerts: per-rule precision; null without alerts. */
        public Double precision;
        /** explainedLenient / alerts: an alert on another rule's scenario counts as right; null without alerts. */
        public Double precisionLenient;
        /** detected / labels; null without labels. */
        public Double recall;
        public Double meanLatencySec;
        public Double maxLatencySec;
    }

    /** A rule's quality under both sets and the difference (candidate minus baseline). */
    public static class RuleQuality {
        public Quality baseline;
        public Quality candidate;
        public Double precisionDelta;
        public Double precisionLenientDelta;
        public Double recallDelta;
        public Double meanLatencyDeltaSec;
    }

    /** One label's outcome. */
    public static class LabelOutcome {
        public String scenarioId;
        public String ruleId;
        public String subjectId;
        public String start;
        public boolean expectNoAlert;
        /** Latency in seconds from the scenario's start to the first detecting alert; null: missed. */
        public Double baselineLatencySec;
        public Double candidateLatencySec;
        public boolean baselineDetected;
        public boolean candidateDetected;
        /** For expectNoAlert labels: alerts raised on its subjects in its window. */
        public int baselineFalseAlarms;
        public int candidateFalseAlarms;
    }

    /** NEW alerts per time bin and level, for the plot. */
    public static class Timeline {
        public long startMs;
        public long binSec;
        public int bins;
        /** Set ("baseline"/"candidate") -> level -> count per bin. */
        public Map<String, Map<String, long[]>> counts = new LinkedHashMap<>();
    }
}
