package jilin.ew.sim;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;

/** What every simulator gives: its message lines in event-time order and the labels of its scenarios; one writer for both. */
public interface Simulator {
    /** A fresh lazy iterator over the message lines (no trailing newline); each call starts over. */
    Iterator<String> lines();

    /** Ground-truth labels of the injected scenarios. */
    List<ScenarioLabel> labels();

    /** Writes every message line, each ending in '\n'; returns the number written. */
    default long write(Writer out) throws IOException {
        long n = 0;
        for (Iterator<String> it = lines(); it.hasNext(); n++) {
            out.write(it.next());
            out.write('\n');
        }
        out.flush();
        return n;
    }

    /** Writes the labels, one JSON object per line. */
    default void writeLabels(Writer out) throws IOException {
        writeLabels(labels(), LabelJson.WITH_DOMAIN, out);
    }

    /** Writes labels, one JSON object per line, with the given writer. */
    static void writeLabels(List<ScenarioLabel> labels, ObjectWriter json, Writer out) throws IOException {
        for (ScenarioLabel l : labels) {
            out.write(json.writeValueAsString(l));
            out.write('\n');
        }
        out.flush();
    }
}
