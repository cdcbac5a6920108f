package jilin.ew.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/early-warning}: the command line of the early-warning pipeline (docs/design.md section 4). */
@Command(name = "early-warning", mixinStandardHelpOptions = true, version = "early-warning 0.1.0",
        description = "Streaming early warning for coal mines, city gas networks and key road vehicles (Jilin).",
        subcommands = {DemoCommand.class, ReplayCommand.class, SimulateCommand.class, ValidateRulesCommand.class,
                RulesCommand.class, RecordCommand.class,
                BacktestCommand.class, RunCommand.class, TopicsCommand.class, Jt808GatewayCommand.class,
                MineFilesCommand.class, BoardCommand.class, UsersCommand.class})
public final class EarlyWarningCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Picocli with the project's conventions: bad arguments exit 2 with a usage line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EarlyWarningCli());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("early-warning: " + ex.getMessage());
            c.getErr().println("usage: " + c.getHelp().synopsis(0).trim());
            c.getErr().println("try '" + c.getCommandSpec().qualifiedName() + " --help' for more.");
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
