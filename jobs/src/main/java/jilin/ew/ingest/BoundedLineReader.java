package jilin.ew.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.WireCodec;

/**
 * Reads UTF-8 lines holding at most {@link WireCodec#MAX_MESSAGE_CHARS} characters each, the one line reader of
 * replay, backtest and every JSONL file. A longer line is not kept: its first {@link #HEAD_CHARS} characters are,
 * the rest is counted and skipped up to its end, and reading goes on with the next line; so one multi-gigabyte line
 * without a newline costs a few KiB of memory, not the heap ({@code BufferedReader.readLine} holds it all).
 * Lines end at \n, \r or \r\n, as {@code BufferedReader.readLine} has it.
 */
public final class BoundedLineReader implements Closeable {
    /** What an over-long line keeps of itself for its dead letter. */
    public static final int HEAD_CHARS = 1024;
    /** Dead-letter reason of an over-long line. */
    public static final String TOO_LONG = "too-long";

    private final Reader in;
    private final int max;
    private final char[] buf = new char[8192];
    private int pos;
    private int lim;
    private boolean eof;
    /** The previous line ended in \r: a \n right after it belongs to that line end. */
    private boolean skipLf;
    private final StringBuilder line = new StringBuilder();

    /** A line read: its text, or (over-long) its first characters and its length. */
    public static final class Line {
        /** The whole line; null when it was too long. */
        public final String text;
        /** The first {@link #HEAD_CHARS} characters of an over-long line; null otherwise. */
        public final String head;
        /** Length in characters of the whole line (also when it was too long). */
        public final long length;

        Line(String text, String head, long length) {
            this.text = text;
            this.head = head;
            this.length = length;
        }

        public boolean tooLong() {
            return text == null;
        }

        /** The {@code too-long} dead letter of an over-long line: its head as raw, its length in the detail. */
        public DeadLetter deadLetter() {
            DeadLetter d = DeadLetter.of(TOO_LONG, null, "line of " + length + " characters exceeds the limit of "
                    + WireCodec.MAX_MESSAGE_CHARS + "; skipped up to its end (raw: its first " + head.length()
                    + " characters)", head, null);
            d.rawLength = (int) Math.min(length, Integer.MAX_VALUE);
            return d;
        }
    }

    public BoundedLineReader(InputStream in) {
        this(in, WireCodec.MAX_MESSAGE_CHARS);
    }

    public BoundedLineReader(InputStream in, int maxChars) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.max = maxChars;
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        line.setLength(0);
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos >= lim) {
                if (eof || !fill()) {
                    eof = true;
                    return any ? done(length) : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < lim && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int n = pos - start;
            if (length + n <= max) {
                line.append(buf, start, n);
            } else {
                // over the limit: from here on only the head is kept
                if (line.length() > HEAD_CHARS) {
                    line.setLength(HEAD_CHARS);
                }
                line.append(buf, start, Math.min(n, HEAD_CHARS - line.length()));
            }
            length += n;
            if (pos < lim) {
                skipLf = buf[pos] == '\r';
                pos++;
                return done(length);
            }
        }
    }

    private Line done(long length) {
        return length > max ? new Line(null, line.toString(), length) : new Line(line.toString(), null, length);
    }

    /** Lines in a file (an over-long one counts once), read with the same bound. */
    public static long count(Path file) throws IOException {
        long n = 0;
        try (BoundedLineReader r = new BoundedLineReader(Files.newInputStream(file))) {
            while (r.next() != null) {
                n++;
            }
        }
        return n;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        pos = 0;
        lim = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
