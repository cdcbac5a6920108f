package jilin.ew.kafka;

import java.io.Serializable;
import jilin.ew.schema.Alert;

/**
 * The hook for the CAP topic: renders one alert as CAP 1.2 XML. {@link KafkaJob#withCapRenderer} plugs one in;
 * without one the job writes no CAP topic.
 */
@FunctionalInterface
public interface CapRenderer extends Serializable {
    String render(Alert alert);
}
