package io.certfleet.adapters.aws.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.events.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** certfleet's events on its EventBridge bus, source {@code certfleet}, ten per PutEvents call (its limit). */
public final class EventBridgePublisher implements EventPublisher {

    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient eventBridge;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient eventBridge, String busName) {
        this.eventBridge = eventBridge;
        this.busName = busName;
    }

    @Override
    public void publish(List<CertfleetEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (CertfleetEvent event : events.subList(from, Math.min(events.size(), from + BATCH))) {
                entries.add(PutEventsRequestEntry.builder().eventBusName(busName).source(CertfleetEvent.SOURCE)
                        .detailType(event.detailType()).resources(event.resources())
                        .detail(json(event)).build());
            }
            PutEventsResponse response = eventBridge.putEvents(request -> request.entries(entries));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                List<String> reasons = response.entries().stream().filter(entry -> entry.errorCode() != null)
                        .map(EventBridgePublisher::reason).toList();
                throw new IllegalStateException(response.failedEntryCount() + " of " + entries.size()
                        + " events were not accepted by bus " + busName + ": " + String.join("; ", reasons));
            }
        }
    }

    private static String json(CertfleetEvent event) {
        try {
            return JSON.writeValueAsString(event.detail());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.detailType() + " has a detail that is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String reason(PutEventsResultEntry entry) {
        return entry.errorCode() + " " + entry.errorMessage();
    }
}
