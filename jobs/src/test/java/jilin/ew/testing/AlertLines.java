package jilin.ew.testing;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jilin.ew.job.OutputOrder;
import jilin.ew.schema.Alert;
import jilin.ew.schema.WireCodec;

/** Alerts as the wire lines a replay writes, in the replay's order, with the wall-clock {@code emittedAt} removed. */
public final class AlertLines {
    private static final Pattern EMITTED_AT = Pattern.compile(",?\"emittedAt\":\"[^\"]*\"");

    private AlertLines() {}

    /** Each alert's JSON line without {@code emittedAt}, in {@link OutputOrder#alerts} order. */
    public static List<String> of(List<Alert> alerts) {
        WireCodec codec = new WireCodec();
        return OutputOrder.alerts(alerts).stream().map(a -> withoutEmittedAt(codec.encode(a)))
                .collect(Collectors.toList());
    }

    /** A line of an alert file without its {@code emittedAt}: the one field that depends on when the job ran. */
    public static String withoutEmittedAt(String line) {
        return EMITTED_AT.matcher(line).replaceAll("");
    }
}
