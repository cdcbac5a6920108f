package jilin.ew.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import jilin.ew.job.EarlyWarningJob;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.board.AlertBoard;
import jilin.ew.board.BoardServer;
import jilin.ew.board.Freshness;
import jilin.ew.job.JobOutput;
import jilin.ew.job.LocalRun;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import jilin.ew.seeds.GasPoints;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.sim.ScenarioLabel;
import jilin.ew.sim.SimDomain;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: embedded Flink running the simulators (mines, gas networks, vehicles) with scenarios; alerts live on
 * the console and on the command center's board in a browser (docs/board.md).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the job on an embedded Flink over the simulators (coal mines, city gas networks with hazard"
                + " reports, key vehicles); alerts appear live, by colour, and on the board in a browser.")
public class DemoCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "1500", description = "messages per second (default: ${DEFAULT-VALUE})")
    double rate;
    @Option(names = "--hours", defaultValue = "6", description = "simulated hours (default: ${DEFAULT-VALUE})")
    double hours;
    @Option(names = "--domains", paramLabel = "LIST", defaultValue = "all",
            description = "mine, gas, vehicle, comma-separated, or all (default: ${DEFAULT-VALUE})")
    String domains;
    @Option(names = "--mines", defaultValue = "10") int mines;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--no-color", description = "plain text") boolean noColor;
    @Option(names = "--no-board", description = "do not serve the board") boolean noBoard;
    @Option(names = "--webhooks", description = "also POST notified alerts to the routing table's webhooks "
            + "(off by default: the demo's alerts are simulated; docs/webhooks.md)") boolean webhooks;
    @Mixin BoardOptions boardOptions;
    @Mixin CommonOptions common;
    @Spec CommandSpec cmd;

    private static final Map<Level, String> COLOR = new EnumMap<>(Map.of(
            Level.RED, "\u001b[1;37;41m", Level.ORANGE, "\u001b[1;38;5;208m",
            Level.YELLOW, "\u001b[1;33m", Level.BLUE, "\u001b[1;36m"));
    private static final String RESET = "\u001b[0m";

    @Override
    public Integer call() throws Exception {
        SimulatedSource.Spec spec = new SimulatedSource.Spec();
        MixedSimulator preview;
        try {
            spec.domains = EnumSet.copyOf(SimDomain.parse(domains));
            spec.seed = seed;
            spec.mines = mines;
            spec.durationSec = (long) (hours * 3600);
            preview = new MixedSimulator(spec.config());
            boardOptions.validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd.commandLine(), e.getMessage());
        }
        JobSettings settings = common.settings();
        PrintStream out = System.out;
        java.util.function.Function<EarlyWarningJob.JobOutputs, DataStream<jilin.ew.schema.DeadLetter>> hooks;
        try {
            hooks = WebhookOption.wire("demo", webhooks, settings.reference().routing(), out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd.commandLine(), e.getMessage());
        }
        StringJoiner what = new StringJoiner(", ");
        if (preview.mine() != null) {
            what.add(preview.mine().mineIds().size() + " mines (" + preview.mine().sensorCount() + " sensors)");
        }
        if (preview.gas() != null) {
            what.add(GasPoints.defaults().size() + " gas points with hazard reports");
        }
        if (preview.vehicle() != null) {
            what.add(preview.vehicle().vehicleIds().size() + " key vehicles");
        }
        out.printf("demo: %s; %.1f simulated hours from %s at %.0f msg/s%n", what, hours,
                Times.format(spec.config().start().toEpochMilli()).substring(0, 16), rate);
        out.println("injected scenarios:");
        for (ScenarioLabel l : preview.labels()) {
            out.printf("  %-11s %-3s %-22s %-16s from %s  expect %s%n", l.domain(), l.scenarioId(), l.scenario(),
                    l.subjectId(), l.start().substring(11, 16), l.quiet() ? "no alert"
                            : l.ruleId() + " >= " + l.minLevel());
        }
        AlertBoard board = null;
        BoardServer server = null;
        if (!noBoard) {
            board = BoardOptions.newBoard();
            Freshness freshness = new Freshness();
            // simulated runs: CAP downloads say Exercise, as replay --exercise does
            String password = boardOptions.generateDemoUser();
            // what the board's users do goes to the embedded job between the simulated messages (DemoCommands)
            String inbox = DemoCommands.open();
            spec.commandInbox = inbox;
            server = boardOptions.server(board, freshness, true, "demo · " + what, c -> {
                if (!DemoCommands.offer(inbox, c)) {
                    throw new IllegalStateException("the demo has ended");
                }
            });
            try {
                server.start();
            } catch (RuntimeException e) {
                cmd.commandLine().getErr().println("early-warning demo: cannot serve the board on "
                        + boardOptions.host + ":" + boardOptions.port + " (" + BoardCommand.rootMessage(e)
                        + "); choose another --board-port, or --no-board");
                return 1;
            }
            BoardProbes.attach(freshness);
            out.println("board: " + server.url());
            if (password != null) {
                out.println("board login: demo " + password);
            }
        }
        out.println("alerts (Ctrl-C stops):");
        StreamExecutionEnvironment env = LocalRun.environment();
        env.setParallelism(1);
        Summary summary = new Summary();
        DataStream<String> raw = SimulatedSource.of(env, spec, rate);
        CloseableIterator<JobOutput> it = board == null
                ? LocalRun.start(env, raw, settings, "early-warning demo", hooks)
                : withProbes(raw, settings, hooks);
        Thread main = Thread.currentThread();
        BoardServer boardServer = server;
        Thread hook = new Thread(() -> {
            try {
                it.close(); // cancels the job
                main.join(5000);
                if (boardServer != null) {
                    boardServer.close();
                }
            } catch (Exception ignored) {
                // shutting down anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            while (it.hasNext()) {
                JobOutput o = it.next();
                summary.count(o);
                if (o.alert != null) {
                    out.println(line(o.alert, summary));
                    if (board != null) {
                        board.apply(o.alert);
                    }
                } else if (o.handling != null && board != null) {
                    board.apply(o.handling);
                }
            }
        } catch (Exception e) {
            // the iterator fails once the job is cancelled by Ctrl-C
        }
        try {
            it.close(); // a loop that stopped for any other reason leaves no job running
        } catch (Exception ignored) {
            // ending anyway
        }
        summary.print(out);
        if (spec.commandInbox != null) {
            DemoCommands.close(spec.commandInbox);
        }
        if (server != null) {
            server.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        return 0;
    }

    /**
     * The job with the board's probes (messages in and newest event time at the input, the watermark at the output)
     * and the board's commands, which the source puts among its messages ({@link DemoCommands}).
     */
    static CloseableIterator<JobOutput> withProbes(DataStream<String> raw, JobSettings settings,
            java.util.function.Function<EarlyWarningJob.JobOutputs, DataStream<jilin.ew.schema.DeadLetter>> hooks)
            throws Exception {
        DataStream<String> probed = raw.map(new BoardProbes.Input()).name("board: input probe").uid("board-input-probe");
        // the board's commands come in between the simulated messages: apart again here
        DataStream<String> lines = probed.flatMap((String joined, Collector<String> o) -> {
            for (String l : joined.split("\n")) {
                o.collect(l);
            }
        }, Types.STRING).name("demo: lines").uid("demo-lines");
        DataStream<String> messages = lines.filter(l -> !DemoCommands.isCommand(l)).name("demo: messages")
                .uid("demo-messages");
        DataStream<String> commands = lines.transform("demo: commands", Types.STRING,
                new DemoCommands.Clock(settings.outOfOrderness().toMillis())).uid("demo-commands");
        EarlyWarningJob.JobOutputs out = EarlyWarningJob.build(messages, null, commands,
                settings.withCommandTimeFromStream(true));
        DataStream<Alert> alerts = out.alerts.transform("board: watermark probe", out.alerts.getType(),
                new BoardProbes.Watermarks()).uid("board-watermark-probe");
        return LocalRun.collect(alerts, LocalRun.withMore(out, hooks), out.handling(), "early-warning demo");
    }

    private String line(Alert a, Summary s) {
        String level = String.format("%-6s", a.level);
        String lv = noColor ? level : COLOR.get(a.level) + level + RESET;
        return String.format("[%5d] %s %s %-9s %-22s %-18s %s", s.alerts, Times.format(a.lastEventTs).substring(11, 19),
                lv, a.status, a.ruleId, a.subjectId, a.title);
    }
}
