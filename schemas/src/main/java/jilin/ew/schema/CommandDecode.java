package jilin.ew.schema;

/** Either a decoded command or the dead letter that explains why there is none ({@link WireCodec#decodeCommand}). */
public final class CommandDecode {
    public final Command command;
    public final DeadLetter deadLetter;

    private CommandDecode(Command command, DeadLetter deadLetter) {
        this.command = command;
        this.deadLetter = deadLetter;
    }

    static CommandDecode ok(Command c) {
        return new CommandDecode(c, null);
    }

    static CommandDecode dead(DeadLetter d) {
        return new CommandDecode(null, d);
    }

    public boolean isOk() {
        return command != null;
    }
}
