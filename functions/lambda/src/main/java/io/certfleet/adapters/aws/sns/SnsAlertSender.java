package io.certfleet.adapters.aws.sns;

import io.certfleet.core.alerting.AlertMessage;
import io.certfleet.core.alerting.AlertSender;
import io.certfleet.core.alerting.OwnerMessage;
import io.certfleet.core.alerting.OwnerNotifier;
import io.certfleet.core.alerting.ExpiryAlert;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Alerts on one SNS topic, with the message attributes owners filter on ({@code owner}, {@code environment},
 * {@code severity}, {@code code}): a team subscribes with a filter policy such as
 * {@code {"owner": ["payments-team"], "severity": ["critical", "high"]}} and hears only about its certificates.
 */
public final class SnsAlertSender implements AlertSender, OwnerNotifier {

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertSender(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(ExpiryAlert alert, AlertMessage message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("owner", alert.record().ownership().owner());
        attributes.put("environment", alert.record().ownership().environment());
        attributes.put("severity", alert.severity().label());
        attributes.put("code", alert.code().name());
        attributes.put("certificateArn", alert.record().location().arn());
        notify(new OwnerMessage(message.subject(), message.body(), attributes));
    }

    @Override
    public void notify(OwnerMessage message) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name, text(value)));
        sns.publish(request -> request.topicArn(topicArn).subject(message.subject()).message(message.body())
                .messageAttributes(attributes));
    }

    /** SNS refuses empty attribute values. */
    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String")
                .stringValue(value == null || value.isBlank() ? "(none)" : value).build();
    }
}
