package io.certfleet.core.events;

import java.util.List;

/** Port: publishes certfleet's events (EventBridge in AWS). */
public interface EventPublisher {

    void publish(List<CertfleetEvent> events);
}
