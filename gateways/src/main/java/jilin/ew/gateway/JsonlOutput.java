package jilin.ew.gateway;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.EventType;

/** Output to JSONL files (messages in one, dead letters in another), appending: for trying a gateway without Kafka. */
public final class JsonlOutput implements Output {
    private final BufferedWriter messages;
    private final BufferedWriter dead;
    private long messageCount;
    private long deadCount;
    private boolean closed;

    public JsonlOutput(Path messages, Path deadLetters) throws IOException {
        this.messages = open(messages);
        this.dead = deadLetters == null ? null : open(deadLetters);
    }

    private static BufferedWriter open(Path p) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void message(EventType type, String key, String json) {
        write(messages, json);
        messageCount++;
    }

    @Override
    public synchronized void deadLetter(DeadLetter d) {
        deadCount++;
        // without a dead-letter file they go to stderr: refusals are never silently dropped
        String line = Contract.encode(d, System.currentTimeMillis());
        if (dead == null) {
            System.err.println("dead letter: " + line);
        } else {
            write(dead, line);
        }
    }

    private static void write(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (closed) {
            return; // a periodic flush racing the close: everything was written by the close
        }
        messages.flush();
        if (dead != null) {
            dead.flush();
        }
    }

    public synchronized long messageCount() {
        return messageCount;
    }

    public synchronized long deadLetterCount() {
        return deadCount;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            messages.close();
            if (dead != null) {
                dead.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
