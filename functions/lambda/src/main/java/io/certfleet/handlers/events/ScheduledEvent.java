package io.certfleet.handlers.events;

import java.time.Instant;
import java.util.List;

/** An EventBridge {@code Scheduled Event} (a schedule rule firing). */
public record ScheduledEvent(String id, String account, String region, Instant time, List<String> resources) {
    public static final String DETAIL_TYPE = "Scheduled Event";
    public static final String SOURCE = "aws.events";
}
