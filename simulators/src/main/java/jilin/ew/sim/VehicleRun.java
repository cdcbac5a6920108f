package jilin.ew.sim;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jilin.ew.sim.SimRoads.Hit;
import jilin.ew.sim.SimRoads.Section;

/**
 * One vehicle's run: a deterministic stepper producing its position reports in time order, driving and resting
 * along its route, with the overrides its scenario (if any) puts on it.
 */
final class VehicleRun {
    private static final long COLLISION = 1L << 29;
    static final double[] BURST = {45, 46, 30, 12, 0};
    private static final long BURST_STEP = 2;

    /** What a scenario changes in one vehicle's run. */
    static final class Ov {
        /** SPEED, NO_REST, NO_BAN, BURST, ALARM. */
        final String kind;
        final long from;
        final long to;
        /** SPEED only on this section (null: anywhere allowed by offSection). */
        String sectionId;
        boolean offSection;
        double[] speeds;

        Ov(String kind, long from, long to) {
            this.kind = kind;
            this.from = from;
            this.to = to;
        }

        boolean covers(long t) {
            return t >= from && t <= to;
        }
    }

    /** One position report. */
    record Report(long ts, double lat, double lon, double speed, boolean driving, Hit hit, String line) {
        /** On the section as the job will match it (inside its buffer, with a margin for GPS noise). */
        Section on() {
            return hit != null && hit.distanceM() <= hit.section().bufferM - 15 ? hit.section() : null;
        }
    }

    /** Bus night, 22:00-06:00 local. */
    static boolean isNight(long sec) {
        int h = SimTime.local(sec).getHour();
        return h >= 22 || h < 6;
    }

    /** The long-distance bus stop window, 02:00-05:00 local. */
    static boolean isBanWindow(long sec) {
        int h = SimTime.local(sec).getHour();
        return h >= 2 && h < 5;
    }

    /** Long buses stop from 01:30 (so no section holds them past 02:00) until 05:00. */
    private static boolean parkForBan(long t) {
        LocalTime l = SimTime.local(t);
        return !l.isBefore(LocalTime.of(1, 30)) && l.isBefore(LocalTime.of(5, 0));
    }

    private static long banEnd(long t) {
        OffsetDateTime d = OffsetDateTime.ofInstant(Instant.ofEpochSecond(t), SimTime.JILIN);
        return d.toLocalDate().atTime(5, 0).atOffset(SimTime.JILIN).toEpochSecond();
    }

    final VehicleModel m;
    private final List<Ov> ovs;
    private final SplittableRandom rnd;
    private final long intervalSec;
    private final double gpsNoiseM;
    private final SimRoads roads;
    /** Event time of the next report. */
    long nextTs;
    private double s;
    private int dir;
    private boolean driving;
    private long until;
    private int speedIdx;
    private Ov speedOv;
    private long stoppedUntil = Long.MIN_VALUE;

    VehicleRun(VehicleModel m, List<Ov> ovs, long startSec, VehicleSimConfig config, SimRoads roads) {
        this.m = m;
        this.ovs = ovs;
        this.intervalSec = config.reportInterval().getSeconds();
        this.gpsNoiseM = config.gpsNoiseM();
        this.roads = roads;
        this.rnd = new SplittableRandom(m.seed ^ 0x5151_5151L);
        this.nextTs = startSec + m.phase;
        this.s = m.startS;
        this.dir = m.startDir;
        this.driving = true;
        this.until = startSec + m.firstDriveMin * 60;
    }

    private Ov active(String kind, long t) {
        for (Ov o : ovs) {
            if (o.kind.equals(kind) && o.covers(t)) {
                return o;
            }
        }
        return null;
    }

    private double gauss(double sd, double clip) {
        double g = rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 2; // ~N(0, 1/3)
        return Math.max(-clip, Math.min(clip, g * 1.732 * sd));
    }

    Report next() {
        long t = nextTs;
        long interval = intervalSec;
        double[] p = m.route.at(s);
        Hit near = roads.near(p[0], p[1], 100);
        boolean noRest = active("NO_REST", t) != null;
        boolean noBan = active("NO_BAN", t) != null;
        if (!driving && t >= until && t >= stoppedUntil) {
            driving = true;
            until = t + (80 + rnd.nextInt(16)) * 60L;
        }
        if (driving && near == null && !noRest) {
            if (t >= until) {
                driving = false;
                until = t + (25 + rnd.nextInt(11)) * 60L;
            } else if (m.v.bannedAtNight() && !noBan && parkForBan(t)) {
                driving = false;
                until = banEnd(t) + (5 + rnd.nextInt(16)) * 60L;
            }
        }
        double speed;
        long alarm = 0;
        Ov burst = active("BURST", t);
        Ov crash = active("ALARM", t);
        if (burst != null && t - burst.from < BURST.length * BURST_STEP) {
            int i = (int) ((t - burst.from) / BURST_STEP);
            speed = BURST[i];
            interval = BURST_STEP;
            if (i == BURST.length - 1) {
                stoppedUntil = burst.to;
                interval = intervalSec;
            }
        } else if (crash != null && t - crash.from < interval) {
            speed = 0;
            alarm = COLLISION;
            stoppedUntil = crash.to;
        } else if (t < stoppedUntil) {
            speed = 0;
        } else if (!driving) {
            speed = 0;
        } else {
            double target = near != null ? near.section().limit * m.sectionFactor : m.cruise;
            speed = Math.max(5, target + gauss(1.2, 3));
            Ov o = active("SPEED", t);
            Hit on = roads.near(p[0], p[1], 0);
            boolean applies = o != null && (o.sectionId != null ? on != null && on.section().id.equals(o.sectionId)
                    : !o.offSection || near == null);
            if (applies) {
                if (speedOv != o) {
                    speedOv = o;
                    speedIdx = 0;
                }
                speed = o.speeds[Math.min(speedIdx++, o.speeds.length - 1)];
            }
        }
        speed = Math.round(speed * 10) / 10.0;
        double mx = SimRoads.M_PER_DEG * Math.cos(Math.toRadians(p[0]));
        double noise = gpsNoiseM;
        double lat = p[0] + gauss(noise, 3 * noise) / SimRoads.M_PER_DEG;
        double lon = p[1] + gauss(noise, 3 * noise) / mx;
        double heading = dir > 0 ? p[2] : (p[2] + 180) % 360;
        boolean acc = speed > 0 || (driving && t >= stoppedUntil);
        String line = String.format(Locale.ROOT, "{\"type\":\"vehicle.position\",\"ts\":\"%s\",\"vehicleId\":\"%s\","
                        + "\"lat\":%.6f,\"lon\":%.6f,\"speedKmh\":%.1f,\"heading\":%.0f,\"acc\":%s%s}", SimTime.format(t),
                m.v.id(), lat, lon, speed, Math.floor(heading) % 360, acc, alarm == 0 ? "" : ",\"alarmFlags\":" + alarm);
        Report r = new Report(t, lat, lon, speed, speed > 5, roads.near(p[0], p[1], 0), line);
        s += dir * speed / 3.6 * interval;
        if (s >= m.route.length() || s <= 0) {
            s = Math.max(0, Math.min(m.route.length(), s));
            dir = -dir;
            if (!noRest) { // turning round at the end of the line: a rest at the terminus
                driving = false;
                until = t + (20 + rnd.nextInt(11)) * 60L;
            }
        }
        nextTs = t + interval;
        return r;
    }
}
