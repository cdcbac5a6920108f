package jilin.ew.gateway.jt808;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the TCP stream into frames at 0x7e flags (still escaped, flags included). Bytes outside a frame and frames
 * longer than the limit come out as {@link Refused} so they become dead letters; the stream goes on at the next
 * flag, so one bad frame never costs the connection.
 */
final class FrameSplitter extends ByteToMessageDecoder {
    /** A frame as received: 0x7e, escaped content, 0x7e. */
    record RawFrame(byte[] bytes) {}

    /** Input that is not a frame. */
    record Refused(String reason, String detail, String rawHex) {}

    private final int maxFrameBytes;
    /** Inside an over-long frame: dropping until its closing flag. */
    private boolean discarding;
    private long discarded;
    private String discardedHead;

    FrameSplitter(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discarding) {
                int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) Jt808Codec.FLAG);
                if (end < 0) {
                    discarded += in.readableBytes();
                    in.skipBytes(in.readableBytes());
                    return;
                }
                discarded += end - in.readerIndex() + 1;
                in.readerIndex(end + 1);
                discarding = false;
                out.add(new Refused("too-large", "a frame of at least " + discarded + " bytes exceeds the limit of "
                        + maxFrameBytes + " (first bytes kept in raw)", discardedHead));
                continue;
            }
            int start = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) Jt808Codec.FLAG);
            if (start < 0) {
                if (in.readableBytes() > maxFrameBytes) {
                    out.add(garbage(in, in.readableBytes()));
                }
                return; // wait: the flag may still come
            }
            if (start > in.readerIndex()) {
                out.add(garbage(in, start - in.readerIndex()));
                continue;
            }
            int end = in.indexOf(start + 1, in.writerIndex(), (byte) Jt808Codec.FLAG);
            if (end < 0) {
                if (in.readableBytes() > maxFrameBytes) {
                    discarding = true;
                    discardedHead = hex(in, start, Math.min(64, in.readableBytes()));
                    discarded = in.readableBytes();
                    in.skipBytes(in.readableBytes());
                }
                return;
            }
            if (end == start + 1) {
                // two flags in a row: the first closed a frame we could not see (or is noise); the second opens one
                in.skipBytes(1);
                continue;
            }
            int len = end - start + 1;
            if (len > maxFrameBytes) {
                out.add(new Refused("too-large", "a frame of " + len + " bytes exceeds the limit of " + maxFrameBytes
                        + " (first bytes kept in raw)", hex(in, start, 64)));
                in.readerIndex(end + 1);
                continue;
            }
            byte[] frame = new byte[len];
            in.readBytes(frame);
            out.add(new RawFrame(frame));
        }
    }

    private static Refused garbage(ByteBuf in, int n) {
        String h = hex(in, in.readerIndex(), Math.min(n, 256));
        in.skipBytes(n);
        return new Refused("not-a-frame", n + " bytes outside 0x7e flags", h);
    }

    private static String hex(ByteBuf b, int from, int n) {
        byte[] a = new byte[n];
        b.getBytes(from, a);
        return Jt808Codec.hex(a);
    }
}
