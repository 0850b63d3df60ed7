package io.certfleet.infra;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where asynchronous invocations that failed for good go: one encrypted SQS queue, kept 14 days, with an alarm as
 * soon as anything is in it. Every function a schedule or an EventBridge rule invokes gets a bounded number of
 * retries and a maximum event age on its {@code live} alias, with this queue as its on-failure destination; the
 * rule targets send what EventBridge could not deliver here too. Nothing a schedule or an event started is lost
 * silently, and no bad event is retried forever.
 */
final class FailedInvocations extends Construct {

    private final Queue queue;
    private final Alarm alarm;
    private final Set<String> protectedAliases = new HashSet<>();

    FailedInvocations(Construct scope, String id) {
        super(scope, id);
        this.queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Nag.suppress(queue, "AwsSolutions-SQS3", "this queue is the dead-letter destination of failed invocations "
                + "itself; its messages are read by people, with the alarm", List.of());
        this.alarm = Alarm.Builder.create(this, "NotEmpty")
                .alarmDescription("certfleet: an asynchronous invocation failed after its retries (schedule or "
                        + "event); the queue holds the event and the error")
                .metric(queue.metricApproximateNumberOfMessagesVisible().with(
                        software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                                .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /**
     * The rule target of an asynchronously invoked function's alias: EventBridge retries delivery {@code retries}
     * times within {@code maxEventAge}, then sends the event here; the alias itself retries a failed run as often
     * and sends it here after.
     */
    LambdaFunction target(IFunction live, int retries, Duration maxEventAge) {
        protect(live, retries, maxEventAge);
        return LambdaFunction.Builder.create(live).retryAttempts(retries).maxEventAge(maxEventAge)
                .deadLetterQueue(queue).build();
    }

    /** An alias has one asynchronous-invocation configuration: the first rule that targets it sets it. */
    private void protect(IFunction live, int retries, Duration maxEventAge) {
        if (protectedAliases.add(live.getNode().getPath())) {
            live.configureAsyncInvoke(EventInvokeConfigOptions.builder().retryAttempts(retries)
                    .maxEventAge(maxEventAge).onFailure(new SqsDestination(queue)).build());
        }
    }

    /** The alarm notifies this topic. */
    void notify(ITopic topic) {
        alarm.addAlarmAction(new SnsAction(topic));
    }

    Queue queue() {
        return queue;
    }

    Alarm alarm() {
        return alarm;
    }
}
