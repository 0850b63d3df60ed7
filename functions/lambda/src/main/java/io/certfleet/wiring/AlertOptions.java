package io.certfleet.wiring;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Where alerts and events go: the owners' SNS topic and certfleet's EventBridge bus. */
public record AlertOptions(Optional<String> topicArn, String eventBusName) {

    public static final String TOPIC_VARIABLE = "CERTFLEET_ALERT_TOPIC_ARN";
    public static final String BUS_VARIABLE = "CERTFLEET_EVENT_BUS";
    public static final String DEFAULT_BUS = "certfleet";
    public static final AlertOptions DEFAULTS = new AlertOptions(Optional.empty(), DEFAULT_BUS);

    public AlertOptions {
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(eventBusName, "eventBusName");
    }

    static AlertOptions fromEnvironment(Map<String, String> env) {
        return new AlertOptions(Optional.ofNullable(env.get(TOPIC_VARIABLE)).map(String::strip)
                .filter(s -> !s.isEmpty()), env.getOrDefault(BUS_VARIABLE, DEFAULT_BUS));
    }

    /** The topic, or a failure saying which variable to set. */
    public String requiredTopicArn() {
        return topicArn.orElseThrow(() -> new IllegalStateException(TOPIC_VARIABLE
                + " is not set: alerts need the owners' SNS topic"));
    }
}
