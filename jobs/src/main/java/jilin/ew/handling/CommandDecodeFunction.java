package jilin.ew.handling;

import jilin.ew.ingest.Outputs;
import jilin.ew.schema.CommandDecode;
import jilin.ew.schema.WireCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Decodes command lines (alert.command); what cannot be used goes to the dead letters with reason and field. */
public class CommandDecodeFunction extends ProcessFunction<String, HandlingInput> {
    private static final long serialVersionUID = 1L;
    private transient WireCodec codec;

    @Override
    public void open(OpenContext ctx) {
        codec = new WireCodec();
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<HandlingInput> out) {
        CommandDecode r = codec.decodeCommand(raw);
        if (r.isOk()) {
            out.collect(HandlingInput.of(r.command, raw));
        } else {
            ctx.output(Outputs.DEAD_LETTERS, r.deadLetter);
        }
    }
}
