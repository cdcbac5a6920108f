package jilin.ew.cli;

/** The shaded jar's entry point on a Flink cluster: the command line without {@code System.exit}. */
public final class FlinkMain {
    private FlinkMain() {
    }

    /**
     * Runs a command and returns, or throws when it fails. A jar run through the REST API (/jars/:id/run) has its
     * main method called inside the JobManager, where {@link EarlyWarningCli#main}'s System.exit would end the
     * JobManager itself; an exception instead reaches the caller of /run as the reason of a failed submission.
     */
    public static void main(String[] args) {
        int code = EarlyWarningCli.commandLine().execute(args);
        if (code != 0) {
            throw new IllegalStateException("early-warning " + (args.length > 0 ? args[0] : "")
                    + " ended with exit code " + code + " (see the lines it printed above)");
        }
    }
}
