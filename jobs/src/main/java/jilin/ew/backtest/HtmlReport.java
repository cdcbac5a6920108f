package jilin.ew.backtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import jilin.ew.schema.Times;

/** Renders a backtest report as one self-contained HTML page: tables and inline SVG plots, no scripts, no CDN. */
public final class HtmlReport {
    private static final Map<String, String> COLOURS = Map.of(
            "RED", "#d62728", "ORANGE", "#ff7f0e", "YELLOW", "#d4a900", "BLUE", "#1f77b4");
    private static final String[] LEVELS = {"RED", "ORANGE", "YELLOW", "BLUE"};

    private HtmlReport() {}

    public static String render(BacktestReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest: ")
                .append(esc(r.baseline.version)).append(" vs ").append(esc(r.candidate.version)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em;max-width:1200px}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}.better{color:#080}"
                        + ".worse{color:#b00}pre{white-space:pre-wrap;font-size:85%;margin:0}details{margin:.2em 0}"
                        + "</style></head><body>\n");
        h.append("<h1>Backtest: <code>").append(esc(r.baseline.version)).append("</code> (baseline) vs <code>")
                .append(esc(r.candidate.version)).append("</code> (candidate)</h1>\n");
        h.append("<p>Recording <code>").append(esc(r.recording)).append("</code>: ").append(r.messages)
                .append(" messages").append(r.labelsFile == null ? ", no labels" : ", " + r.labelCount
                        + " labels from <code>" + esc(r.labelsFile) + "</code>").append(".</p>\n");

        levelHeader(h, "New alerts by level", "<th>total</th><th>dead letters</th><th>seconds</th>");
        for (BacktestReport.SetSummary s : List.of(r.baseline, r.candidate)) {
            levelCells(h, s.version, s.byLevel);
            h.append("<td>").append(s.alertsNew).append("</td><td>").append(s.deadLetters).append("</td><td>")
                    .append(s.seconds).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (r.baseline.escalationsByLevel != null) {
            // with commands: what nobody acknowledged in time (docs/handling.md)
            levelHeader(h, "Escalations by level", "");
            for (BacktestReport.SetSummary s : List.of(r.baseline, r.candidate)) {
                levelCells(h, s.version, s.escalationsByLevel);
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Alerts over time</h2>\n");
        plots(h, r.timeline);

        h.append("<h2>New alerts by rule and level</h2>\n<table><tr><th class=l>rule</th>");
        for (String l : LEVELS) {
            h.append("<th>").append(l).append(" baseline</th><th>").append(l).append(" candidate</th>");
        }
        h.append("</tr>\n");
        java.util.Set<String> rules = new java.util.TreeSet<>(r.baseline.byRuleAndLevel.keySet());
        rules.addAll(r.candidate.byRuleAndLevel.keySet());
        for (String rule : rules) {
            h.append("<tr><td class=l>").append(esc(rule)).append("</td>");
            for (String l : LEVELS) {
                long a = r.baseline.byRuleAndLevel.getOrDefault(rule, Map.of()).getOrDefault(l, 0L);
                long b = r.candidate.byRuleAndLevel.getOrDefault(rule, Map.of()).getOrDefault(l, 0L);
                h.append("<td>").append(a).append("</td><td").append(a != b ? " style=\"font-weight:bold\"" : "")
                        .append(">").append(b).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        if (!r.quality.isEmpty()) {
            h.append("<h2>Detection quality against the labels</h2>\n<table><tr><th class=l>rule</th>"
                    + "<th>labels</th><th>precision A</th><th>precision B</th><th>&Delta;</th>"
                    + "<th>lenient precision A</th><th>lenient precision B</th><th>recall A</th>"
                    + "<th>recall B</th><th>&Delta;</th><th>mean latency A (s)</th><th>mean latency B (s)</th>"
                    + "<th>&Delta;</th></tr>\n");
            for (Map.Entry<String, BacktestReport.RuleQuality> e : r.quality.entrySet()) {
                BacktestReport.RuleQuality q = e.getValue();
                h.append("<tr><td class=l>").append(esc(e.getKey())).append("</td><td>").append(q.baseline.labels)
                        .append("</td>")
                        .append(td(q.baseline.precision, q.baseline.explained + "/" + q.baseline.alerts))
                        .append(td(q.candidate.precision, q.candidate.explained + "/" + q.candidate.alerts))
                        .append(delta(q.precisionDelta, true))
                        .append(td(q.baseline.precisionLenient, q.baseline.explainedLenient + "/" + q.baseline.alerts))
                        .append(td(q.candidate.precisionLenient, q.candidate.explainedLenient + "/"
                                + q.candidate.alerts))
                        .append(td(q.baseline.recall, q.baseline.detected + "/" + q.baseline.labels))
                        .append(td(q.candidate.recall, q.candidate.detected + "/" + q.candidate.labels))
                        .append(delta(q.recallDelta, true))
                        .append(td(q.baseline.meanLatencySec, null)).append(td(q.candidate.meanLatencySec, null))
                        .append(delta(q.meanLatencyDeltaSec, false)).append("</tr>\n");
            }
            h.append("</table>\n");
            h.append("<details><summary>Labels (").append(r.labels.size()).append(")</summary><table><tr>"
                    + "<th class=l>scenario</th><th class=l>rule</th><th class=l>subject</th><th class=l>start</th>"
                    + "<th>baseline</th><th>candidate</th></tr>\n");
            for (BacktestReport.LabelOutcome o : r.labels) {
                h.append("<tr><td class=l>").append(esc(o.scenarioId)).append("</td><td class=l>")
                        .append(esc(o.expectNoAlert ? "(expects no alert)" : o.ruleId)).append("</td><td class=l>")
                        .append(esc(o.subjectId)).append("</td><td class=l>").append(esc(o.start)).append("</td><td>")
                        .append(outcome(o, true)).append("</td><td>").append(outcome(o, false)).append("</td></tr>\n");
            }
            h.append("</table></details>\n");
        }

        only(h, "Raised only by the candidate (" + esc(r.candidate.version) + ")", r.onlyCandidate, r.labelsFile);
        only(h, "Raised only by the baseline (" + esc(r.baseline.version) + ")", r.onlyBaseline, r.labelsFile);
        if (!r.levelChanged.isEmpty()) {
            h.append("<h2>Same incident, different level</h2>\n<table><tr><th class=l>key</th><th class=l>raised</th>"
                    + "<th>baseline</th><th>candidate</th></tr>\n");
            for (BacktestReport.LevelChange c : r.levelChanged) {
                h.append("<tr><td class=l>").append(esc(c.key)).append("</td><td class=l>").append(esc(c.detectedTs))
                        .append("</td><td>").append(c.baselineLevel).append("</td><td>").append(c.candidateLevel)
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>How alerts are matched</h2>\n<ul>");
        for (Map.Entry<String, String> e : r.matching.entrySet()) {
            h.append("<li><b>").append(esc(e.getKey())).append("</b>: ").append(esc(e.getValue())).append("</li>");
        }
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    private static String outcome(BacktestReport.LabelOutcome o, boolean baseline) {
        if (o.expectNoAlert) {
            int n = baseline ? o.baselineFalseAlarms : o.candidateFalseAlarms;
            return n == 0 ? "quiet" : n + " false alarm" + (n == 1 ? "" : "s");
        }
        Double l = baseline ? o.baselineLatencySec : o.candidateLatencySec;
        return l == null ? "<span class=worse>missed</span>" : String.format(Locale.ROOT, "after %.0f s", l);
    }

    private static String td(Double v, String detail) {
        if (v == null) {
            return "<td>&ndash;</td>";
        }
        return "<td>" + String.format(Locale.ROOT, "%.3f", v) + (detail == null ? "" : " <small>(" + detail + ")</small>")
                + "</td>";
    }

    private static String delta(Double d, boolean higherIsBetter) {
        if (d == null) {
            return "<td>&ndash;</td>";
        }
        String cls = d == 0 ? "" : (d > 0) == higherIsBetter ? " class=better" : " class=worse";
        return "<td" + cls + ">" + String.format(Locale.ROOT, "%+.3f", d) + "</td>";
    }

    private static void only(StringBuilder h, String title, List<BacktestReport.AlertView> alerts, String labels) {
        h.append("<h2>").append(title).append(": ").append(alerts.size()).append("</h2>\n");
        if (alerts.isEmpty()) {
            return;
        }
        h.append("<table><tr><th class=l>raised</th><th class=l>rule</th><th class=l>level</th><th class=l>subject</th>");
        if (labels != null) {
            h.append("<th class=l>label</th>");
        }
        h.append("<th class=l>what and evidence</th></tr>\n");
        for (BacktestReport.AlertView a : alerts) {
            h.append("<tr><td class=l>").append(esc(a.detectedTs)).append("</td><td class=l>").append(esc(a.ruleId))
                    .append("</td><td class=l style=\"color:").append(COLOURS.getOrDefault(a.level, "#000")).append("\">")
                    .append(a.level).append("</td><td class=l>").append(esc(a.subjectId)).append("</td>");
            if (labels != null) {
                h.append("<td class=l>").append(a.explainedBy != null ? esc(a.explainedBy)
                        : a.onOtherRuleLabel != null ? "<span class=worse>none of its rule (on " + esc(a.onOtherRuleLabel)
                                + ", another rule's scenario)</span>"
                        : "<span class=worse>none (false alarm)</span>").append("</td>");
            }
            h.append("<td class=l>").append(esc(a.detail)).append("<details><summary>evidence (")
                    .append(a.evidence.size()).append(")</summary><pre>");
            for (String e : a.evidence) {
                h.append(esc(e)).append('\n');
            }
            h.append("</pre></details></td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** One SVG per set: a line per level, NEW alerts per bin; both share the y scale. */
    private static void plots(StringBuilder h, BacktestReport.Timeline t) {
        long max = 1;
        for (Map<String, long[]> byLevel : t.counts.values()) {
            for (long[] c : byLevel.values()) {
                for (long v : c) {
                    max = Math.max(max, v);
                }
            }
        }
        int w = 560;
        int ht = 220;
        int left = 40;
        int bottom = 30;
        int pw = w - left - 10;
        int ph = ht - bottom - 10;
        h.append("<div style=\"display:flex;gap:1em;flex-wrap:wrap\">\n");
        for (Map.Entry<String, Map<String, long[]>> e : t.counts.entrySet()) {
            h.append("<figure style=\"margin:0\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
                    .append("\" height=\"").append(ht).append("\" role=\"img\" aria-label=\"new alerts over time, ")
                    .append(e.getKey()).append("\" font-size=\"11\">\n");
            h.append("<rect x=\"").append(left).append("\" y=\"10\" width=\"").append(pw).append("\" height=\"")
                    .append(ph).append("\" fill=\"none\" stroke=\"#999\"/>\n");
            for (int k = 0; k <= 4; k++) {
                double y = 10 + ph - ph * k / 4.0;
                h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                        left - 4, y + 4, fmt(max * k / 4.0)));
            }
            h.append("<text x=\"").append(left).append("\" y=\"").append(ht - 8).append("\">")
                    .append(esc(Times.format(t.startMs))).append("</text>\n");
            h.append("<text x=\"").append(left + pw).append("\" y=\"").append(ht - 8).append("\" text-anchor=\"end\">")
                    .append(esc(Times.format(t.startMs + t.binSec * 1000L * t.bins))).append("</text>\n");
            int li = 0;
            for (Map.Entry<String, long[]> lv : e.getValue().entrySet()) {
                long[] c = lv.getValue();
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < c.length; i++) {
                    double x = left + (c.length == 1 ? pw / 2.0 : pw * i / (double) (c.length - 1));
                    double y = 10 + ph - ph * c[i] / (double) max;
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
                h.append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"").append(COLOURS.get(lv.getKey()))
                        .append("\" points=\"").append(pts.toString().trim()).append("\"><title>").append(lv.getKey())
                        .append("</title></polyline>\n");
                h.append("<text x=\"").append(left + 8 + li * 70).append("\" y=\"24\" fill=\"")
                        .append(COLOURS.get(lv.getKey())).append("\">").append(lv.getKey()).append("</text>\n");
                li++;
            }
            h.append("</svg><figcaption>").append(esc(e.getKey())).append(": new alerts per ").append(t.binSec / 60)
                    .append(" min, by level</figcaption></figure>\n");
        }
        h.append("</div>\n");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A heading and a table's header row: the set, one column per level, then {@code more} header cells. */
    private static void levelHeader(StringBuilder h, String title, String more) {
        h.append("<h2>").append(title).append("</h2>\n<table><tr><th class=l>set</th>");
        for (String l : LEVELS) {
            h.append("<th>").append(l).append("</th>");
        }
        h.append(more).append("</tr>\n");
    }

    /** A row's opening: the set's version and its count per level (the row is left open for more cells). */
    private static void levelCells(StringBuilder h, String version, Map<String, Long> byLevel) {
        h.append("<tr><td class=l>").append(esc(version)).append("</td>");
        for (String l : LEVELS) {
            h.append("<td>").append(byLevel.getOrDefault(l, 0L)).append("</td>");
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
