package jilin.ew.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.DeadLetter;
import org.junit.jupiter.api.Test;

/** Line ends as readLine has them, and an over-long line kept as its head and length only. */
class BoundedLineReaderTest {
    private static List<BoundedLineReader.Line> read(String text, int max) throws IOException {
        List<BoundedLineReader.Line> out = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max)) {
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
}
