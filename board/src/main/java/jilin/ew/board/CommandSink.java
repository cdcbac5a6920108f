package jilin.ew.board;

import jilin.ew.schema.Command;

/**
 * Where the board hands the commands its users give: the command topic ({@link KafkaCommandSink}), or a test's
 * recorder. The board never applies a command itself; the job answers with handling messages.
 */
@FunctionalInterface
public interface CommandSink {
    /** Sends one command; returns once it is durably accepted, throws if it could not be sent. */
    void send(Command command) throws Exception;
}
