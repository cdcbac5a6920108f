package jilin.ew.job;

import java.io.IOException;
import jilin.ew.ingest.BoundedLineReader;
import jilin.ew.ingest.Outputs;
import jilin.ew.schema.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A JSONL file for Flink's FileSource, read with {@link BoundedLineReader}: each line as it is, an over-long one
 * as its {@code too-long} dead letter ({@link Split} sends those to the dead-letter output).
 */
public final class JsonlFormat extends SimpleStreamFormat<JsonlFormat.Line> {
    private static final long serialVersionUID = 1L;

    /** One line of the file: its text, or the dead letter of an over-long line. */
    public static class Line {
        public String text;
        public DeadLetter tooLong;

        public Line() {}
    }

    @Override
    public StreamFormat.Reader<Line> createReader(Configuration config, FSDataInputStream stream) {
        BoundedLineReader r = new BoundedLineReader(stream);
        return new StreamFormat.Reader<>() {
            @Override
            public Line read() throws IOException {
                BoundedLineReader.Line l = r.next();
                if (l == null) {
                    return null;
                }
                Line out = new Line();
                if (l.tooLong()) {
                    out.tooLong = l.deadLetter();
                } else {
                    out.text = l.text;
                }
                return out;
            }

            @Override
            public void close() throws IOException {
                r.close();
            }
        };
    }

    @Override
    public TypeInformation<Line> getProducedType() {
        return TypeInformation.of(Line.class);
    }

    /** Lines on, the dead letters of over-long lines to {@link Outputs#DEAD_LETTERS}. */
    public static final class Split extends ProcessFunction<Line, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Line l, Context ctx, Collector<String> out) {
            if (l.tooLong != null) {
                ctx.output(Outputs.DEAD_LETTERS, l.tooLong);
            } else {
                out.collect(l.text);
            }
        }
    }
}
