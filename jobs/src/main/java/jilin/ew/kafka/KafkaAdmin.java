package jilin.ew.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Client properties files and topic creation: the only place the pipeline creates topics. */
public final class KafkaAdmin {
    private KafkaAdmin() {}

    /** Extra client properties (SASL, TLS) from a file; the values are secrets and are never printed. */
    public static Properties loadProperties(Path file) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    public static Properties clientConfig(String bootstrap, Properties extra) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(extra);
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    /** Creates the topics that do not exist yet; returns those it created. */
    public static List<String> createTopics(String bootstrap, Properties extra, List<String> topics, int partitions,
                                            short replication) throws InterruptedException, ExecutionException {
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(clientConfig(bootstrap, extra))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> todo = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    todo.add(new NewTopic(t, partitions, replication));
                }
            }
            if (!todo.isEmpty()) {
                try {
                    admin.createTopics(todo).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                todo.forEach(n -> created.add(n.name()));
            }
        }
        return created;
    }

    /** The topics that exist on the cluster, or an exception if the cluster does not answer within {@code timeout}. */
    public static Set<String> existing(String bootstrap, Properties extra, java.time.Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(clientConfig(bootstrap, extra))) {
            return admin.listTopics().names().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** The topics that exist on the cluster. */
    public static Set<String> existing(String bootstrap, Properties extra) throws InterruptedException,
            ExecutionException {
        try (Admin admin = Admin.create(clientConfig(bootstrap, extra))) {
            return admin.listTopics().names().get();
        }
    }
}
