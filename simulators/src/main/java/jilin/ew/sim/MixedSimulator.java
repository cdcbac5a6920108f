package jilin.ew.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The mine, gas network (with its hazard reports) and key vehicle simulators run over one period and seed, their
 * lines merged lazily in event-time order, with every domain's labels in one common view ({@link ScenarioLabel}).
 *
 * <p>The merge is a k-way merge of the simulators' own (lazy, time-ordered) iterators on each line's {@code ts};
 * lines with the same second keep the domain order mine, gas, vehicle. Same config, same bytes.
 */
public final class MixedSimulator {
    private final MixedSimConfig config;
    private final MineSimulator mine;
    private final GasSimulator gas;
    private final VehicleSimulator vehicle;
    private final List<ScenarioLabel> labels;

    public MixedSimulator(MixedSimConfig config) {
        this.config = config;
        this.mine = config.domains().contains(SimDomain.MINE) ? new MineSimulator(config.mine()) : null;
        this.gas = config.domains().contains(SimDomain.GAS) ? new GasSimulator(config.gas()) : null;
        this.vehicle = config.domains().contains(SimDomain.VEHICLE) ? new VehicleSimulator(config.vehicle()) : null;
        List<ScenarioLabel> all = new ArrayList<>();
        if (mine != null) {
            mine.labels().forEach(l -> all.add(ScenarioLabel.of(l)));
        }
        if (gas != null) {
            gas.labels().forEach(l -> all.add(ScenarioLabel.of(l)));
        }
        if (vehicle != null) {
            vehicle.labels().forEach(l -> all.add(ScenarioLabel.of(l)));
        }
        this.labels = List.copyOf(all);
    }

    public MixedSimConfig config() {
        return config;
    }

    /** The mine simulator of this run, or null when mines are not simulated. */
    public MineSimulator mine() {
        return mine;
    }

    /** The gas network simulator of this run, or null when gas is not simulated. */
    public GasSimulator gas() {
        return gas;
    }

    /** The vehicle simulator of this run, or null when vehicles are not simulated. */
    public VehicleSimulator vehicle() {
        return vehicle;
    }

    /** Every domain's ground-truth labels: mine, then gas and reports, then vehicles, each in scenario-id order. */
    public List<ScenarioLabel> labels() {
        return labels;
    }

    /** A fresh lazy iterator over the merged message lines (no trailing newline); each call starts over. */
    public Iterator<String> lines() {
        List<Iterator<String>> sources = new ArrayList<>(3);
        if (mine != null) {
            sources.add(mine.lines());
        }
        if (gas != null) {
            sources.add(gas.lines());
        }
        if (vehicle != null) {
            sources.add(vehicle.lines());
        }
        return sources.size() == 1 ? sources.get(0) : new Merge(sources);
    }

    /** Writes every message line, each ending in '\n'; returns the number written. */
    public long write(Writer out) throws IOException {
        long n = 0;
        for (Iterator<String> it = lines(); it.hasNext(); n++) {
            out.write(it.next());
            out.write('\n');
        }
        out.flush();
        return n;
    }

    /** Writes the labels, one JSON object per line. */
    public void writeLabels(Writer out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (ScenarioLabel l : labels) {
            out.write(mapper.writeValueAsString(l));
            out.write('\n');
        }
        out.flush();
    }

    /** K-way merge on event time; k is at most three, so a linear scan of the heads beats a heap. */
    private static final class Merge implements Iterator<String> {
        private final List<Iterator<String>> in;
        private final String[] head;
        private final long[] ts;

        Merge(List<Iterator<String>> in) {
            this.in = in;
            this.head = new String[in.size()];
            this.ts = new long[in.size()];
            for (int i = 0; i < head.length; i++) {
                advance(i);
            }
        }

        private void advance(int i) {
            Iterator<String> it = in.get(i);
            if (it.hasNext()) {
                head[i] = it.next();
                ts[i] = epochSecond(head[i]);
            } else {
                head[i] = null;
            }
        }

        @Override
        public boolean hasNext() {
            for (String h : head) {
                if (h != null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String next() {
            int best = -1;
            for (int i = 0; i < head.length; i++) {
                if (head[i] != null && (best < 0 || ts[i] < ts[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new NoSuchElementException();
            }
            String out = head[best];
            advance(best);
            return out;
        }
    }

    /**
     * The event time of a simulator line in epoch seconds, read straight from its {@code "ts":"yyyy-MM-ddTHH:mm:ss+hh:mm"}
     * without a general parser (the simulators all write that form); anything else goes through OffsetDateTime.
     */
    static long epochSecond(String line) {
        int i = line.indexOf("\"ts\":\"");
        if (i < 0) {
            throw new IllegalArgumentException("no ts in simulator line: " + line);
        }
        i += 6;
        if (line.length() >= i + 26 && line.charAt(i + 4) == '-' && line.charAt(i + 10) == 'T'
                && line.charAt(i + 19) != '.' && line.charAt(i + 25) == '"') {
            long day = LocalDate.of(num(line, i, 4), num(line, i + 5, 2), num(line, i + 8, 2)).toEpochDay();
            long sec = day * 86_400 + num(line, i + 11, 2) * 3600L + num(line, i + 14, 2) * 60L + num(line, i + 17, 2);
            int offset = num(line, i + 20, 2) * 3600 + num(line, i + 23, 2) * 60;
            return line.charAt(i + 19) == '-' ? sec + offset : sec - offset;
        }
        int end = line.indexOf('"', i);
        return OffsetDateTime.parse(line.substring(i, end)).toEpochSecond();
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad ts digits in " + s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
