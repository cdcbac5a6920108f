package jilin.ew.kafka;

import java.io.Serializable;
import jilin.ew.schema.Alert;

/**
 * The hook for the CAP topic: renders one alert as CAP 1.2 XML. {@link KafkaJob#withCapHook} plugs one in;
 * without one the job writes no CAP topic.
 */
@FunctionalInterface
public interface CapHook extends Serializable {
    String render(Alert alert);
}
