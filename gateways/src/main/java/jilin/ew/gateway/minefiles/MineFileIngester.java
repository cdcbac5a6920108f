package jilin.ew.gateway.minefiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import jilin.ew.gateway.Output;

/**
 * Ingests a folder of monitoring upload files in name order, each once: a file's messages are produced and flushed
 * (acked by Kafka) before its name and content hash go to the ledger, and a file whose content hash is already in
 * the ledger is skipped, whatever its name. A file that does not follow its layout moves to {@code quarantine/}
 * beside a {@code .reason.txt}.
 */
public final class MineFileIngester {
    /** What one pass did. */
    public static final class Result {
        public int files;
        public int duplicates;
        public int quarantined;
        public long messages;
        public long deadLetters;
        public long skippedRecords;

        @Override
        public String toString() {
            return files + " files ingested (" + messages + " messages, " + deadLetters + " dead letters, "
                    + skippedRecords + " records of untracked types), " + duplicates + " duplicates skipped, "
                    + quarantined + " quarantined";
        }
    }

    private final Path dir;
    private final Path ledger;
    private final Path quarantine;
    private final MineFileParser parser;
    private final Output output;
    private final Set<String> hashes = new HashSet<>();
    /** Files seen done (name -> size and mtime), so a steady folder is not hashed again on every pass. */
    private final Map<String, String> done = new HashMap<>();
    /** Size and mtime at the previous pass: a file still growing is left for the next one. */
    private final Map<String, String> lastSeen = new HashMap<>();

    public MineFileIngester(Path dir, Path stateDir, MineFileMapping mapping, Output output) throws IOException {
        this.dir = dir;
        Path state = stateDir == null ? dir.resolve(".mine-files") : stateDir;
        Files.createDirectories(state);
        this.ledger = state.resolve("ledger.tsv");
        this.quarantine = dir.resolve("quarantine");
        this.parser = new MineFileParser(mapping);
        this.output = output;
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                // a torn last line (crash while appending) has no name column: its file is simply ingested again
                if (f.length >= 2 && f[0].length() == 64) {
                    hashes.add(f[0]);
                }
            }
        }
    }

    /**
     * One pass over the folder in name order. With {@code settled} false every file is taken as complete (a folder
     * filled before the run); otherwise a file is taken once its size and mtime are unchanged since the last pass.
     * Stops after {@code limit} files (tests use it to stop in the middle of a folder).
     */
    public Result pass(boolean settled, int limit) throws Exception {
        Result r = new Result();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && parser.kindOf(name) != null) {
                    files.add(p);
                } else if (Files.isRegularFile(p) && !name.startsWith(".") && !name.endsWith(".tmp")
                        && !name.endsWith(".part") && !done.containsKey(name)) {
                    // neither a definition nor a value file of this layout: quarantined, so it is seen
                    quarantine(p, "the name matches neither the definition nor the value files of the mapping");
                    r.quarantined++;
                }
            }
        }
        files.sort(null);
        int taken = 0;
        for (Path p : files) {
            if (taken >= limit) {
                break;
            }
            String name = p.getFileName().toString();
            String stamp = Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
            if (stamp.equals(done.get(name))) {
                continue;
            }
            if (settled && !stamp.equals(lastSeen.put(name, stamp))) {
                continue; // still being written, or new: next pass
            }
            taken++;
            byte[] content = Files.readAllBytes(p);
            String hash = sha256(content);
            if (hashes.contains(hash)) {
                r.duplicates++;
                done.put(name, stamp);
                continue;
            }
            MineFileParser.Parsed parsed;
            try {
                parsed = parser.parse(name, content);
            } catch (MalformedFileException e) {
                quarantine(p, e.getMessage());
                r.quarantined++;
                continue;
            }
            for (MineFileParser.Item item : parsed.items()) {
                if (item.deadLetter() != null) {
                    output.deadLetter(item.deadLetter());
                    r.deadLetters++;
                } else {
                    output.message(item.type(), item.key(), item.json());
                    r.messages++;
                }
            }
            output.flush(); // every message of the file acked before the ledger says it is in
            record(hash, name, parsed.items().size());
            hashes.add(hash);
            done.put(name, stamp);
            lastSeen.remove(name);
            r.files++;
            r.skippedRecords += parsed.skipped();
        }
        return r;
    }

    /** Passes every {@code poll} until {@code running} turns false; returns the totals. */
    public Result watch(Duration poll, BooleanSupplier running, java.util.function.Consumer<Result> onPass)
            throws Exception {
        Result total = new Result();
        while (running.getAsBoolean()) {
            Result r = pass(true, Integer.MAX_VALUE);
            total.files += r.files;
            total.duplicates += r.duplicates;
            total.quarantined += r.quarantined;
            total.messages += r.messages;
            total.deadLetters += r.deadLetters;
            total.skippedRecords += r.skippedRecords;
            if (r.files + r.duplicates + r.quarantined > 0) {
                onPass.accept(r);
            }
            Thread.sleep(poll.toMillis());
        }
        return total;
    }

    private void record(String hash, String name, int messages) throws IOException {
        String line = hash + "\t" + name + "\t" + messages + "\t" + Instant.now() + "\n";
        try (FileChannel ch = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ch.force(true); // on disk before the next file: a crash then repeats at most the file in flight
        }
    }

    private void quarantine(Path p, String reason) throws IOException {
        Files.createDirectories(quarantine);
        Path target = quarantine.resolve(p.getFileName());
        Files.move(p, target, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(quarantine.resolve(p.getFileName() + ".reason.txt"), reason + "\n", StandardCharsets.UTF_8);
    }

    static String sha256(byte[] b) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b);
            StringBuilder s = new StringBuilder(64);
            for (byte x : h) {
                s.append(Character.forDigit(x >> 4 & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ledger's path (tests read it). */
    public Path ledger() {
        return ledger;
    }

}
