package jilin.ew.kafka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.reference.Routing;
import jilin.ew.schema.EventType;

/**
 * The Kafka topics of the pipeline by role (inputs per domain, alerts, CAP, live alerts, dead letters, rules,
 * commands and handling), with
 * defaults a user may override one by one ({@code --topic mine-readings=site7.readings}), and the per-route alert
 * topics ({@code ew.alerts.<route>}).
 */
public final class KafkaTopics implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String MINE_SENSORS = "mine-sensors";
    public static final String MINE_READINGS = "mine-readings";
    public static final String GAS_STATIONS = "gas-stations";
    public static final String GAS_READINGS = "gas-readings";
    public static final String VEHICLE_REGISTRATIONS = "vehicle-registrations";
    public static final String VEHICLE_POSITIONS = "vehicle-positions";
    public static final String HAZARD_REPORTS = "hazard-reports";
    public static final String ALERTS = "alerts";
    public static final String ALERTS_CAP = "alerts-cap";
    /** Every alert as soon as it is decided, at least once: for consoles that cannot wait for a checkpoint. */
    public static final String ALERTS_LIVE = "alerts-live";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String RULES = "rules";
    /** People acting on alerts (alert.command): the board writes, the job reads. */
    public static final String COMMANDS = "commands";
    /** The job's handling state of each incident (alert.handling): the job writes, the board reads. */
    public static final String HANDLING = "handling";

    public static final List<String> INPUT_ROLES = List.of(MINE_SENSORS, MINE_READINGS, GAS_STATIONS, GAS_READINGS,
            VEHICLE_REGISTRATIONS, VEHICLE_POSITIONS, HAZARD_REPORTS);

    /** Role -> topic name, in a stable order (inputs first). */
    private final LinkedHashMap<String, String> byRole = new LinkedHashMap<>();
    /** Route {@code r}'s topic is this prefix followed by r (docs/routing.md, Kafka mode). */
    private String routePrefix = Routing.TOPIC_PREFIX;

    public KafkaTopics() {
        byRole.put(MINE_SENSORS, "ew.mine.sensors");
        byRole.put(MINE_READINGS, "ew.mine.readings");
        byRole.put(GAS_STATIONS, "ew.gas.stations");
        byRole.put(GAS_READINGS, "ew.gas.readings");
        byRole.put(VEHICLE_REGISTRATIONS, "ew.vehicle.registrations");
        byRole.put(VEHICLE_POSITIONS, "ew.vehicle.positions");
        byRole.put(HAZARD_REPORTS, "ew.hazard.reports");
        byRole.put(ALERTS, "ew.alerts");
        byRole.put(ALERTS_CAP, "ew.alerts.cap");
        byRole.put(ALERTS_LIVE, "ew.alerts.live");
        byRole.put(DEAD_LETTERS, "ew.dead-letters");
        // live rule changes: read by the rules engineer's stream; named here so every tool agrees on it
        byRole.put(RULES, "ew.rules");
        byRole.put(COMMANDS, "ew.commands");
        byRole.put(HANDLING, "ew.handling");
    }

    /** Defaults with the given overrides; an unknown role is an error naming the known ones. */
    public static KafkaTopics of(Map<String, String> overrides) {
        KafkaTopics t = new KafkaTopics();
        if (overrides != null) {
            overrides.forEach(t::set);
        }
        return t;
    }

    /** Every topic name prefixed (tests give each run its own topics). */
    public static KafkaTopics prefixed(String prefix) {
        KafkaTopics t = new KafkaTopics();
        t.byRole.replaceAll((role, name) -> prefix + name);
        t.routePrefix = prefix + t.routePrefix;
        return t;
    }

    public KafkaTopics set(String role, String topic) {
        if (!byRole.containsKey(role)) {
            throw new IllegalArgumentException("unknown topic role '" + role + "'; roles: " + String.join(", ",
                    byRole.keySet()));
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("empty topic name for role '" + role + "'");
        }
        byRole.put(role, topic);
        return this;
    }

    /** Sets the prefix of the route topics (see {@link #route}). */
    public KafkaTopics routePrefix(String prefix) {
        routePrefix = prefix;
        return this;
    }

    /** Role -> topic name, read-only, in a stable order (inputs first). */
    public Map<String, String> byRole() {
        return Collections.unmodifiableMap(byRole);
    }

    public String get(String role) {
        return byRole.get(role);
    }

    /** The topics the job reads messages from (all input roles). */
    public List<String> inputs() {
        List<String> l = new ArrayList<>();
        for (String r : INPUT_ROLES) {
            l.add(byRole.get(r));
        }
        return l;
    }

    /** Every topic by role (route topics not included: see {@link #all(Routing)}). */
    public List<String> all() {
        return new ArrayList<>(byRole.values());
    }

    /** Every topic by role and every route's topic of the routing table, for {@code topics --create}. */
    public List<String> all(Routing routing) {
        List<String> l = all();
        l.addAll(routes(routing));
        return l;
    }

    /** The topic of one route. */
    public String route(String route) {
        return routePrefix + route;
    }

    /** The topics of every route of the routing table. */
    public List<String> routes(Routing routing) {
        List<String> l = new ArrayList<>();
        for (String r : routing.allRoutes()) {
            l.add(route(r));
        }
        return l;
    }

    /** The input topic a message of this type belongs on. */
    public String forType(EventType type) {
        switch (type) {
            case MINE_SENSOR: return byRole.get(MINE_SENSORS);
            case MINE_READING: return byRole.get(MINE_READINGS);
            case GAS_STATION: return byRole.get(GAS_STATIONS);
            case GAS_READING: return byRole.get(GAS_READINGS);
            case VEHICLE_REGISTRATION: return byRole.get(VEHICLE_REGISTRATIONS);
            case VEHICLE_POSITION: return byRole.get(VEHICLE_POSITIONS);
            case HAZARD_REPORT: return byRole.get(HAZARD_REPORTS);
            default: throw new IllegalArgumentException("no topic for " + type);
        }
    }
}
