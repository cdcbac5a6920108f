package jilin.ew.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.WireCodec;

/**
 * Reads UTF-8 lines holding at most {@link WireCodec#MAX_MESSAGE_CHARS} characters each, the one line reader of
 * replay, backtest and every JSONL file. A longer line is not kept: its first {@link #HEAD_CHARS} characters are,
 * the rest is counted and skipped up to its end, and reading goes on with the next line; so one multi-gigabyte line
 * without a newline costs a few KiB of memory, not the heap ({@code BufferedReader.readLine} holds it all).
 * Lines end at \n, \r or \r\n, as {@code BufferedReader.readLine} has it; malformed UTF-8 reads as U+FFFD, as
 * there.
 *
 * <p>It scans bytes, not characters: the bytes \n and \r occur in UTF-8 only as themselves, so a line's end is
 * found before it is decoded, and a line is decoded once, whole (issue #19: decoding into a character buffer and
 * copying out of a builder cost the source's reading thread a third of its time per message).
 */
public final class BoundedLineReader implements Closeable {
    /** What an over-long line keeps of itself for its dead letter. */
    public static final int HEAD_CHARS = 1024;
    /** Dead-letter reason of an over-long line. */
    public static final String TOO_LONG = "too-long";
    /**
     * A UTF-8 byte gives at least a third of a character (a UTF-16 unit: three bytes make one at most, malformed
     * bytes one each or fewer), so a line of more than this many bytes per allowed character is over-long for sure.
     */
    private static final int BYTES_PER_CHAR = 3;

    private final InputStream in;
    private final int max;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    /** The previous line ended in \r: a \n right after it belongs to that line end. */
    private boolean skipLf;
    /** The bytes so far of a line begun in an earlier buffer, while it may still be within the bound. */
    private byte[] held = new byte[1024];
    private int heldLen;

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
        this.in = in;
        this.max = maxChars;
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        heldLen = 0;
        Overlong over = null;
        boolean any = false;
        while (true) {
            if (pos >= lim) {
                if (eof || !fill()) {
                    eof = true;
                    return any ? end(over) : null;
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
            boolean ended = pos < lim;
            if (ended && heldLen == 0 && over == null) {
                // nearly every line: whole in this buffer
                Line l = line(buf, start, n);
                skipLf = buf[pos] == '\r';
                pos++;
                return l;
            }
            if (over == null) {
                hold(start, n);
                if (heldLen > (long) BYTES_PER_CHAR * max) {
                    over = new Overlong();
                    over.feed(held, 0, heldLen);
                    heldLen = 0;
                }
            } else {
                over.feed(buf, start, n);
            }
            if (ended) {
                skipLf = buf[pos] == '\r';
                pos++;
                return end(over);
            }
        }
    }

    private Line end(Overlong over) {
        return over != null ? over.line() : line(held, 0, heldLen);
    }

    private Line line(byte[] b, int off, int n) {
        String s = new String(b, off, n, StandardCharsets.UTF_8);
        return s.length() <= max ? new Line(s, null, s.length())
                : new Line(null, s.substring(0, Math.min(HEAD_CHARS, s.length())), s.length());
    }

    private void hold(int start, int n) {
        if (heldLen + n > held.length) {
            held = Arrays.copyOf(held, Math.max(heldLen + n, 2 * held.length));
        }
        System.arraycopy(buf, start, held, heldLen, n);
        heldLen += n;
    }

    /** A line known to be over the bound: its characters counted as its bytes come, its head kept. */
    private static final class Overlong {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final StringBuilder head = new StringBuilder();
        /** The bytes of a character cut by a buffer's end (three at most). */
        private byte[] carry = new byte[0];
        private long length;

        void feed(byte[] b, int off, int n) {
            ByteBuffer bytes;
            if (carry.length == 0) {
                bytes = ByteBuffer.wrap(b, off, n);
            } else {
                byte[] joined = Arrays.copyOf(carry, carry.length + n);
                System.arraycopy(b, off, joined, carry.length, n);
                bytes = ByteBuffer.wrap(joined);
            }
            decode(bytes, false);
            carry = new byte[bytes.remaining()];
            bytes.get(carry);
        }

        Line line() {
            decode(ByteBuffer.wrap(carry), true);
            decoder.flush(chars);
            take();
            return new Line(null, head.toString(), length);
        }

        private void decode(ByteBuffer bytes, boolean last) {
            CoderResult r;
            do {
                r = decoder.decode(bytes, chars, last);
                take();
            } while (r.isOverflow());
        }

        private void take() {
            chars.flip();
            length += chars.remaining();
            if (head.length() < HEAD_CHARS) {
                head.append(chars, 0, Math.min(chars.remaining(), HEAD_CHARS - head.length()));
            }
            chars.clear();
        }
    }

    /**
     * Lines in a file (an over-long one counts once), as {@link #next()} reads them: their ends counted in the
     * bytes, nothing decoded.
     */
    public static long count(Path file) throws IOException {
        long n = 0;
        boolean open = false;
        boolean afterCr = false;
        byte[] b = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(b)) >= 0) {
                for (int i = 0; i < r; i++) {
                    byte c = b[i];
                    if (c == '\n') {
                        if (!afterCr) {
                            n++;
                        }
                        open = false;
                        afterCr = false;
                    } else if (c == '\r') {
                        n++;
                        open = false;
                        afterCr = true;
                    } else {
                        open = true;
                        afterCr = false;
                    }
                }
            }
        }
        return open ? n + 1 : n;
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
