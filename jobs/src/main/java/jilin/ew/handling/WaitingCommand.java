package jilin.ew.handling;

/** A command whose incident the job has not seen yet, and until when it waits for it. */
public class WaitingCommand {
    public HandlingInput input;
    public long deadline;

    public WaitingCommand() {}

    WaitingCommand(HandlingInput input, long deadline) {
        this.input = input;
        this.deadline = deadline;
    }
}
