package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.alerting.AcmNotice;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.handlers.events.ScheduledEvent;
import io.certfleet.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    @Test
    void readsTheSampleScheduledEvent() {
        ScheduledEvent event = EventJson.readScheduledEvent(SampleEvents.open("scan-planner-scheduled-event.json"));

        assertThat(event.account()).isEqualTo("123456789012");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-27T06:00:00Z"));
        assertThat(event.resources()).singleElement().asString().contains(":rule/certfleet-scheduled-scan");
    }

    @Test
    void readsAcmsSampleEventsIntoNotices() {
        AcmNotice approaching = EventJson.readAcmNotice(SampleEvents.open("acm-approaching-expiration.json"));
        AcmNotice renewal = EventJson.readAcmNotice(SampleEvents.open("acm-renewal-action-required.json"));

        assertThat(approaching.kind()).isEqualTo(AcmNotice.Kind.APPROACHING_EXPIRATION);
        assertThat(approaching.certificateArn()).endsWith(":certificate/61f50cd4-45b9-4259-b049-d0a53682fa4b");
        assertThat(approaching.accountId()).contains("123456789012");
        assertThat(approaching.renewalProblem()).isEmpty();
        assertThat(renewal.kind()).isEqualTo(AcmNotice.Kind.RENEWAL_ACTION_REQUIRED);
        assertThat(renewal.renewalProblem()).contains("FAILED: CAA_ERROR");
    }

    @Test
    void aRenewalEventWithoutStatusStillSaysActionIsRequired() {
        String bare = SampleEvents.read("acm-renewal-action-required.json")
                .replace("\"RenewalStatus\": \"FAILED\",", "").replace("\"RenewalStatusReason\": \"CAA_ERROR\",", "");

        AcmNotice notice = EventJson.readAcmNotice(new ByteArrayInputStream(bare.getBytes(StandardCharsets.UTF_8)));

        assertThat(notice.renewalProblem()).contains("ACTION_REQUIRED");
    }

    static Stream<Arguments> badEvents() {
        String good = SampleEvents.read("scan-planner-scheduled-event.json");
        return Stream.of(
                Arguments.of("", "event is empty"),
                Arguments.of("{\"id\": ", "event is not valid JSON at line 1"),
                Arguments.of("[1, 2]", "event must be a JSON object, got ARRAY"),
                Arguments.of(good.replace("\"detail-type\"", "\"detail_type\""), "event has no 'detail-type' field"),
                Arguments.of(good.replace("\"Scheduled Event\"", "\"Object Created\""),
                        "expected an EventBridge 'Scheduled Event' from 'aws.events' ('detail-type', 'source'), got "
                                + "'Object Created'"),
                Arguments.of(good.replace("\"123456789012\"", "12"), "event field 'account' must be a string, got NUMBER"),
                Arguments.of(good.replace("\"123456789012\"", "\"1234\""), "event field 'account' must be a 12-digit"),
                Arguments.of(good.replace("\"us-east-1\"", "\"mars\""), "event field 'region' must be an AWS region"),
                Arguments.of(good.replace("2026-11-27T06:00:00Z", "yesterday"), "event field 'time' must be an ISO-8601"));
    }

    @ParameterizedTest
    @MethodSource("badEvents")
    void badEventsGetASpecificReason(String json, String reason) {
        assertThatThrownBy(() -> EventJson.readScheduledEvent(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }
}
