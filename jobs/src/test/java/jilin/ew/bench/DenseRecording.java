package jilin.ew.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * A dense, noisy mine recording as a new user makes one (issue #19): 40 mines x 4 districts x 7 CH4 locations =
 * 1,120 sensors defined on the stream, then every sensor reporting every second, values Gaussian (sigma 0.03)
 * around a per-sensor base drawn from 0.05-0.45 %, so intake sensors cross their 0.5 % line now and then.
 * Seeded: the same size gives the same file.
 */
final class DenseRecording {
    static final int MINES = 40;
    static final int DISTRICTS = 4;
    /** The seven CH4 locations of the regulation's table a district carries here (design.md section 11.2). */
    static final String[] LOCATIONS = {"UPPER_CORNER", "WORKING_FACE", "WORKING_FACE_RETURN", "INTAKE",
            "DRAINAGE_ROADWAY", "SHEARER", "HEADING_FACE"};
    static final int SENSORS = MINES * DISTRICTS * LOCATIONS.length;
    /** 2026-03-20T08:00:00+08:00, as the simulators start. */
    private static final long START_MS = Instant.parse("2026-03-20T00:00:00Z").toEpochMilli();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.ofHours(8));

    private DenseRecording() {}

    /** The recording of about {@code messages} messages (definitions, then whole seconds), kept for later runs. */
    static Path of(long messages) throws IOException {
        long seconds = Math.max(1, (messages - SENSORS) / SENSORS);
        long n = SENSORS + seconds * SENSORS;
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Path file = dir.resolve("dense-" + n + ".jsonl");
        if (Files.exists(file)) {
            return file;
        }
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        write(tmp, seconds);
        Files.move(tmp, file);
        return file;
    }

    /** The first {@code lines} lines of the recording: a small file, for the time to the first message. */
    static Path head(Path recording, int lines) throws IOException {
        Path file = recording.resolveSibling("dense-head-" + lines + ".jsonl");
        try (var in = Files.lines(recording, StandardCharsets.UTF_8)) {
            Files.write(file, (Iterable<String>) in.limit(lines)::iterator, StandardCharsets.UTF_8);
        }
        return file;
    }

    private static void write(Path file, long seconds) throws IOException {
        Random rnd = new Random(19);
        String[] mines = mineIds();
        String[] ids = new String[SENSORS];
        double[] base = new double[SENSORS];
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String ts0 = TS.format(Instant.ofEpochMilli(START_MS));
            int i = 0;
            for (String mine : mines) {
                for (int d = 1; d <= DISTRICTS; d++) {
                    for (String loc : LOCATIONS) {
                        ids[i] = mine + "-D" + d + "-" + loc;
                        base[i] = 0.05 + 0.40 * rnd.nextDouble();
                        w.write("{\"type\":\"mine.sensor\",\"ts\":\"" + ts0 + "\",\"mineId\":\"" + mine
                                + "\",\"sensorId\":\"" + ids[i] + "\",\"kind\":\"CH4\",\"location\":\"" + loc
                                + "\",\"district\":\"D" + d + "\"}");
                        w.newLine();
                        i++;
                    }
                }
            }
            StringBuilder sb = new StringBuilder(128);
            for (long s = 0; s < seconds; s++) {
                String ts = TS.format(Instant.ofEpochMilli(START_MS + s * 1000));
                for (int k = 0; k < SENSORS; k++) {
                    double v = Math.max(0, base[k] + 0.03 * rnd.nextGaussian());
                    sb.setLength(0);
                    sb.append("{\"type\":\"mine.reading\",\"ts\":\"").append(ts).append("\",\"sensorId\":\"")
                            .append(ids[k]).append("\",\"value\":")
                            .append(String.format(Locale.ROOT, "%.3f", v)).append(",\"status\":\"OK\"}");
                    w.write(sb.toString());
                    w.newLine();
                }
            }
        }
    }

    /** The first {@link #MINES} seeded mines, so that each resolves its prefecture, operator and routes. */
    private static String[] mineIds() throws IOException {
        com.fasterxml.jackson.databind.JsonNode all = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("..", "seeds", "data", "mines.json").toFile());
        String[] ids = new String[MINES];
        for (int i = 0; i < MINES; i++) {
            ids[i] = all.get(i).get("mineId").asText();
        }
        return ids;
    }
}
