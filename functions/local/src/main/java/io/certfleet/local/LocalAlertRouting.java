package io.certfleet.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.wiring.AlertOptions;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * On the emulator, what the CDK app deploys for alerts, plus two listeners: the owners' SNS topic, certfleet's
 * event bus, an SQS queue subscribed to the topic (as an owner's subscription would be) and an SQS queue receiving
 * every certfleet event through a bus rule. Creating it again finds what is there (SNS, SQS and EventBridge
 * creates are idempotent by name).
 */
public final class LocalAlertRouting {

    public static final String TOPIC_NAME = "certfleet-alerts";
    public static final String ALERT_QUEUE = "certfleet-demo-alerts";
    public static final String EVENT_QUEUE = "certfleet-demo-events";
    public static final String EVENT_RULE = "certfleet-demo-all-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where things are: the topic and bus for the wiring, the two queues to read back from. */
    public record Routes(String topicArn, String busName, String alertQueueUrl, String eventQueueUrl) {
        public AlertOptions alertOptions() {
            return new AlertOptions(java.util.Optional.of(topicArn), busName);
        }
    }

    /** An alert as an owner's queue receives it: the SNS envelope's subject, message and attributes. */
    public record ReceivedAlert(String subject, String message, Map<String, String> attributes) {
        public String attribute(String name) {
            return attributes.getOrDefault(name, "");
        }
    }

    private final AwsClients aws;

    public LocalAlertRouting(AwsClients aws) {
        this.aws = Objects.requireNonNull(aws, "aws");
    }

    public Routes ensure() {
        String topicArn = aws.sns().createTopic(request -> request.name(TOPIC_NAME)).topicArn();
        String bus = AlertOptions.DEFAULT_BUS;
        boolean busExists = aws.eventBridge().listEventBuses(request -> request.namePrefix(bus)).eventBuses().stream()
                .anyMatch(existing -> existing.name().equals(bus));
        if (!busExists) {
            aws.eventBridge().createEventBus(request -> request.name(bus));
        }
        String alertQueue = queue(ALERT_QUEUE);
        if (!subscribed(topicArn, queueArn(alertQueue))) {
            aws.sns().subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn(alertQueue)));
        }
        String eventQueue = queue(EVENT_QUEUE);
        aws.eventBridge().putRule(request -> request.name(EVENT_RULE).eventBusName(bus)
                .eventPattern("{\"source\": [\"certfleet\"]}"));
        aws.eventBridge().putTargets(request -> request.rule(EVENT_RULE).eventBusName(bus)
                .targets(target -> target.id("demo-queue").arn(queueArn(eventQueue))));
        return new Routes(topicArn, bus, alertQueue, eventQueue);
    }

    /** SQS is the local loop's only: the deployed functions never read a queue, so AwsClients has no accessor. */
    private SqsClient sqs() {
        return aws.cached(SqsClient.class, () -> aws.configure(SqsClient.builder()));
    }

    /** Creates (or finds) a queue; returns its URL. */
    public String queue(String name) {
        return sqs().createQueue(request -> request.queueName(name)).queueUrl();
    }

    public String queueArn(String queueUrl) {
        return sqs().getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private boolean subscribed(String topicArn, String queueArn) {
        return aws.sns().listSubscriptionsByTopic(request -> request.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(subscription -> queueArn.equals(subscription.endpoint()));
    }

    /** Reads and deletes every message waiting in a queue (the bodies, in arrival order as SQS hands them out). */
    public List<String> drain(String queueUrl) {
        SqsClient sqs = sqs();
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            for (Message message : batch) {
                bodies.add(message.body());
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** Every alert waiting in a queue subscribed to the topic (SNS's JSON envelope, not raw delivery). */
    public List<ReceivedAlert> drainAlerts(String queueUrl) {
        return drain(queueUrl).stream().map(LocalAlertRouting::alert).toList();
    }

    /** Every event waiting in a queue targeted by a bus rule, as EventBridge delivers it (the whole envelope). */
    public List<JsonNode> drainEvents(String queueUrl) {
        return drain(queueUrl).stream().map(LocalAlertRouting::json).toList();
    }

    private static ReceivedAlert alert(String body) {
        JsonNode envelope = json(body);
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        envelope.path("MessageAttributes").properties().forEach(entry -> attributes.put(entry.getKey(),
                entry.getValue().path("Value").asText()));
        return new ReceivedAlert(envelope.path("Subject").asText(), envelope.path("Message").asText(), attributes);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("a queued message is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
