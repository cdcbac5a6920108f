package jilin.ew.handling;

import jilin.ew.schema.Alert;
import jilin.ew.schema.Command;
import jilin.ew.schema.Level;

/** A silence in force or ended lately: which alerts it keeps from being notified, and when. */
public class Silence {
    public String id;
    public String actor;
    public String comment;
    public String ruleId;
    public String subjectId;
    public String prefecture;
    public long startsAt;
    public long endsAt;
    /** When the job took it in: it silences nothing before (no silence reaches back in time). */
    public long createdAt;
    /** When an EXPIRE ended it early; null while not expired. */
    public Long expiredAt;

    public Silence() {}

    static Silence of(Command c, long createdAt) {
        Silence s = new Silence();
        s.id = c.commandId;
        s.actor = c.actor;
        s.comment = c.text;
        s.ruleId = c.matchRuleId;
        s.subjectId = c.matchSubjectId;
        s.prefecture = c.matchPrefecture;
        s.startsAt = c.startsAt != null ? c.startsAt : c.ts;
        s.endsAt = c.endsAt;
        s.createdAt = createdAt;
        return s;
    }

    /** When it stops silencing: its end, or its expiry if earlier. */
    long end() {
        return expiredAt == null ? endsAt : Math.min(endsAt, expiredAt);
    }

    /** Whether it keeps alert {@code a} from being notified at time {@code t}; a RED alert is never silenced. */
    boolean covers(Alert a, long t) {
        return a.level != Level.RED && t >= createdAt && t >= startsAt && t < end()
                && (ruleId == null || ruleId.equals(a.ruleId))
                && (subjectId == null || subjectId.equals(a.subjectId))
                && (prefecture == null || prefecture.equals(a.prefecture));
    }
}
