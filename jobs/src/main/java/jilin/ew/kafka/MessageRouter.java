package jilin.ew.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jilin.ew.schema.EventType;

/** Where a producer puts a message: its input topic by {@code type}, keyed by its subject so a subject stays in order. */
public final class MessageRouter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaTopics topics;

    /** A message's destination. */
    public static final class Route {
        public final String topic;
        public final String key;

        Route(String topic, String key) {
            this.topic = topic;
            this.key = key;
        }
    }

    public MessageRouter(KafkaTopics topics) {
        this.topics = topics;
    }

    /** The route of a wire-contract message; IllegalArgumentException when it has no known {@code type}. */
    public Route route(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        EventType t = EventType.ofWireName(n.path("type").asText(null));
        if (t == null) {
            throw new IllegalArgumentException("no known type: " + n.path("type"));
        }
        String keyField;
        switch (t) {
            case MINE_SENSOR:
            case MINE_READING:
                keyField = "sensorId";
                break;
            case GAS_STATION:
            case GAS_READING:
                keyField = "stationId";
                break;
            case VEHICLE_REGISTRATION:
            case VEHICLE_POSITION:
                keyField = "vehicleId";
                break;
            default:
                keyField = "subjectId";
        }
        return new Route(topics.forType(t), n.path(keyField).asText(null));
    }
}
