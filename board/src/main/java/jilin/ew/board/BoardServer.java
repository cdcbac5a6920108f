package jilin.ew.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.schema.WireCodec;
import jilin.ew.seeds.Prefecture;

/**
 * The command center's board: one Javalin server with the page (map and queue), its assets from the jar (no CDN),
 * the JSON API and the live stream (server-sent events with ids). It reads an {@link AlertBoard}; it never
 * computes an alert. See docs/board.md.
 */
public final class BoardServer implements AutoCloseable {
    /** Where ECharts 4.1.0 and its map of Jilin live inside org.webjars.npm:echarts. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/4.1.0/";
    static final Set<String> ALERT_PARAMS = Set.of("level", "domain", "prefecture", "status", "rule", "limit");
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 20_000;

    /** What the server is told by whoever starts it. */
    public static final class Config {
        public String host = "127.0.0.1";
        /** 0: any free port. */
        public int port = 8080;
        /** A boundary map (ECharts GeoJSON) to use instead of the shipped one; null for the shipped one. */
        public Path mapFile;
        /** Renders an alert as CAP 1.2 XML (the jobs side plugs its renderer in); null: no CAP download. */
        public Function<Alert, String> capRenderer;
        /** The routes an alert goes to (the jobs side's routing table); null: none shown. */
        public Function<Alert, List<String>> routes;
        /** A line under the title: where the alerts come from (demo, Kafka bootstrap). */
        public String source = "";
    }

    private final AlertBoard board;
    private final Freshness freshness;
    private final Config config;
    private final WireCodec codec = new WireCodec();
    private final byte[] mapJson;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "board-freshness");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    private Javalin app;

    public BoardServer(AlertBoard board, Freshness freshness, Config config) {
        this.board = board;
        this.freshness = freshness;
        this.config = config;
        try {
            mapJson = config.mapFile != null ? Files.readAllBytes(config.mapFile)
                    : resource(ECHARTS + "map/json/province/jilin.json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the board map " + config.mapFile + ": " + e.getMessage(), e);
        }
        if (config.mapFile != null) {
            checkMap(config.mapFile, mapJson);
        }
    }

    /** A boundary map must at least be a FeatureCollection: fail at start, not in a browser at 3 a.m. */
    private static void checkMap(Path file, byte[] json) {
        try {
            JsonNode n = AlertBoard.JSON.readTree(json);
            if (n == null || !"FeatureCollection".equals(n.path("type").asText()) || !n.path("features").isArray()) {
                throw new IllegalArgumentException("board map " + file + " is not a GeoJSON FeatureCollection");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("board map " + file + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** Starts serving; returns this. */
    public BoardServer start() {
        byte[] index = resource("board-web/index.html");
        byte[] js = resource("board-web/board.js");
        byte[] css = resource("board-web/board.css");
        byte[] echarts = resource(ECHARTS + "dist/echarts.min.js");
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host;
            cfg.jetty.port = config.port;
            cfg.routes.get("/", ctx -> asset(ctx, index, "text/html; charset=utf-8"));
            cfg.routes.get("/board.js", ctx -> asset(ctx, js, "text/javascript; charset=utf-8"));
            cfg.routes.get("/board.css", ctx -> asset(ctx, css, "text/css; charset=utf-8"));
            cfg.routes.get("/vendor/echarts.min.js", ctx -> asset(ctx, echarts, "text/javascript; charset=utf-8"));
            cfg.routes.get("/map/jilin.json", ctx -> asset(ctx, mapJson, "application/json; charset=utf-8"));
            cfg.routes.get("/api/meta", this::meta);
            cfg.routes.get("/api/alerts", this::alerts);
            cfg.routes.get("/api/alerts/{id}", this::detail);
            cfg.routes.get("/api/alerts/{id}/cap", this::cap);
            cfg.routes.get("/api/summary", ctx -> json(ctx, 200, board.summary()));
            cfg.routes.get("/api/freshness", ctx -> json(ctx, 200, AlertBoard.JSON.valueToTree(
                    freshness.view(System.currentTimeMillis()))));
            cfg.routes.get("/api/stream", this::stream);
            cfg.routes.exception(BadParameter.class, (e, ctx) -> json(ctx, 400, error(e.getMessage(), e.parameter)));
        });
        app.start();
        ticker.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            freshness.sample(now);
            board.broadcast("freshness", AlertBoard.JSON.writeValueAsString(freshness.view(now)));
        } catch (RuntimeException | IOException e) {
            // a missed tick only delays the strip by a second
        }
    }

    public int port() {
        return app.port();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return "http://" + config.host + ":" + port() + "/";
    }

    @Override
    public void close() {
        running = false;
        ticker.shutdownNow();
        if (app != null) {
            app.stop();
        }
    }

    // ---- API

    private void meta(Context ctx) {
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("source", config.source);
        o.put("cap", config.capRenderer != null);
        ArrayNode ps = o.putArray("prefectures");
        Geography geo = board.geography();
        for (Prefecture p : geo.prefectures()) {
            ObjectNode n = ps.addObject();
            n.put("code", p.code());
            n.put("name", p.name());
            n.put("nameEn", p.nameEn());
            n.put("division", geo.division(p.code()));
            String[] shortName = geo.shortName(p.code());
            if (shortName != null) {
                n.put("short", shortName[0]);
                n.put("shortEn", shortName[1]);
            }
            double[] pt = geo.pointOf(p.code());
            if (pt != null) {
                n.put("lat", pt[0]);
                n.put("lon", pt[1]);
            }
        }
        ArrayNode ds = o.putArray("domains");
        for (Domain d : Domain.values()) {
            ds.add(d.name());
        }
        o.put("staleNoInputMs", Freshness.NO_INPUT_MS);
        o.put("staleLagMs", Freshness.MAX_LAG_MS);
        json(ctx, 200, o);
    }

    private void alerts(Context ctx) {
        Map<String, List<String>> q = ctx.queryParamMap();
        for (String name : q.keySet()) {
            if (!ALERT_PARAMS.contains(name)) {
                throw new BadParameter(name, "unknown query parameter '" + name + "'; known: level, domain,"
                        + " prefecture, status, rule, limit");
            }
        }
        EnumSet<Level> levels = enums(ctx, "level", Level.class);
        EnumSet<Domain> domains = enums(ctx, "domain", Domain.class);
        String pref = single(ctx, "prefecture");
        if (pref != null && !board.geography().isPrefecture(pref)) {
            throw new BadParameter("prefecture", "parameter 'prefecture': unknown code '" + pref
                    + "'; expected a prefecture code of the seeds, e.g. 220100");
        }
        String status = single(ctx, "status");
        Predicate<Incident> byStatus = statusFilter(status);
        String rule = single(ctx, "rule");
        if (rule != null && rule.isBlank()) {
            throw new BadParameter("rule", "parameter 'rule': empty rule id");
        }
        int limit = DEFAULT_LIMIT;
        String l = single(ctx, "limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new BadParameter("limit", "parameter 'limit': '" + l + "' is not a number from 1 to "
                        + MAX_LIMIT);
            }
        }
        Predicate<Incident> f = byStatus;
        if (levels != null) {
            f = f.and(i -> levels.contains(i.latest.level));
        }
        if (domains != null) {
            f = f.and(i -> domains.contains(i.latest.domain));
        }
        if (pref != null) {
            // a division includes the county-level cities shaded on it (公主岭 in 长春)
            f = f.and(i -> pref.equals(i.latest.prefecture) || pref.equals(i.division));
        }
        if (rule != null) {
            f = f.and(i -> rule.equals(i.latest.ruleId));
        }
        AlertBoard.Page page = board.query(f, limit);
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("total", page.total());
        o.put("returned", page.rows().size());
        o.put("lastEventId", page.lastEventId());
        o.set("alerts", page.rows());
        json(ctx, 200, o);
    }

    private static Predicate<Incident> statusFilter(String status) {
        if (status == null || status.equals("open")) {
            return Incident::open;
        }
        if (status.equals("all")) {
            return i -> true;
        }
        if (status.equals("cleared")) {
            return i -> !i.open();
        }
        try {
            AlertStatus s = AlertStatus.valueOf(status);
            return i -> i.latest.status == s;
        } catch (IllegalArgumentException e) {
            throw new BadParameter("status", "parameter 'status': unknown status '" + status
                    + "'; expected open, cleared, all, NEW, ESCALATED, UPDATED or CLEARED");
        }
    }

    private static String single(Context ctx, String name) {
        List<String> v = ctx.queryParamMap().get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw new BadParameter(name, "parameter '" + name + "' given " + v.size() + " times; give it once"
                    + (name.equals("level") || name.equals("domain") ? " (comma-separated values)" : ""));
        }
        return v.get(0).trim();
    }

    private static <E extends Enum<E>> EnumSet<E> enums(Context ctx, String name, Class<E> type) {
        String v = single(ctx, name);
        if (v == null) {
            return null;
        }
        EnumSet<E> set = EnumSet.noneOf(type);
        for (String part : v.split(",")) {
            String p = part.trim();
            try {
                set.add(Enum.valueOf(type, p));
            } catch (IllegalArgumentException e) {
                List<String> known = new ArrayList<>();
                for (E c : type.getEnumConstants()) {
                    known.add(c.name());
                }
                throw new BadParameter(name, "parameter '" + name + "': unknown value '" + p + "'; expected "
                        + String.join(", ", known) + " (comma-separated)");
            }
        }
        return set;
    }

    private void detail(Context ctx) {
        AlertBoard.Detail d = board.detail(ctx.pathParam("id"));
        if (d == null) {
            json(ctx, 404, error("no incident or alert '" + ctx.pathParam("id") + "' on the board", null));
            return;
        }
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("id", d.id());
        o.set("row", d.row());
        try {
            o.set("alert", AlertBoard.JSON.readTree(codec.encode(d.latest())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode mods = o.putArray("modifiers");
        for (Modifier m : d.latest().modifiers) {
            mods.addObject().put("modifier", m.modifier).put("reason", m.reason);
        }
        o.set("history", AlertBoard.JSON.valueToTree(d.history()));
        ArrayNode routes = o.putArray("routes");
        if (config.routes != null) {
            for (String r : config.routes.apply(d.latest())) {
                routes.add(r);
            }
        }
        o.put("cap", config.capRenderer == null ? null
                : "/api/alerts/" + URLEncoder.encode(d.id(), StandardCharsets.UTF_8) + "/cap");
        json(ctx, 200, o);
    }

    private void cap(Context ctx) {
        if (config.capRenderer == null) {
            json(ctx, 404, error("this board has no CAP renderer", null));
            return;
        }
        AlertBoard.Detail d = board.detail(ctx.pathParam("id"));
        if (d == null) {
            json(ctx, 404, error("no incident or alert '" + ctx.pathParam("id") + "' on the board", null));
            return;
        }
        String xml = config.capRenderer.apply(d.latest());
        String file = d.latest().alertId.replaceAll("[^A-Za-z0-9._-]", "_") + ".cap.xml";
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType("application/cap+xml; charset=utf-8");
        ctx.result(xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The live stream. Resumes after {@code Last-Event-ID} (the header a browser's EventSource sends when it
     * reconnects, or the {@code lastEventId} query parameter for a page that reopens the stream itself); a first
     * load, or an id older than the replay buffer, gets a snapshot first.
     */
    private void stream(Context ctx) throws IOException {
        String raw = ctx.header("Last-Event-ID");
        String param = "Last-Event-ID";
        if (raw == null || raw.isBlank()) {
            raw = ctx.queryParam("lastEventId");
            param = "lastEventId";
        }
        Long last = null;
        if (raw != null && !raw.isBlank()) {
            try {
                last = Long.parseLong(raw.trim());
            } catch (NumberFormatException e) {
                throw new BadParameter(param, "parameter '" + param + "': '" + raw + "' is not an event id"
                        + " (a whole number)");
            }
            if (last < 0) {
                throw new BadParameter(param, "parameter '" + param + "': event ids are not negative");
            }
        }
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        AlertBoard.Subscriber sub = board.subscribe(last);
        OutputStream out = res.getOutputStream();
        try {
            StringBuilder sb = new StringBuilder("retry: 1000\n\n");
            for (AlertBoard.Event e : sub.initial) {
                frame(sb, e);
            }
            // the strip at once, not at the next tick: a page must not show a blank strip for a second
            frame(sb, new AlertBoard.Event(0, "freshness",
                    AlertBoard.JSON.writeValueAsString(freshness.view(System.currentTimeMillis()))));
            write(out, sb);
            long lastWrite = System.currentTimeMillis();
            while (running) {
                AlertBoard.Event e = sub.queue().poll(1, TimeUnit.SECONDS);
                sb.setLength(0);
                if (sub.takeOverflow()) {
                    frame(sb, board.snapshotEvent());
                }
                if (e != null) {
                    frame(sb, e);
                    // batch whatever else is waiting into one write: at 200 alerts/s one flush per event is waste
                    for (int k = 0; k < 500 && (e = sub.queue().poll()) != null; k++) {
                        frame(sb, e);
                    }
                } else if (System.currentTimeMillis() - lastWrite > 15_000) {
                    sb.append(": keep-alive\n\n");
                }
                if (sb.length() > 0) {
                    write(out, sb);
                    lastWrite = System.currentTimeMillis();
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the browser went away (or the server stops): nothing to report
        } finally {
            board.unsubscribe(sub);
        }
    }

    private static void frame(StringBuilder sb, AlertBoard.Event e) {
        // a snapshot always carries its id, even 0 (a restarted server): the browser then resumes from it
        if (e.id() > 0 || e.name().equals("snapshot")) {
            sb.append("id: ").append(e.id()).append('\n');
        }
        sb.append("event: ").append(e.name()).append('\n');
        sb.append("data: ").append(e.data()).append("\n\n");
    }

    private static void write(OutputStream out, StringBuilder sb) throws IOException {
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ---- helpers

    private static void asset(Context ctx, byte[] body, String type) {
        ctx.contentType(type);
        ctx.header("Cache-Control", "no-cache");
        ctx.result(body);
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode error(String message, String parameter) {
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("error", message);
        if (parameter != null) {
            o.put("parameter", parameter);
        }
        return o;
    }

    private static byte[] resource(String path) {
        try (InputStream in = BoardServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " (is org.webjars.npm:echarts:4.1.0"
                        + " on the classpath?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query parameter the API cannot use: answered with 400 and a message naming it. */
    static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }
}
