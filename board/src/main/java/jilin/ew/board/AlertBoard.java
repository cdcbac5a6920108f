package jilin.ew.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Handling;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;

/**
 * The board's state: one incident per alert incident, the numbered events that changed it, and the live
 * subscribers. It only files the alerts it is given (never decides one). Every change gets the next event id; the
 * last {@code replayCapacity} events are kept so a reconnecting browser resumes where it left off.
 */
public final class AlertBoard {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Queue order: open first, then level (RED first), then the newest event time first. */
    static final Comparator<Incident> ORDER = Comparator.comparing((Incident i) -> !i.open())
            .thenComparing(i -> -i.latest.level.ordinal())
            .thenComparing(i -> -i.latest.lastEventTs)
            .thenComparing(i -> i.id);

    private final Geography geo;
    private final int replayCapacity;
    private final int clearedCapacity;
    private final Object lock = new Object();
    private final Map<String, Incident> incidents = new HashMap<>();
    /** Cleared incidents, oldest first, so the oldest are forgotten first. */
    private final LinkedHashMap<String, Incident> cleared = new LinkedHashMap<>();
    private final ArrayDeque<Event> replay = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long lastEventId;
    private long messages;
    /** Handling states of incidents not on the board yet (topics are read apart), oldest first; bounded. */
    private final LinkedHashMap<String, Handling> pendingHandling = new LinkedHashMap<>();
    static final int PENDING_HANDLING_MAX = 10_000;

    public AlertBoard(Geography geo) {
        this(geo, 20_000, 5_000);
    }

    public AlertBoard(Geography geo, int replayCapacity, int clearedCapacity) {
        this.geo = geo;
        this.replayCapacity = replayCapacity;
        this.clearedCapacity = clearedCapacity;
    }

    public Geography geography() {
        return geo;
    }

    /**
     * An SSE event: {@code id} 0 for events outside the numbered sequence (freshness); {@code subject} the alert the
     * event is about (what a user's scope is checked against), null for events every user gets.
     */
    public record Event(long id, String name, String data, Alert subject) {
        public Event(long id, String name, String data) {
            this(id, name, data, null);
        }
    }

    /**
     * Files one alert message. A message already seen (same alert id: Kafka redelivery, at-least-once topics) changes
     * nothing; an older message of an incident goes into its history without replacing the current state.
     *
     * @return whether the board changed
     */
    public boolean apply(Alert a) {
        String id = Incident.idOf(a);
        long seq = Incident.seqOf(a);
        synchronized (lock) {
            messages++;
            Incident inc = incidents.get(id);
            if (inc == null) {
                inc = new Incident(id);
                incidents.put(id, inc);
            }
            String aid = a.alertId == null ? id + "@" + seq : a.alertId;
            if (!inc.firstSight(aid)) {
                return false;
            }
            if (inc.wireId == null) {
                inc.wireId = Incident.wireIdOf(a);
                Handling early = pendingHandling.remove(id);
                if (early != null) {
                    inc.handling = early;
                    inc.handlingHistory.add(Incident.HandlingEntry.of(early));
                    inc.escalations = Math.max(inc.escalations, early.escalations);
                }
            }
            boolean escalation = Incident.isEscalation(a);
            if (escalation) {
                // an escalation is history: it sits after the message that was current when it came, and replaces
                // the current state only while there is none (an escalation read before its NEW)
                seq = inc.latest == null ? Long.MIN_VALUE + 1 : inc.latestSeq;
                inc.escalations = a.escalation != null ? Math.max(inc.escalations, a.escalation.count)
                        : inc.escalations + 1;
            }
            addHistory(inc, a, aid, seq);
            if (seq >= inc.latestSeq && (!escalation || inc.latest == null)) {
                inc.latest = a;
                inc.latestSeq = seq;
                inc.division = geo.division(a.prefecture);
                double[] p = geo.position(a);
                if (p != null || inc.position == null) {
                    inc.position = p;
                }
            }
            if (inc.latest == null) {
                return false;
            }
            if (inc.open()) {
                cleared.remove(id);
            } else {
                cleared.remove(id);
                cleared.put(id, inc);
                forgetOldCleared();
            }
            publish(new Event(++lastEventId, "incident", row(inc, lastEventId).toString(), inc.latest), inc);
            return true;
        }
    }

    private void addHistory(Incident inc, Alert a, String aid, long seq) {
        List<String> mods = new ArrayList<>();
        for (Modifier m : a.modifiers) {
            mods.add(m.modifier);
        }
        Incident.HistoryEntry e = new Incident.HistoryEntry(aid, seq, a.status, a.level.name(), a.lastEventTs,
                a.emittedAt, a.title, mods, a.escalation == null ? (Incident.isEscalation(a) ? "escalated" : null)
                : a.escalation.reason);
        int at = inc.history.size();
        while (at > 0 && inc.history.get(at - 1).seq() > seq) {
            at--;
        }
        inc.history.add(at, e);
        if (inc.history.size() > Incident.HISTORY_MAX) {
            inc.history.remove(1); // keep the NEW that opened it
        }
    }

    private void forgetOldCleared() {
        Iterator<Map.Entry<String, Incident>> it = cleared.entrySet().iterator();
        while (cleared.size() > clearedCapacity && it.hasNext()) {
            Incident old = it.next().getValue();
            it.remove();
            incidents.remove(old.id);
        }
    }

    /**
     * Files the job's handling state of an incident (who acknowledged, assignee, notes, escalations): the highest
     * version wins, an older or repeated one changes nothing. One for an incident not on the board yet is kept
     * until it comes.
     *
     * @return whether the board changed
     */
    public boolean apply(Handling h) {
        // the handling message names the incident itself (never an alert message id): no sequence number to strip,
        // and a subject may hold '/' (MINE_MULTI_SENSOR:LY001/WF1/...) so none could be told apart safely
        String id = h.incidentId.replace('/', '@');
        synchronized (lock) {
            Incident inc = incidents.get(id);
            if (inc == null || inc.latest == null) {
                Handling old = pendingHandling.get(id);
                if (old == null || h.version > old.version) {
                    pendingHandling.put(id, h);
                    while (pendingHandling.size() > PENDING_HANDLING_MAX) {
                        pendingHandling.remove(pendingHandling.keySet().iterator().next());
                    }
                }
                return false;
            }
            if (inc.handling != null && h.version <= inc.handling.version) {
                return false;
            }
            inc.handling = h;
            inc.handlingHistory.add(Incident.HandlingEntry.of(h));
            if (inc.handlingHistory.size() > Incident.HANDLING_HISTORY_MAX) {
                inc.handlingHistory.remove(0);
            }
            inc.escalations = Math.max(inc.escalations, h.escalations);
            publish(new Event(++lastEventId, "incident", row(inc, lastEventId).toString(), inc.latest), inc);
            return true;
        }
    }

    private void publish(Event e, Incident inc) {
        inc.eventId = e.id();
        replay.addLast(e);
        while (replay.size() > replayCapacity) {
            replay.removeFirst();
        }
        for (Subscriber s : subscribers) {
            s.offer(e);
        }
    }

    /** Sends an event without an id to every subscriber (the freshness strip): nothing to resume. */
    public void broadcast(String name, String data) {
        Event e = new Event(0, name, data);
        for (Subscriber s : subscribers) {
            s.offer(e);
        }
    }

    /** The id of the newest event. */
    public long lastEventId() {
        synchronized (lock) {
            return lastEventId;
        }
    }

    /** Alert messages filed (duplicates included). */
    public long messages() {
        synchronized (lock) {
            return messages;
        }
    }

    /** A live subscriber: what it must be sent first, then whatever arrives in its queue. */
    public static final class Subscriber {
        final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private final int bound;
        private volatile boolean overflowed;
        public final List<Event> initial;
        /** The alerts this subscriber may see (its user's scope). */
        public final Predicate<Alert> visible;

        Subscriber(List<Event> initial, int bound, Predicate<Alert> visible) {
            this.initial = initial;
            this.bound = bound;
            this.visible = visible;
        }

        void offer(Event e) {
            if (e.subject() != null && !visible.test(e.subject())) {
                return;
            }
            // a browser too slow to drain its queue gets a fresh snapshot instead of unbounded memory
            if (queue.size() >= bound) {
                overflowed = true;
                queue.clear();
            }
            queue.offer(e);
        }

        /** Whether events were dropped: the writer must send a fresh snapshot. */
        public boolean takeOverflow() {
            boolean o = overflowed;
            overflowed = false;
            return o;
        }

        public LinkedBlockingQueue<Event> queue() {
            return queue;
        }
    }

    /**
     * Subscribes to the stream. With a {@code lastEventId} still in the replay buffer, the subscriber is first sent
     * the events after it; otherwise (first load, or an id older than the buffer or unknown) a snapshot.
     */
    public Subscriber subscribe(Long lastEventId) {
        return subscribe(lastEventId, a -> true);
    }

    /** {@link #subscribe(Long)} for a user who may see only the alerts {@code visible} accepts. */
    public Subscriber subscribe(Long lastEventId, Predicate<Alert> visible) {
        synchronized (lock) {
            List<Event> initial;
            long oldest = replay.isEmpty() ? lastEventId() + 1 : replay.peekFirst().id();
            if (lastEventId != null && lastEventId <= this.lastEventId && lastEventId >= oldest - 1) {
                initial = new ArrayList<>();
                for (Event e : replay) {
                    if (e.id() > lastEventId && (e.subject() == null || visible.test(e.subject()))) {
                        initial.add(e);
                    }
                }
            } else {
                initial = List.of(snapshotEvent(visible));
            }
            Subscriber s = new Subscriber(initial, replayCapacity, visible);
            subscribers.add(s);
            return s;
        }
    }

    public void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** A snapshot of every incident kept, as the event that replaces a browser's state. */
    public Event snapshotEvent() {
        return snapshotEvent(a -> true);
    }

    /** A snapshot of the incidents whose current alert {@code visible} accepts. */
    public Event snapshotEvent(Predicate<Alert> visible) {
        synchronized (lock) {
            ObjectNode o = JSON.createObjectNode();
            o.put("lastEventId", lastEventId);
            ArrayNode rows = o.putArray("rows");
            List<Incident> all = new ArrayList<>(incidents.values());
            all.sort(ORDER);
            for (Incident i : all) {
                if (i.latest != null && visible.test(i.latest)) {
                    rows.add(row(i, i.eventId));
                }
            }
            return new Event(lastEventId, "snapshot", o.toString());
        }
    }

    /** The incidents matching a filter, in queue order, with the total before the limit. */
    public Page query(Predicate<Incident> filter, int limit) {
        synchronized (lock) {
            List<Incident> hits = new ArrayList<>();
            for (Incident i : incidents.values()) {
                if (i.latest != null && filter.test(i)) {
                    hits.add(i);
                }
            }
            hits.sort(ORDER);
            ArrayNode rows = JSON.createArrayNode();
            for (int k = 0; k < Math.min(limit, hits.size()); k++) {
                rows.add(row(hits.get(k), hits.get(k).eventId));
            }
            return new Page(hits.size(), rows, lastEventId);
        }
    }

    /** A page of the queue. */
    public record Page(int total, ArrayNode rows, long lastEventId) {}

    /** Open counts per level, per prefecture and the highest open level per map division. */
    public ObjectNode summary() {
        return summary(a -> true);
    }

    /** The summary of the incidents whose current alert {@code visible} accepts (a user's scope). */
    public ObjectNode summary(Predicate<Alert> visible) {
        synchronized (lock) {
            Map<Level, Integer> perLevel = new EnumMap<>(Level.class);
            Map<String, Map<Level, Integer>> perPref = new LinkedHashMap<>();
            Map<String, Level> divisions = new LinkedHashMap<>();
            int open = 0;
            for (Incident i : incidents.values()) {
                if (i.latest == null || !i.open() || !visible.test(i.latest)) {
                    continue;
                }
                open++;
                Level l = i.latest.level;
                perLevel.merge(l, 1, Integer::sum);
                String p = i.latest.prefecture == null ? "unknown" : i.latest.prefecture;
                perPref.computeIfAbsent(p, k -> new EnumMap<>(Level.class)).merge(l, 1, Integer::sum);
                if (i.division != null) {
                    divisions.merge(i.division, l, (x, y) -> x.ordinal() >= y.ordinal() ? x : y);
                }
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("lastEventId", lastEventId);
            o.put("open", open);
            ObjectNode lv = o.putObject("levels");
            for (Level l : levelsHighFirst()) {
                lv.put(l.name(), perLevel.getOrDefault(l, 0));
            }
            ObjectNode pp = o.putObject("prefectures");
            perPref.forEach((code, counts) -> {
                ObjectNode c = pp.putObject(code);
                Level top = null;
                for (Level l : levelsHighFirst()) {
                    int n = counts.getOrDefault(l, 0);
                    c.put(l.name(), n);
                    if (top == null && n > 0) {
                        top = l;
                    }
                }
                c.put("highest", top == null ? null : top.name());
                c.put("division", geo.division(code));
            });
            ObjectNode dv = o.putObject("divisions");
            divisions.forEach((code, l) -> dv.put(code, l.name()));
            return o;
        }
    }

    /** How many message ids the board keeps to drop redeliveries of an incident's messages (bounded; for tests). */
    int rememberedMessages(String incidentId) {
        synchronized (lock) {
            Incident inc = incidents.get(incidentId);
            return inc == null ? 0 : inc.seenCount();
        }
    }

    /** The full record of an incident (by incident id or any of its alert ids), or null. */
    public Detail detail(String id) {
        synchronized (lock) {
            String norm = id.replace('/', '@');
            Incident inc = incidents.get(norm);
            int at = norm.lastIndexOf('@');
            if (inc == null && at > 0) {
                // an alert id (incident + "/seq") names its incident
                inc = incidents.get(norm.substring(0, at));
            }
            if (inc == null || inc.latest == null) {
                return null;
            }
            return new Detail(inc.id, inc.latest, new ArrayList<>(inc.history), row(inc, inc.eventId), inc.wireId,
                    inc.handling, new ArrayList<>(inc.handlingHistory));
        }
    }

    /**
     * What the detail panel shows; {@code wireId} is the incident id as commands name it, {@code handling} the job's
     * newest handling state (null: none yet), {@code handlingHistory} the handling changes the board has seen.
     */
    public record Detail(String id, Alert latest, List<Incident.HistoryEntry> history, ObjectNode row, String wireId,
                         Handling handling, List<Incident.HandlingEntry> handlingHistory) {}

    private static void putOpt(ObjectNode o, String field, String v) {
        if (v != null) {
            o.put(field, v);
        }
    }

    static Level[] levelsHighFirst() {
        return new Level[] {Level.RED, Level.ORANGE, Level.YELLOW, Level.BLUE};
    }

    /** The queue row of an incident: what the list, the map and the filters need, nothing more. */
    private ObjectNode row(Incident i, long eventId) {
        Alert a = i.latest;
        ObjectNode r = JSON.createObjectNode();
        r.put("id", i.id);
        r.put("eventId", eventId);
        r.put("alertId", a.alertId);
        r.put("key", a.key);
        r.put("ruleId", a.ruleId);
        r.put("domain", a.domain == null ? null : a.domain.name());
        r.put("level", a.level.name());
        r.put("status", a.status.name());
        r.put("open", a.status != AlertStatus.CLEARED);
        r.put("subjectId", a.subjectId);
        r.put("prefecture", a.prefecture);
        r.put("division", i.division);
        r.put("title", a.title);
        r.put("firstEventTs", a.firstEventTs);
        r.put("lastEventTs", a.lastEventTs);
        r.put("emittedAt", a.emittedAt);
        r.put("messages", i.history.size());
        if (a.inhibited) {
            r.put("inhibited", true);
        }
        if (i.position != null) {
            r.put("lat", i.position[0]);
            r.put("lon", i.position[1]);
        }
        Handling h = i.handling;
        r.put("handling", h == null ? "OPEN" : h.state.name());
        if (h != null) {
            putOpt(r, "acknowledgedBy", h.acknowledgedBy);
            if (h.acknowledgedAt != null) {
                r.put("acknowledgedAt", h.acknowledgedAt);
            }
            putOpt(r, "assignee", h.assignee);
            putOpt(r, "resolvedBy", h.resolvedBy);
            r.put("notes", h.notes.size());
        }
        r.put("escalations", i.escalations);
        if (i.unacknowledgedRed()) {
            r.put("unacknowledgedRed", true);
        }
        return r;
    }
}
