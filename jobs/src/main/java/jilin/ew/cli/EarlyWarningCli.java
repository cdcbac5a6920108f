package jilin.ew.cli;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/early-warning}: the command line of the early-warning pipeline (docs/design.md section 4). */
@Command(name = "early-warning", mixinStandardHelpOptions = true, version = "early-warning 0.1.0",
        description = "Streaming early warning for coal mines, city gas networks and key road vehicles (Jilin).")
public final class EarlyWarningCli implements Runnable {
    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, ReplayCommand.class,
            SimulateCommand.class, ValidateRulesCommand.class, RulesCommand.class, RecordCommand.class,
            BacktestCommand.class, RunCommand.class, TopicsCommand.class, Jt808GatewayCommand.class,
            MineFilesCommand.class, BoardCommand.class, UsersCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Picocli with the project's conventions (bad arguments exit 2 with a usage line), every command in it. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The same with only the command {@code args} names, when it names one: picocli reads every option of every
     * command it is given, which took a fifth of a second of each start; help and errors get them all.
     */
    static CommandLine commandLine(String[] args) {
        String first = args.length == 0 ? null : args[0];
        List<Class<?>> named = COMMANDS.stream().filter(c -> {
            Command a = c.getAnnotation(Command.class);
            return a.name().equals(first) || Arrays.asList(a.aliases()).contains(first);
        }).collect(Collectors.toList());
        return commandLine(named.isEmpty() ? COMMANDS : named);
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cl = new CommandLine(new EarlyWarningCli());
        commands.forEach(cl::addSubcommand); // before the handler below, which applies to the commands present
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
        System.exit(commandLine(args).execute(args));
    }
}
