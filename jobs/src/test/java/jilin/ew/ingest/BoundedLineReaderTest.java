package jilin.ew.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jilin.ew.schema.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line ends as readLine has them, and an over-long line kept as its head and length only. */
class BoundedLineReaderTest {
    private static List<BoundedLineReader.Line> read(String text, int max) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), max);
    }

    private static List<BoundedLineReader.Line> read(byte[] bytes, int max) throws IOException {
        List<BoundedLineReader.Line> out = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(bytes), max)) {
            BoundedLineReader.Line l;
            while ((l = r.next()) != null) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void linesEndAtLfCrAndCrLfAndTheLastNeedsNoNewline() throws IOException {
        List<BoundedLineReader.Line> l = read("a\nbb\r\nc\rd\n\n吉林", 100);
        List<String> texts = new ArrayList<>();
        l.forEach(x -> texts.add(x.text));
        assertEquals(List.of("a", "bb", "c", "d", "", "吉林"), texts);
        assertEquals(List.of(), read("", 100));
        assertEquals(1, read("x\r\n", 100).size());
    }

    @Test
    void anOverLongLineBecomesItsHeadAndLengthAndReadingGoesOn() throws IOException {
        String longLine = "{" + "x".repeat(20_000);
        List<BoundedLineReader.Line> l = read("first\n" + longLine + "\nnext\n" + "y".repeat(11), 10);
        assertEquals(4, l.size());
        assertEquals("first", l.get(0).text);
        BoundedLineReader.Line bad = l.get(1);
        assertTrue(bad.tooLong());
        assertNull(bad.text);
        assertEquals(20_001, bad.length);
        assertEquals(longLine.substring(0, BoundedLineReader.HEAD_CHARS), bad.head);
        assertEquals("next", l.get(2).text);
        assertTrue(l.get(3).tooLong(), "a line without a newline at the end is bounded too");
        assertEquals(11, l.get(3).length);

        DeadLetter d = bad.deadLetter();
        assertEquals("too-long", d.reason);
        assertEquals(BoundedLineReader.HEAD_CHARS, d.raw.length());
        assertEquals(20_001, d.rawLength);
        assertTrue(d.detail.contains("line of 20001 characters"), d.detail);
    }

    /**
     * Random bytes, against {@code BufferedReader.readLine} over UTF-8 (the reader this one bounds): the same
     * lines, the same text, malformed bytes read as the same U+FFFD; an over-long line as readLine's line's head
     * and length; and {@link BoundedLineReader#count} gives as many lines. The texts have ASCII, two-, three- and
     * four-byte characters, malformed and cut sequences, every line end, and lines longer than a buffer (64 KiB).
     */
    @Test
    void sameLinesAsReadLineOnRandomBytes(@TempDir Path dir) throws IOException {
        Random rnd = new Random(19);
        byte[][] pieces = {
            "a".getBytes(StandardCharsets.UTF_8), "{\"type\":1}".getBytes(StandardCharsets.UTF_8),
            "é".getBytes(StandardCharsets.UTF_8), "吉林".getBytes(StandardCharsets.UTF_8),
            "😀".getBytes(StandardCharsets.UTF_8), {'\n'}, {'\r'}, {'\r', '\n'}, {(byte) 0xE5, (byte) 0x90},
            {(byte) 0x80}, {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0,
            (byte) 0x80}};
        int compared = 0;
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int n = rnd.nextInt(400);
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(100) == 0) {
                    // a line longer than a buffer, now and then
                    b.writeBytes("x".repeat(60_000 + rnd.nextInt(20_000)).getBytes(StandardCharsets.UTF_8));
                    b.writeBytes(pieces[3 + rnd.nextInt(2)]);
                }
                b.writeBytes(pieces[rnd.nextInt(pieces.length)]);
            }
            byte[] bytes = b.toByteArray();
            List<String> expected = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    expected.add(l);
                }
            }
            int max = round % 3 == 0 ? 5 : round % 3 == 1 ? 70_000 : 1 << 20;
            List<BoundedLineReader.Line> got = read(bytes, max);
            assertEquals(expected.size(), got.size(), "lines in round " + round);
            for (int i = 0; i < got.size(); i++) {
                String want = expected.get(i);
                BoundedLineReader.Line l = got.get(i);
                assertEquals(want.length(), l.length, "length of line " + i + " in round " + round);
                if (want.length() <= max) {
                    assertEquals(want, l.text, "line " + i + " in round " + round);
                } else {
                    assertTrue(l.tooLong());
                    assertEquals(want.substring(0, Math.min(BoundedLineReader.HEAD_CHARS, want.length())), l.head);
                }
                compared++;
            }
            Path f = dir.resolve("r" + round + ".jsonl");
            Files.write(f, bytes);
            assertEquals(expected.size(), BoundedLineReader.count(f), "count in round " + round);
        }
        assertTrue(compared > 10_000, "lines compared: " + compared);
    }
}
