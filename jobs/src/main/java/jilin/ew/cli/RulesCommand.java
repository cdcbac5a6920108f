package jilin.ew.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.KafkaTopics;
import jilin.ew.rules.RuleSetValidator;
import jilin.ew.rules.RuleSets;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rules}: rule-set operations against a running deployment. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Rule-set operations on a live deployment.",
        subcommands = {RulesCommand.Publish.class})
public class RulesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a rules command is required (publish)");
    }

    /** {@code rules publish}: validates a rule-set file and publishes it as a new version on the rules topic. */
    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Validate a rule-set file and publish it to the rules topic; the running job applies it to",
                    "every parallel instance at once and stamps its version on the alerts raised under it.",
                    "Exit 1 (nothing published) when the file has errors."})
    public static class Publish implements Callable<Integer> {
        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT") String kafka;
        @Parameters(paramLabel = "FILE", description = "rule-set file (JSON or YAML)") Path file;
        @Mixin KafkaOptions kafkaOptions;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                System.err.println("early-warning rules publish: file not found: " + file);
                return 2;
            }
            RuleSetValidator.Result r = new RuleSetValidator().validateFile(file);
            if (!r.valid()) {
                System.out.print(r.describe());
                System.out.println(file + ": " + r.problems.size() + " error(s); nothing published");
                return 1;
            }
            Properties p = KafkaAdmin.clientConfig(kafka, kafkaOptions.clientProperties());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            String topic = kafkaOptions.topics().get(KafkaTopics.RULES);
            // YAML files are published as JSON: the job reads one format off the topic
            String json = file.toString().endsWith(".json") ? Files.readString(file, StandardCharsets.UTF_8)
                    : RuleSets.toJson(r.ruleSet);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                producer.send(new ProducerRecord<>(topic, r.ruleSet.version(), json)).get();
            }
            System.out.println("published rule set version " + r.ruleSet.version() + " (" + r.ruleSet.rules().size()
                    + " rules) to " + topic + " on " + kafka);
            return 0;
        }
    }
}
