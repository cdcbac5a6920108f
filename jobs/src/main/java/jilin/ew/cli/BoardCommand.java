package jilin.ew.cli;

import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jilin.ew.board.AlertBoard;
import jilin.ew.board.BoardServer;
import jilin.ew.board.Freshness;
import jilin.ew.board.KafkaBoardFeed;
import jilin.ew.board.KafkaCommandSink;
import jilin.ew.kafka.KafkaTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code board}: the command center's board for the live job, reading the alert topic from Kafka. */
@Command(name = "board", mixinStandardHelpOptions = true,
        description = "Serve the command center's board (map of Jilin, alert queue, detail, freshness) for the live"
                + " job: reads the alert topic (read_committed, from its beginning) and watches the input topics.")
public class BoardCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "bootstrap servers")
    String kafka;

    @Option(names = "--from-live", description = "read the live topic (alerts-live: at once, at least once; the board"
            + " drops repeated alert ids) instead of the checkpointed alerts topic")
    boolean fromLive;

    @Option(names = "--exercise", description = "CAP downloads carry status Exercise")
    boolean exercise;

    @Mixin BoardOptions boardOptions;
    @Mixin KafkaOptions kafkaOptions;
    @Spec CommandSpec cmd;

    @Override
    public Integer call() throws Exception {
        KafkaTopics topics;
        Properties props;
        try {
            boardOptions.validate();
            topics = kafkaOptions.topics();
            props = kafkaOptions.clientProperties();
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new ParameterException(cmd.commandLine(), e.getMessage());
        }
        String alertTopic = topics.get(fromLive ? KafkaTopics.ALERTS_LIVE : KafkaTopics.ALERTS);
        AlertBoard board = BoardOptions.newBoard();
        // without a users file the board still needs a login (it was started before users existed, as
        // `board --kafka HOST:PORT`): one PROVINCE user for this run, as the demo makes
        String password = boardOptions.generateDemoUser();
        Freshness freshness = new Freshness();
        String commandTopic = topics.get(KafkaTopics.COMMANDS);
        String handlingTopic = topics.get(KafkaTopics.HANDLING);
        KafkaCommandSink sink = new KafkaCommandSink(kafka, props, commandTopic);
        BoardServer server;
        try {
            server = boardOptions.server(board, freshness, exercise, "Kafka " + kafka + " · " + alertTopic, sink);
        } catch (IllegalArgumentException e) {
            sink.close();
            throw new ParameterException(cmd.commandLine(), e.getMessage());
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            sink.close();
            cmd.commandLine().getErr().println("early-warning board: cannot serve on " + boardOptions.host + ":"
                    + boardOptions.port + " (" + rootMessage(e) + "); choose another --board-port");
            return 1;
        }
        KafkaBoardFeed feed = new KafkaBoardFeed(kafka, props, alertTopic, handlingTopic, topics.inputs(), board,
                freshness).start();
        System.out.println("board: " + server.url() + " (alerts from " + alertTopic + " and handling from "
                + handlingTopic + " at " + kafka + ", read_committed; commands to " + commandTopic + "; Ctrl-C stops)");
        if (password != null) {
            System.out.println("board login: demo " + password + " (a province user for this run only; give --users"
                    + " FILE for the command center's users, docs/board.md)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            feed.close();
            server.close();
            sink.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
