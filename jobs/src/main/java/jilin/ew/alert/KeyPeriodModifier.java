package jilin.ew.alert;

import java.time.Instant;
import java.time.LocalDate;
import jilin.ew.schema.Modifier;
import jilin.ew.schema.Times;
import jilin.ew.seeds.KeyPeriod;
import jilin.ew.seeds.SeedCatalog;

/** The key-period modifier: events on a local date inside a key period (Spring Festival, two sessions). */
final class KeyPeriodModifier {
    private KeyPeriodModifier() {}

    static Modifier at(SeedCatalog catalog, long eventTs) {
        LocalDate day = Instant.ofEpochMilli(eventTs).atZone(Times.LOCAL_ZONE).toLocalDate();
        for (KeyPeriod p : catalog.keyPeriods()) {
            if (p.contains(day)) {
                return new Modifier("KEY_PERIOD", "during " + p.name() + " " + p.nameEn() + " (" + p.start() + " to "
                        + p.end() + "), a key period of heightened watch");
            }
        }
        return null;
    }
}
