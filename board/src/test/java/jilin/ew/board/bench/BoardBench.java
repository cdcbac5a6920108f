package jilin.ew.board.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jilin.ew.board.AlertBoard;
import jilin.ew.board.BoardServer;
import jilin.ew.board.Browser;
import jilin.ew.board.Freshness;
import jilin.ew.board.Geography;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The board under load, run on purpose (never in the tests): 10,000 open alerts, then 200 alert messages a second
 * (updates, new incidents, clearances, keeping about 10,000 open) for 5 minutes, into a real server watched by a
 * real headless Chromium. Reports the queue's render time, publish-to-shown latency (median, p99) and the server's
 * heap. Arguments: [seconds (300)] [open alerts (10000)] [messages per second (200)].
 */
public final class BoardBench {
    private static final String[] PREFS = {"220100", "220200", "220300", "220400", "220500", "220600", "220700",
        "220800", "222400", "229900", "220581", "220184"};
    private static final String[] RULES = {"MINE_CH4_ALARM", "MINE_CO_ALARM", "GAS_LEL_LEVEL1", "GAS_LEAK_SUSPECTED",
        "VEH_FATIGUE", "VEH_SECTION_SPEEDING", "REPORT_MAJOR_HAZARD"};

    private BoardBench() {}

    private static final class Open {
        final String rule;
        final String subject;
        final String pref;
        final Level level;
        final long first;
        int seq = 1;

        Open(String rule, String subject, String pref, Level level, long first) {
            this.rule = rule;
            this.subject = subject;
            this.pref = pref;
            this.level = level;
            this.first = first;
        }

        Alert message(AlertStatus status, long now) {
            Alert a = new Alert();
            a.ruleId = rule;
            a.subjectId = subject;
            a.key = rule + ":" + subject;
            a.alertId = a.key + "/" + first + "/" + seq;
            a.domain = rule.startsWith("GAS") ? Domain.GAS_NETWORK : rule.startsWith("VEH") ? Domain.VEHICLE
                    : rule.startsWith("REPORT") ? Domain.REPORT : Domain.MINE;
            a.level = level;
            a.status = status;
            a.prefecture = pref;
            a.title = rule + " " + subject;
            a.detail = "benchmark alert " + subject;
            a.firstEventTs = first;
            a.lastEventTs = now;
            a.emittedAt = now; // published now: the page measures from here to the render that shows it
            a.lat = 41.5 + (subject.hashCode() & 0xff) / 80.0;
            a.lon = 122.5 + (subject.hashCode() >>> 8 & 0xff) / 40.0;
            a.evidence.add("{\"type\":\"mine.reading\",\"ts\":\"" + Times.format(now) + "\",\"sensorId\":\"" + subject
                    + "\",\"value\":1.2}");
            return a;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int openCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Random rnd = new Random(42);
        Browser.ensureInstalled();
        long heapBefore = usedHeapAfterGc();
        AlertBoard board = new AlertBoard(Geography.defaults());
        Freshness freshness = new Freshness();
        BoardServer.Config c = new BoardServer.Config();
        c.port = 0;
        c.source = "benchmark";
        BoardServer server = new BoardServer(board, freshness, c).start();
        List<Open> open = new ArrayList<>();
        long now = System.currentTimeMillis();
        int serial = 0;
        Level[] levels = Level.values();
        for (int i = 0; i < openCount; i++) {
            Open o = new Open(RULES[rnd.nextInt(RULES.length)], "S" + serial++, PREFS[rnd.nextInt(PREFS.length)],
                    levels[rnd.nextInt(levels.length)], now - rnd.nextInt(3_600_000));
            open.add(o);
            board.apply(o.message(AlertStatus.NEW, now - rnd.nextInt(3_600_000)));
        }
        System.out.printf("board bench: %d open alerts, %d messages/s for %d s; server %s%n", openCount, rate,
                seconds, server.url());
        Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-profile-");
        ChromeDriver driver = Browser.start(profile);
        try {
            long t0 = System.nanoTime();
            driver.get(server.url());
            new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(20)).until(d -> ((Number)
                    driver.executeScript("return window.board && window.board.renders > 0 && window.board.rowCount()"
                            + " || 0")).intValue() >= openCount);
            System.out.printf("first load: snapshot of %d incidents shown %.0f ms after navigation; its render %.1f"
                    + " ms%n", openCount, (System.nanoTime() - t0) / 1e6,
                    ((Number) driver.executeScript("return window.board.lastRenderMs")).doubleValue());
            driver.executeScript("window.board.measure = {renderMs: [], mapMs: [], latencyMs: [], pending: []}");
            List<Double> renders = new ArrayList<>();
            List<Double> maps = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            long start = System.nanoTime();
            long periodNs = 1_000_000_000L / rate;
            long next = start;
            long sent = 0;
            long lastDrain = start;
            long peakHeap = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += periodNs;
                long t = System.currentTimeMillis();
                int dice = rnd.nextInt(100);
                if (dice < 15 || open.isEmpty()) {
                    Open o = new Open(RULES[rnd.nextInt(RULES.length)], "S" + serial++,
                            PREFS[rnd.nextInt(PREFS.length)], levels[rnd.nextInt(levels.length)], t);
                    open.add(o);
                    board.apply(o.message(AlertStatus.NEW, t));
                } else {
                    int k = rnd.nextInt(open.size());
                    Open o = open.get(k);
                    o.seq++;
                    if (dice < 30) {
                        Collections.swap(open, k, open.size() - 1);
                        open.remove(open.size() - 1);
                        board.apply(o.message(AlertStatus.CLEARED, t));
                    } else {
                        board.apply(o.message(AlertStatus.UPDATED, t));
                    }
                }
                freshness.messageIn(t);
                freshness.watermark(t - 30_000);
                sent++;
                if (System.nanoTime() - lastDrain > 5_000_000_000L) {
                    drain(driver, renders, maps, latencies);
                    lastDrain = System.nanoTime();
                    peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
            }
            double took = (System.nanoTime() - start) / 1e9;
            Thread.sleep(1000);
            drain(driver, renders, maps, latencies);
            long heapAfter = usedHeapAfterGc();
            System.out.printf("published %d messages in %.1f s (%.0f/s); open incidents at the end: %d%n", sent, took,
                    sent / took, open.size());
            System.out.printf("queue render (filter + sort of all incidents, top %d rows, counts): %d renders,"
                    + " median %.1f ms, p99 %.1f ms, max %.1f ms%n", 200, renders.size(), pct(renders, 50),
                    pct(renders, 99), pct(renders, 100));
            System.out.printf("map redraw (shading, labels, up to 1000 points; at most once a second): %d redraws,"
                    + " median %.1f ms, p99 %.1f ms, max %.1f ms%n", maps.size(), pct(maps, 50), pct(maps, 99),
                    pct(maps, 100));
            System.out.printf("publish -> shown in the browser: %d alerts, median %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    latencies.size(), pct(latencies, 50), pct(latencies, 99), pct(latencies, 100));
            System.out.printf("server heap: %.1f MB live after GC with the board (%.1f MB before it), peak used"
                    + " %.1f MB; %d events in the replay buffer's reach, %d subscribers%n",
                    (heapAfter) / 1e6, heapBefore / 1e6, peakHeap / 1e6, board.lastEventId(),
                    board.subscriberCount());
        } finally {
            driver.quit();
            server.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static void drain(ChromeDriver driver, List<Double> renders, List<Double> maps,
                              List<Double> latencies) {
        Map<String, Object> m = (Map<String, Object>) driver.executeScript(
                "var m = window.board.measure; var out = {r: m.renderMs, m: m.mapMs, l: m.latencyMs};"
                        + " m.renderMs = []; m.mapMs = []; m.latencyMs = []; return out;");
        for (Object o : (List<Object>) m.get("m")) {
            maps.add(((Number) o).doubleValue());
        }
        for (Object o : (List<Object>) m.get("r")) {
            renders.add(((Number) o).doubleValue());
        }
        for (Object o : (List<Object>) m.get("l")) {
            latencies.add(((Number) o).doubleValue());
        }
    }

    private static double pct(List<Double> l, int p) {
        if (l.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(l);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
