package jilin.ew.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import jilin.ew.job.JobOutput;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;

/** Counts what a run produced: dead letters by reason, alerts by level and status. */
final class Summary {
    /** Messages read, or -1 when the run does not count them (the live demo). */
    long messages = -1;
    final Map<String, Long> deadByReason = new TreeMap<>();
    final Map<Level, Long> newByLevel = new EnumMap<>(Level.class);
    final Map<AlertStatus, Long> byStatus = new EnumMap<>(AlertStatus.class);
    long alerts;
    long deadLetters;
    long handlingUpdates;

    void count(JobOutput o) {
        if (o.handling != null) {
            handlingUpdates++;
        } else if (o.alert != null) {
            alerts++;
            byStatus.merge(o.alert.status, 1L, Long::sum);
            if (o.alert.status == AlertStatus.NEW) {
                newByLevel.merge(o.alert.level, 1L, Long::sum);
            }
        } else {
            deadLetters++;
            deadByReason.merge(o.deadLetter.reason, 1L, Long::sum);
        }
    }

    void print(PrintStream out) {
        if (messages >= 0) {
            out.println("messages read: " + messages);
        }
        out.println("dead-lettered: " + deadLetters + (deadByReason.isEmpty() ? "" : " " + deadByReason));
        StringBuilder lv = new StringBuilder();
        for (Level l : new Level[] {Level.RED, Level.ORANGE, Level.YELLOW, Level.BLUE}) {
            lv.append(' ').append(l).append('=').append(newByLevel.getOrDefault(l, 0L));
        }
        out.println("alerts: " + alerts + " messages (" + byStatus + "); new alerts by level:" + lv);
        if (handlingUpdates > 0) {
            out.println("handling: " + handlingUpdates + " updates");
        }
    }
}
