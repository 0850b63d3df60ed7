package io.certfleet.local.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * What a drill's workflow told the world, as AWS accepted it: every SNS message it published (the owner's alert)
 * and every event EventBridge took from it. An SDK interceptor on the drill's clients, so it sees exactly the calls
 * that succeeded, nothing the code merely meant to send.
 */
public final class DrillCalls implements ExecutionInterceptor {

    /** An SNS message AWS accepted: to which topic, its subject and attributes, its message id. */
    public record Published(String topicArn, String subject, Map<String, String> attributes, String messageId) {
    }

    /** An event EventBridge accepted: its detail type and event id. */
    public record Accepted(String detailType, String eventId) {
    }

    private final List<Published> published = new ArrayList<>();
    private final List<Accepted> accepted = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PublishRequest request && context.response() instanceof PublishResponse
                response) {
            Map<String, String> values = new java.util.TreeMap<>();
            request.messageAttributes().forEach((name, value) -> values.put(name, text(value)));
            synchronized (this) {
                published.add(new Published(request.topicArn(), request.subject(), values, response.messageId()));
            }
        } else if (context.request() instanceof PutEventsRequest request
                && context.response() instanceof PutEventsResponse response) {
            List<PutEventsRequestEntry> entries = request.entries();
            List<PutEventsResultEntry> results = response.entries();
            synchronized (this) {
                for (int i = 0; i < entries.size(); i++) {
                    PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                    if (result != null && result.eventId() != null && result.errorCode() == null) {
                        accepted.add(new Accepted(entries.get(i).detailType(), result.eventId()));
                    } else {
                        refused.add(entries.get(i).detailType() + (result == null ? "" : " (" + result.errorCode()
                                + ": " + result.errorMessage() + ")"));
                    }
                }
            }
        }
    }

    private static String text(MessageAttributeValue value) {
        return value.stringValue() != null ? value.stringValue() : String.valueOf(value.binaryValue());
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    public synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** Events EventBridge refused (entry by entry): a drill reports them. */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }
}
