package jilin.ew.handling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jilin.ew.ingest.Outputs;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Command;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Level;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Handling of alerts, keyed by alert key (docs/handling.md): takes the lifecycle's alert messages and the commands
 * on their incidents, keeps each incident's handling (OPEN, ACKNOWLEDGED, RESOLVED, assignee, notes), escalates an
 * incident nobody acknowledged in time (the rule set's policy), and passes every alert message on with the
 * escalations among them. Silences (SILENCE, EXPIRE) reach every instance as broadcast state.
 *
 * <p>Live, inputs are handled as they arrive and the clock is processing time. {@code ordered} (replay, backtest):
 * inputs wait for the watermark and are handled in event-time order, ties in {@link HandlingInput#ORDER}, and
 * escalations fire on the watermark, so the outcome does not depend on parallelism. The end of a recording is not
 * an event: no escalation fires because input ended.
 */
public class HandlingFunction extends KeyedBroadcastProcessFunction<String, HandlingInput, HandlingInput, Alert> {
    private static final long serialVersionUID = 1L;
    /** An incident's state is kept this long after it was cleared or resolved (late commands still find it). */
    static final long RETENTION_MS = 24 * 3600_000L;
    /** A silenced incident's escalation is looked at again this often (an EXPIRE may end its silence early). */
    static final long SILENCED_RECHECK_MS = 60_000L;

    /** Off live: how far the alert stream's time has come ("time" -> its latest watermark), every instance. */
    public static final MapStateDescriptor<String, Long> ALERT_TIME =
            new MapStateDescriptor<>("alert-time", Types.STRING, Types.LONG);

    /** Silences by id: every instance holds them all. */
    public static final MapStateDescriptor<String, Silence> SILENCES =
            new MapStateDescriptor<>("silences", Types.STRING, TypeInformation.of(Silence.class));

    private final RuleSet rules;
    private final boolean ordered;
    /**
     * Off live: how far the lifecycle's messages may trail the watermark (it sends an alert when the watermark
     * passes it, and a late detection's alert keeps its own time); inputs and escalations wait this much longer, so
     * such a message is still handled in its place and the outcome does not depend on parallelism.
     */
    private final long lateMs;
    private transient MapState<String, Incident> incidents;
    private transient MapState<String, List<WaitingCommand>> waiting;
    private transient MapState<Long, List<HandlingInput>> pending;
    /** True while handling what arrives or is due after the end of input: nothing escalates then. */
    private transient boolean ended;

    /** {@code ordered}: off live (event time, watermark order); otherwise live (processing time). */
    public HandlingFunction(RuleSet rules, boolean ordered) {
        this(rules, ordered, 0);
    }

    /** Off live ({@code ordered}), waiting {@code lateMs} behind the watermark for trailing alert messages. */
    public HandlingFunction(RuleSet rules, boolean ordered, long lateMs) {
        this.rules = rules;
        this.ordered = ordered;
        this.lateMs = lateMs;
    }

    /** The event time everything before has been handled by: the watermark less the allowance for late messages. */
    private long handledBy(long watermark) {
        return watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE ? watermark : watermark - lateMs;
    }

    @Override
    public void open(OpenContext ctx) {
        incidents = getRuntimeContext().getMapState(new MapStateDescriptor<>("incidents", Types.STRING,
                TypeInformation.of(Incident.class)));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-commands", Types.STRING,
                Types.LIST(TypeInformation.of(WaitingCommand.class))));
        if (ordered) {
            pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                    Types.LIST(TypeInformation.of(HandlingInput.class))));
        }
    }

    // ------------------------------------------------------------------ silences (broadcast)

    @Override
    public void processBroadcastElement(HandlingInput in, Context ctx, Collector<Alert> out) throws Exception {
        if (in.alertTime != null) {
            BroadcastState<String, Long> time = ctx.getBroadcastState(ALERT_TIME);
            Long seen = time.get("time");
            if (seen == null || in.alertTime > seen) {
                time.put("time", in.alertTime);
            }
            return;
        }
        Command c = in.command;
        BroadcastState<String, Silence> silences = ctx.getBroadcastState(SILENCES);
        long handled = handledBy(ctx.currentWatermark());
        long now = ordered ? Math.max(c.ts, handled == Long.MIN_VALUE ? c.ts : handled + 1)
                : ctx.currentProcessingTime();
        prune(silences, ordered ? handled : now);
        if (c.action == Command.Action.SILENCE) {
            if (!silences.contains(c.commandId)) { // a repeated SILENCE changes nothing
                silences.put(c.commandId, Silence.of(c, now));
            }
            return;
        }
        Silence s = silences.get(c.silenceId);
        if (s == null) {
            // every instance sees the EXPIRE: one of them says so
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("unknown-silence", "silenceId", "no silence '"
                        + c.silenceId + "' is in force or ended within 24 h", in.raw, c.ts));
            }
            return;
        }
        if (s.expiredAt == null) {
            s.expiredAt = Math.max(c.ts, s.createdAt);
            silences.put(s.id, s);
        }
    }

    /** Drops silences over for a day by {@code now}: nothing pending can fall into them any more. */
    private static void prune(BroadcastState<String, Silence> silences, long now) throws Exception {
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Silence> e : silences.entries()) {
            if (e.getValue().end() + RETENTION_MS <= now) {
                gone.add(e.getKey());
            }
        }
        for (String id : gone) {
            silences.remove(id);
        }
    }

    /** Ids of the silences that keep {@code a} from being notified at {@code t}, in id order. */
    private static List<String> silencing(ReadOnlyBroadcastState<String, Silence> silences, Alert a, long t)
            throws Exception {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Silence> e : silences.immutableEntries()) {
            if (e.getValue().covers(a, t)) {
                ids.add(e.getKey());
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /** The earliest end of the silences {@code ids}. */
    private static long earliestEnd(ReadOnlyBroadcastState<String, Silence> silences, List<String> ids)
            throws Exception {
        long end = Long.MAX_VALUE;
        for (String id : ids) {
            end = Math.min(end, silences.get(id).end());
        }
        return end;
    }

    // ------------------------------------------------------------------ alerts and commands (keyed)

    @Override
    public void processElement(HandlingInput in, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (!ordered) {
            handle(in, ctx.timerService().currentProcessingTime(), ctx, out);
            return;
        }
        if (watermark == Long.MAX_VALUE) {
            ended = true;
            handle(in, in.ts(), ctx, out); // after the end of input, when no timer fires any more
            return;
        }
        // what is handled already (a command later than the allowance) waits for the next time
        long handled = handledBy(watermark);
        long at = handled == Long.MIN_VALUE ? in.ts() : Math.max(in.ts(), handled + 1);
        List<HandlingInput> w = pending.get(at);
        if (w == null) {
            w = new ArrayList<>();
        }
        w.add(in);
        pending.put(at, w);
        timer(ctx, at);
    }

    /** Handles one input at {@code now} (event time off live, processing time live). */
    private void handle(HandlingInput in, long now, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (in.alert != null) {
            onAlert(in.alert, now, ctx, out);
        } else if (in.absorbed != null) {
            Incident inc = incidents.get(in.absorbed);
            if (inc != null) {
                inc.absorbed = true; // a higher alert speaks for it now (the lifecycle inhibits it)
                inc.nextEscalationAt = null;
                incidents.put(in.absorbed, inc);
            }
        } else {
            onCommand(in, now, ctx);
        }
    }

    private void onAlert(Alert a, long now, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        out.collect(a); // every message of the lifecycle stays on the alert stream, in the order handled
        String id = Command.incidentOf(a.alertId);
        Incident inc = incidents.get(id);
        if (inc == null) {
            inc = Incident.of(id, a.key);
        }
        inc.latest = a;
        long t = ordered ? a.lastEventTs : now; // off live the message's own time, whenever the watermark let it in
        List<String> silencedBy = silencing(ctx.getBroadcastState(SILENCES), a, t);
        if (!a.inhibited) {
            inc.absorbed = false; // notified again: the higher alert that held it has ended
            inc.handling.silencedBy = silencedBy;
            if (silencedBy.isEmpty()) {
                ctx.output(HandlingOutputs.NOTIFICATIONS, a);
            }
        }
        if (a.status == AlertStatus.CLEARED) {
            inc.cleared = true;
            inc.latest = null; // nothing is escalated after the end: its evidence need not be kept for a day
            inc.doneAt = inc.doneAt == null ? now : Math.min(inc.doneAt, now);
            timer(ctx, inc.doneAt + RETENTION_MS);
        } else {
            if (!a.inhibited && inc.newAlertId == null) {
                inc.newAlertId = a.alertId;
                inc.newAlertTs = a.lastEventTs;
                inc.clockStart = t;
            }
            if (inc.doneAt != null) {
                // resolved but still active: its handling stays while its messages come, a day after the last
                // (forgotten, the next message would open it anew, unacknowledged, and escalate it again)
                inc.doneAt = now;
                timer(ctx, now + RETENTION_MS);
            }
        }
        schedule(inc, now, ctx);
        incidents.put(id, inc);
        List<WaitingCommand> cmds = waiting.get(id);
        if (cmds != null) {
            waiting.remove(id);
            for (WaitingCommand w : cmds) {
                apply(inc, w.input, ctx);
            }
            incidents.put(id, inc);
        }
        escalateDue(id, inc, now, ctx, out);
    }

    private void onCommand(HandlingInput in, long now, ReadOnlyContext ctx) throws Exception {
        Command c = in.command;
        Incident inc = incidents.get(c.incidentId);
        if (inc != null) {
            apply(inc, in, ctx);
            incidents.put(c.incidentId, inc);
            return;
        }
        List<WaitingCommand> cmds = waiting.get(c.incidentId);
        if (cmds == null) {
            cmds = new ArrayList<>();
        }
        for (WaitingCommand w : cmds) {
            if (w.input.command.commandId.equals(c.commandId)) {
                return; // a repeat of one already waiting
            }
        }
        long deadline = (ordered ? c.ts : now) + rules.handling().commandWaitSec() * 1000L;
        cmds.add(new WaitingCommand(in, deadline));
        waiting.put(c.incidentId, cmds);
        timer(ctx, deadline);
    }

    /** Applies a command to its incident unless its id was seen; a change goes out on the handling output. */
    private void apply(Incident inc, HandlingInput in, ReadOnlyContext ctx) {
        Command c = in.command;
        if (inc.seen(c.commandId)) {
            return;
        }
        inc.remember(c.commandId);
        if (!inc.apply(c)) {
            return;
        }
        if (!inc.unanswered()) {
            inc.nextEscalationAt = null; // acknowledged or resolved: no more escalations
        }
        if (c.action == Command.Action.RESOLVE) {
            long done = ordered ? c.ts : ctx.timerService().currentProcessingTime();
            inc.doneAt = inc.doneAt == null ? done : Math.min(inc.doneAt, done);
            timer(ctx, inc.doneAt + RETENTION_MS);
        }
        ctx.output(HandlingOutputs.HANDLING, inc.snapshot());
    }

    /**
     * Sets when the incident's next escalation is due: its current level's afterSec after the NEW, then every
     * repeatSec, up to maxTimes. A grade rise applies the new level's policy from the NEW (an escalation already
     * overdue under it comes at once); an inhibited or absorbed incident (a higher alert holds it) does not escalate.
     */
    private void schedule(Incident inc, long now, ReadOnlyContext ctx) {
        inc.nextEscalationAt = null;
        if (!inc.unanswered() || inc.latest.inhibited || inc.absorbed) {
            return;
        }
        RuleSet.EscalationPolicy p = rules.handling().escalation(inc.latest.level);
        if (p == null || inc.handling.escalations >= p.maxTimes()) {
            return;
        }
        long due = Math.max(now, inc.clockStart + p.dueAfterMs(inc.handling.escalations + 1));
        inc.nextEscalationAt = due;
        timer(ctx, due);
    }

    /** A timer for event time {@code at} off live (it fires once the watermark is the allowance past it). */
    private void timer(ReadOnlyContext ctx, long at) {
        if (ordered) {
            ctx.timerService().registerEventTimeTimer(at + lateMs);
        } else {
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    /** Sends the escalations of {@code inc} due by {@code now}. */
    private void escalateDue(String id, Incident inc, long now, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        boolean changed = false;
        while (!ended && inc.nextEscalationAt != null && inc.nextEscalationAt <= now) {
            long at = inc.nextEscalationAt;
            RuleSet.EscalationPolicy p = rules.handling().escalation(inc.latest.level);
            ReadOnlyBroadcastState<String, Silence> silences = ctx.getBroadcastState(SILENCES);
            List<String> silencedBy = silencing(silences, inc.latest, at);
            if (!silencedBy.isEmpty()) {
                // a silence holds notifications back, escalations too (never a RED's: no silence covers it)
                long next = Math.min(earliestEnd(silences, silencedBy), at + SILENCED_RECHECK_MS);
                inc.nextEscalationAt = Math.max(next, now + 1);
                timer(ctx, inc.nextEscalationAt);
                changed = true;
                break;
            }
            int count = ++inc.handling.escalations;
            Alert e = EscalationMessage.of(inc, count, at, at - inc.clockStart, p);
            inc.changed(at, "ESCALATE", null);
            out.collect(e);
            ctx.output(HandlingOutputs.NOTIFICATIONS, e);
            ctx.output(HandlingOutputs.HANDLING, inc.snapshot());
            schedule(inc, at, ctx);
            changed = true;
        }
        if (changed) {
            incidents.put(id, inc);
        }
    }

    @Override
    public void onTimer(long firedAt, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long timestamp = ordered ? firedAt - lateMs : firedAt; // the event time this timer stands for
        // the end of a recording is not an event: nothing escalates because input ended. The end's final watermark
        // fires every timer; those within the time the recording itself reached are events all the same
        ended = ordered && ctx.timerService().currentWatermark() == Long.MAX_VALUE && timestamp > recordingTime(ctx);
        List<HandlingInput> due = ordered ? pending.get(timestamp) : null;
        if (due != null) {
            pending.remove(timestamp);
            due.sort(HandlingInput.ORDER);
            for (HandlingInput in : due) {
                handle(in, timestamp, ctx, out);
            }
        }
        expireWaiting(timestamp, ended, ctx);
        if (ended) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (String id : incidents.keys()) {
            ids.add(id);
        }
        ids.sort(Comparator.naturalOrder());
        for (String id : ids) {
            Incident inc = incidents.get(id);
            escalateDue(id, inc, timestamp, ctx, out);
            if (inc.doneAt != null && inc.doneAt + RETENTION_MS <= timestamp) {
                incidents.remove(id);
            }
        }
    }

    /** How far the recording's own time came, less the allowance for late messages (off live). */
    private long recordingTime(ReadOnlyContext ctx) throws Exception {
        Long t = ctx.getBroadcastState(ALERT_TIME).get("time");
        return t == null ? Long.MIN_VALUE : handledBy(t);
    }

    /** Commands that waited their time (or all of them, at the end of input) for an incident that never came. */
    private void expireWaiting(long now, boolean end, OnTimerContext ctx) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String id : waiting.keys()) {
            ids.add(id);
        }
        ids.sort(Comparator.naturalOrder());
        for (String id : ids) {
            List<WaitingCommand> left = new ArrayList<>();
            for (WaitingCommand w : waiting.get(id)) {
                if (w.deadline <= now || end) {
                    Command c = w.input.command;
                    ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("unknown-incident", "incidentId",
                            "no incident '" + c.incidentId + "' was seen within " + rules.handling().commandWaitSec()
                                    + " s of the command" + (end ? " (the input ended)" : ""), w.input.raw, c.ts));
                } else {
                    left.add(w);
                }
            }
            if (left.isEmpty()) {
                waiting.remove(id);
            } else {
                waiting.put(id, left);
            }
        }
    }
}
