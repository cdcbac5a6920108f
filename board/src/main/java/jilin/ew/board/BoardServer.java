package jilin.ew.board;

import jilin.ew.schema.Handling;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Command;
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
        /**
         * Who may log in; null: an open board without login (every visitor a PROVINCE user named "local"), which
         * serves only 127.0.0.1.
         */
        public Users users;
        /** Where logins and commands are recorded (append-only JSONL); default: nowhere. */
        public AuditLog audit = AuditLog.none();
        /** Where commands go (the command topic); null: the board takes no commands (503). */
        public CommandSink commands;
        /** The clock of sessions, login delays, commands' ts and the audit log. */
        public LongSupplier clock = System::currentTimeMillis;
    }

    /** The only address an open board (no login) may listen on: one person on their own machine. */
    public static final String OPEN_BOARD_HOST = "127.0.0.1";
    /** The user every visitor of an open board is. */
    static final Users.User LOCAL = new Users.User("local", Users.Role.PROVINCE, null, null, null);
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final int MAX_TEXT = 2000;

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
    private final Sessions sessions = new Sessions();
    private final LoginThrottle throttle = new LoginThrottle();
    /** An open board has no sessions: one token for the server's life, readable only by same-origin pages. */
    private final String openCsrf = sessions.token();
    /** Silences sent through this board (what a non-province user may expire), oldest first; bounded. */
    private final LinkedHashMap<String, Command> silences = new LinkedHashMap<>();
    static final int SILENCES_KEPT = 10_000;

    public BoardServer(AlertBoard board, Freshness freshness, Config config) {
        this.board = board;
        this.freshness = freshness;
        this.config = config;
        if (config.users == null && !OPEN_BOARD_HOST.equals(config.host)) {
            throw new IllegalArgumentException("a board without login (no users file) serves only "
                    + OPEN_BOARD_HOST + ", not " + config.host + "; give it a users file");
        }
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
            cfg.routes.before(this::authenticate);
            cfg.routes.get("/login", ctx -> {
                if (config.users == null) {
                    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER); // an open board has no login
                } else {
                    loginPage(ctx, 200, null);
                }
            });
            cfg.routes.post("/login", this::login);
            cfg.routes.post("/logout", this::logout);
            cfg.routes.get("/api/me", this::me);
            cfg.routes.post("/api/alerts/{id}/acknowledge", ctx -> incidentCommand(ctx, Command.Action.ACKNOWLEDGE));
            cfg.routes.post("/api/alerts/{id}/assign", ctx -> incidentCommand(ctx, Command.Action.ASSIGN));
            cfg.routes.post("/api/alerts/{id}/note", ctx -> incidentCommand(ctx, Command.Action.NOTE));
            cfg.routes.post("/api/alerts/{id}/resolve", ctx -> incidentCommand(ctx, Command.Action.RESOLVE));
            cfg.routes.post("/api/silences", this::silence);
            cfg.routes.post("/api/silences/{silenceId}/expire", this::expire);
            cfg.routes.get("/", ctx -> asset(ctx, index, "text/html; charset=utf-8"));
            cfg.routes.get("/board.js", ctx -> asset(ctx, js, "text/javascript; charset=utf-8"));
            cfg.routes.get("/board.css", ctx -> asset(ctx, css, "text/css; charset=utf-8"));
            cfg.routes.get("/vendor/echarts.min.js", ctx -> asset(ctx, echarts, "text/javascript; charset=utf-8"));
            cfg.routes.get("/map/jilin.json", ctx -> asset(ctx, mapJson, "application/json; charset=utf-8"));
            cfg.routes.get("/api/meta", this::meta);
            cfg.routes.get("/api/alerts", this::alerts);
            cfg.routes.get("/api/alerts/{id}", this::detail);
            cfg.routes.get("/api/alerts/{id}/cap", this::cap);
            cfg.routes.get("/api/summary", ctx -> json(ctx, 200, board.summary(visible(ctx))));
            cfg.routes.get("/api/freshness", ctx -> json(ctx, 200, AlertBoard.JSON.valueToTree(
                    freshness.view(System.currentTimeMillis()))));
            cfg.routes.get("/api/stream", this::stream);
            cfg.routes.exception(BadParameter.class, (e, ctx) -> json(ctx, 400, error(e.getMessage(), e.parameter)));
            cfg.routes.exception(Refused.class, (e, ctx) -> json(ctx, e.status, error(e.getMessage(), null)));
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
        Predicate<Alert> scope = visible(ctx);
        f = f.and(i -> scope.test(i.latest));
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

    /** An incident the user may see, or null: out of scope is answered exactly as unknown. */
    private AlertBoard.Detail visibleDetail(Context ctx, String id) {
        AlertBoard.Detail d = board.detail(id);
        return d == null || !visible(ctx).test(d.latest()) ? null : d;
    }

    private void detail(Context ctx) {
        AlertBoard.Detail d = visibleDetail(ctx, ctx.pathParam("id"));
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
        o.put("incidentId", d.wireId());
        o.set("handling", d.handling() == null ? null : handlingJson(d.handling()));
        o.set("handlingHistory", AlertBoard.JSON.valueToTree(d.handlingHistory()));
        o.put("canCommand", user(ctx).canCommand() && config.commands != null);
        json(ctx, 200, o);
    }

    private void cap(Context ctx) {
        if (config.capRenderer == null) {
            json(ctx, 404, error("this board has no CAP renderer", null));
            return;
        }
        AlertBoard.Detail d = visibleDetail(ctx, ctx.pathParam("id"));
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
        Predicate<Alert> scope = visible(ctx);
        Sessions.Session session = ctx.attribute("session");
        AlertBoard.Subscriber sub = board.subscribe(last, scope);
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
            // a logout ends the stream too
            while (running && (session == null || sessions.alive(session.token()))) {
                AlertBoard.Event e = sub.queue().poll(1, TimeUnit.SECONDS);
                sb.setLength(0);
                if (sub.takeOverflow()) {
                    frame(sb, board.snapshotEvent(scope));
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

    // ---- who is asking: login, sessions, scope, CSRF

    /** Paths anyone may fetch: the login form and what it needs. */
    private static final Set<String> PUBLIC = Set.of("/login", "/board.css");

    /**
     * Runs before every handler: finds the request's user (an open board: {@link #LOCAL}; else the session of its
     * cookie). Without one, the API answers 401 and the page sends the browser to the login form.
     */
    private void authenticate(Context ctx) {
        if (config.users == null) {
            // an open board answers only requests addressed to this machine: a page of another site whose name is
            // re-pointed at 127.0.0.1 (DNS rebinding) would otherwise read it and command as its province user
            if (!addressedToThisMachine(ctx.header("Host"))) {
                json(ctx, 403, error("an open board answers only http://127.0.0.1 or http://localhost", null));
                ctx.skipRemainingHandlers();
                return;
            }
            ctx.attribute("user", LOCAL);
            return;
        }
        Sessions.Session s = sessions.get(ctx.cookie(Sessions.COOKIE), config.clock.getAsLong());
        if (s != null) {
            ctx.attribute("session", s);
            ctx.attribute("user", s.user());
            return;
        }
        String path = ctx.path();
        if (PUBLIC.contains(path)) {
            return;
        }
        if (path.startsWith("/api/") || !ctx.method().name().equals("GET")) {
            if (!ctx.method().name().equals("GET")) {
                audit(ctx, "", ctx.method().name() + " " + path, null, "refused: not logged in");
            }
            json(ctx, 401, error("log in first (POST /login)", null));
        } else {
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        }
        ctx.skipRemainingHandlers();
    }

    /** Whether a request's Host names this machine (127.0.0.1, localhost or ::1, any port). */
    static boolean addressedToThisMachine(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return h.equals("127.0.0.1") || h.equalsIgnoreCase("localhost") || h.equals("[::1]");
    }

    private static Users.User user(Context ctx) {
        Users.User u = ctx.attribute("user");
        if (u == null) {
            throw new Refused(401, "log in first (POST /login)");
        }
        return u;
    }

    /** The alerts the request's user may see: every endpoint and the stream filter by it. */
    private Predicate<Alert> visible(Context ctx) {
        Users.User u = user(ctx);
        Geography geo = board.geography();
        return a -> u.sees(a, geo);
    }

    private String csrfOf(Context ctx) {
        Sessions.Session s = ctx.attribute("session");
        return s != null ? s.csrf() : openCsrf;
    }

    /** The peer's address (no forwarded-for header is trusted: anyone can write one). */
    private static String address(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    private void audit(Context ctx, String user, String what, String incident, String result) {
        config.audit.record(user, address(ctx), what, incident, result);
    }

    /** Refuses (403) and audits a state-changing request without the session's CSRF token. */
    private void checkCsrf(Context ctx, String what, String incident) {
        if (!Sessions.sameToken(csrfOf(ctx), ctx.header(CSRF_HEADER))) {
            audit(ctx, user(ctx).name(), what, incident, "refused: missing or wrong CSRF token");
            throw new Refused(403, "missing or wrong " + CSRF_HEADER + " header (GET /api/me gives the token)");
        }
    }

    private void me(Context ctx) {
        Users.User u = user(ctx);
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("user", u.name());
        o.put("role", u.role().name());
        o.put("scope", u.scope());
        o.put("prefecture", u.prefecture());
        o.put("operatorId", u.operatorId());
        o.put("canCommand", u.canCommand() && config.commands != null);
        o.put("commands", config.commands != null);
        o.put("csrf", csrfOf(ctx));
        o.put("open", config.users == null);
        json(ctx, 200, o);
    }

    private void loginPage(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        String page = new String(resource("board-web/login.html"), StandardCharsets.UTF_8)
                .replace("<!--MESSAGE-->", message == null ? "" : "<p id=\"login-error\" class=\"login-error\""
                        + " role=\"alert\">" + html(message) + "</p>");
        ctx.result(page.getBytes(StandardCharsets.UTF_8));
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The login form's POST: a user and address that failed recently must wait (429, growing delay) before their
     * next try is even checked; every attempt is audited.
     */
    private void login(Context ctx) {
        if (config.users == null) {
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        String origin = ctx.header("Origin");
        // "null" is what a sandboxed frame or an opaque origin sends: never this board's own form
        if (origin != null && (origin.equals("null") || !sameOrigin(origin, ctx.header("Host")))) {
            // another site's form logging this browser in as someone else (login CSRF)
            String claimed = ctx.formParam("user");
            audit(ctx, claimed == null ? "" : claimed.length() > 64 ? claimed.substring(0, 64) : claimed, "login",
                    null, "refused: cross-site form from " + origin);
            loginPage(ctx, 403, "跨站登录被拒绝 / Cross-site login refused");
            return;
        }
        String name = ctx.formParam("user");
        String password = ctx.formParam("password");
        name = name == null ? "" : name.trim();
        String logged = name.length() > 64 ? name.substring(0, 64) : name;
        String addr = address(ctx);
        long now = config.clock.getAsLong();
        long wait = throttle.acquire(logged, addr, now);
        if (wait > 0) {
            long sec = (wait + 999) / 1000;
            audit(ctx, logged, "login", null, "refused: too many failed logins, wait " + sec + " s");
            ctx.header("Retry-After", String.valueOf(sec));
            loginPage(ctx, 429, "登录失败次数过多，请 " + sec + " 秒后再试 / Too many failed logins: try again in "
                    + sec + " s");
            return;
        }
        Users.User u;
        try {
            u = config.users.check(name, password);
        } catch (RuntimeException e) {
            u = null; // a hash bcrypt cannot read is a failed login, not a held name
        }
        if (u == null) {
            long delay = throttle.failed(logged, addr, now);
            audit(ctx, logged, "login", null, "failed: wrong user or password");
            ctx.header("Retry-After", String.valueOf((delay + 999) / 1000));
            loginPage(ctx, 401, "用户名或密码错误 / Wrong user or password");
            return;
        }
        throttle.succeeded(logged, addr);
        Sessions.Session s = sessions.open(u, now);
        sessions.close(ctx.cookie(Sessions.COOKIE)); // a new login never reuses an old session id
        ctx.header("Set-Cookie", cookie(ctx, s.token(), -1));
        audit(ctx, u.name(), "login", null, "ok");
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Whether an Origin header names this server (scheme aside): host and port as the browser addressed us. */
    static boolean sameOrigin(String origin, String host) {
        int at = origin.indexOf("://");
        return host != null && at > 0 && origin.substring(at + 3).equalsIgnoreCase(host);
    }

    /** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure on TLS. */
    private static String cookie(Context ctx, String value, int maxAge) {
        boolean tls = ctx.req().isSecure() || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return Sessions.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    private void logout(Context ctx) {
        Users.User u = user(ctx);
        checkCsrf(ctx, "logout", null);
        Sessions.Session s = ctx.attribute("session");
        if (s != null) {
            sessions.close(s.token());
            ctx.header("Set-Cookie", cookie(ctx, "", 0));
        }
        audit(ctx, u.name(), "logout", null, "ok");
        json(ctx, 200, AlertBoard.JSON.createObjectNode().put("loggedOut", u.name()));
    }

    // ---- commands: built here, sent to the CommandSink; the job answers with handling messages

    private JsonNode body(Context ctx, Users.User u, String what, String incident) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            return AlertBoard.JSON.createObjectNode();
        }
        try {
            JsonNode n = AlertBoard.JSON.readTree(raw);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // answered below
        }
        audit(ctx, u.name(), what, incident, "refused: body is not a JSON object");
        throw new Refused(400, "the body must be a JSON object");
    }

    /** A text field of a command's body, checked for length; null when absent and not required. */
    private String text(Context ctx, JsonNode body, String field, boolean required, int max, Users.User u,
                        String what, String incident) {
        JsonNode v = body.get(field);
        String s = v == null || v.isNull() ? null : v.asText().trim();
        String problem = null;
        if (required && (s == null || s.isEmpty())) {
            problem = "'" + field + "' is required";
        } else if (s != null && s.length() > max) {
            problem = "'" + field + "' is longer than " + max + " characters";
        }
        if (problem != null) {
            audit(ctx, u.name(), what, incident, "refused: " + problem);
            throw new Refused(400, problem);
        }
        return s == null || s.isEmpty() ? null : s;
    }

    /** Refuses (403) and audits a command from a user who may not command (ANALYST). */
    private void checkMayCommand(Context ctx, Users.User u, String what, String incident) {
        if (!u.canCommand()) {
            audit(ctx, u.name(), what, incident, "refused: role " + u.role() + " is read-only");
            throw new Refused(403, "role " + u.role() + " is read-only: it gives no commands");
        }
    }

    private Command command(Users.User u, Command.Action action) {
        Command c = new Command();
        c.commandId = UUID.randomUUID().toString();
        c.action = action;
        c.actor = u.name();
        c.ts = config.clock.getAsLong();
        return c;
    }

    /** Hands a command to the sink (503 if there is none or it fails) and answers 202 with its id; audited. */
    private void send(Context ctx, Users.User u, Command c, String incident) {
        String what = c.action.name();
        if (config.commands == null) {
            audit(ctx, u.name(), what, incident, "refused: this board sends no commands");
            throw new Refused(503, "this board sends no commands (no command topic)");
        }
        try {
            config.commands.send(c);
        } catch (Exception e) {
            audit(ctx, u.name(), what, incident, "failed: " + e);
            throw new Refused(503, "the command could not be sent: " + e.getMessage());
        }
        audit(ctx, u.name(), what, incident, "accepted " + c.commandId);
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("commandId", c.commandId);
        o.put("action", what);
        o.put("actor", c.actor);
        o.put("incidentId", c.incidentId);
        // a silence is named by its own command id (what EXPIRE gives)
        o.put("silenceId", c.action == Command.Action.SILENCE ? c.commandId : c.silenceId);
        json(ctx, 202, o);
    }

    /** ACKNOWLEDGE, ASSIGN, NOTE, RESOLVE on one incident: CSRF, role, scope (404 as for unknown), body. */
    private void incidentCommand(Context ctx, Command.Action action) {
        Users.User u = user(ctx);
        String what = action.name();
        String id = ctx.pathParam("id");
        // audited with '/' as the job writes ids (the path writes it '@'); once found, as the incident's own id
        String named = id.replace('@', '/');
        checkCsrf(ctx, what, named);
        checkMayCommand(ctx, u, what, named);
        AlertBoard.Detail d = visibleDetail(ctx, id);
        if (d == null) {
            audit(ctx, u.name(), what, named, "refused: no such incident in the user's scope");
            throw new Refused(404, "no incident or alert '" + id + "' on the board");
        }
        JsonNode body = body(ctx, u, what, d.wireId());
        Command c = command(u, action);
        c.incidentId = d.wireId();
        switch (action) {
            case ASSIGN -> {
                c.assignee = text(ctx, body, "assignee", true, 64, u, what, d.wireId());
                Users.User assignee = config.users == null ? null : config.users.get(c.assignee);
                if (config.users != null && (assignee == null || !assignee.sees(d.latest(), board.geography()))) {
                    // one answer whether the name is unknown or cannot see the incident: no list of logins
                    audit(ctx, u.name(), what, d.wireId(), "refused: assignee " + c.assignee
                            + (assignee == null ? " unknown" : " cannot see the incident"));
                    throw new Refused(400, "'assignee': '" + c.assignee + "' cannot be assigned this incident");
                }
            }
            case NOTE -> c.text = text(ctx, body, "text", true, MAX_TEXT, u, what, d.wireId());
            case RESOLVE -> c.text = text(ctx, body, "text", false, MAX_TEXT, u, what, d.wireId());
            default -> { }
        }
        send(ctx, u, c, d.wireId());
    }

    /**
     * SILENCE: matchers (rule, subject, prefecture; at least one), start (default now), a required end after it and
     * now, a comment. A prefecture user must name a prefecture of its own; an operator a subject of its own.
     */
    private void silence(Context ctx) {
        Users.User u = user(ctx);
        String what = "SILENCE";
        checkCsrf(ctx, what, null);
        checkMayCommand(ctx, u, what, null);
        JsonNode body = body(ctx, u, what, null);
        Command c = command(u, Command.Action.SILENCE);
        c.matchRuleId = text(ctx, body, "ruleId", false, 64, u, what, null);
        c.matchSubjectId = text(ctx, body, "subjectId", false, 64, u, what, null);
        c.matchPrefecture = text(ctx, body, "prefecture", false, 6, u, what, null);
        c.text = text(ctx, body, "comment", true, MAX_TEXT, u, what, null);
        String problem = null;
        if (c.matchRuleId == null && c.matchSubjectId == null && c.matchPrefecture == null) {
            problem = "give at least one matcher: ruleId, subjectId or prefecture";
        } else if (c.matchPrefecture != null && !board.geography().isPrefecture(c.matchPrefecture)) {
            problem = "'prefecture': unknown code '" + c.matchPrefecture + "'";
        }
        try {
            String starts = text(ctx, body, "startsAt", false, 40, u, what, null);
            String ends = text(ctx, body, "endsAt", true, 40, u, what, null);
            c.startsAt = starts == null ? c.ts : jilin.ew.schema.Times.parse(starts);
            c.endsAt = jilin.ew.schema.Times.parse(ends);
        } catch (RuntimeException e) {
            if (e instanceof Refused r) {
                throw r;
            }
            problem = "'startsAt' and 'endsAt' must be ISO-8601 times with an offset, e.g. 2026-03-20T18:00:00+08:00";
        }
        if (problem == null && (c.endsAt <= c.startsAt || c.endsAt <= c.ts)) {
            problem = "'endsAt' must be after 'startsAt' and after now";
        }
        if (problem != null) {
            audit(ctx, u.name(), what, null, "refused: " + problem);
            throw new Refused(400, problem);
        }
        if (!silenceInScope(u, c)) {
            audit(ctx, u.name(), what, null, "refused: matchers outside the user's scope");
            throw new Refused(404, u.role() == Users.Role.OPERATOR
                    ? "no subject '" + c.matchSubjectId + "' of yours on the board (an operator silences its own"
                    + " subjects: give subjectId)"
                    : "prefecture matcher outside your scope (a prefecture user silences its own prefecture: give"
                    + " prefecture)");
        }
        send(ctx, u, c, null);
        synchronized (silences) {
            silences.put(c.commandId, c);
            while (silences.size() > SILENCES_KEPT) {
                silences.remove(silences.keySet().iterator().next());
            }
        }
    }

    private boolean silenceInScope(Users.User u, Command c) {
        Geography geo = board.geography();
        return switch (u.role()) {
            case PROVINCE -> true;
            case PREFECTURE -> c.matchPrefecture != null && u.coversPrefecture(c.matchPrefecture, geo);
            case OPERATOR -> c.matchSubjectId != null && board.query(
                    i -> c.matchSubjectId.equals(i.latest.subjectId) && u.sees(i.latest, geo), 1).total() > 0;
            default -> false;
        };
    }

    /** EXPIRE: a province user any silence; others only a silence sent through this board within their scope. */
    private void expire(Context ctx) {
        Users.User u = user(ctx);
        String what = "EXPIRE";
        String id = ctx.pathParam("silenceId");
        checkCsrf(ctx, what, null);
        checkMayCommand(ctx, u, what, null);
        Command known;
        synchronized (silences) {
            known = silences.get(id);
        }
        if (u.role() != Users.Role.PROVINCE && (known == null || !silenceInScope(u, known))) {
            audit(ctx, u.name(), what, null, "refused: no silence " + id + " in the user's scope");
            throw new Refused(404, "no silence '" + id + "' of yours");
        }
        if (id.isBlank() || id.length() > 128) {
            audit(ctx, u.name(), what, null, "refused: bad silence id");
            throw new Refused(400, "a silence id is 1 to 128 characters");
        }
        Command c = command(u, Command.Action.EXPIRE);
        c.silenceId = id;
        send(ctx, u, c, null);
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

    /** A request refused with a status (403, 404, 400, 503) and a message; the caller has audited it. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
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

    /** A handling state as the contract writes it, for the API. */
    private JsonNode handlingJson(Handling h) {
        try {
            return AlertBoard.JSON.readTree(codec.encode(h));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
