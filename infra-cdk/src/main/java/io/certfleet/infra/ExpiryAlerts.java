package io.certfleet.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.CfnEventBusPolicy;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.StringConditions;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Expiry alerts in AWS: one SNS topic for every owner (encrypted with a rotating customer-managed key; owners
 * subscribe with filter policies on {@code owner}, {@code environment}, {@code severity}, {@code code}), certfleet's
 * own EventBridge bus for its events, and the {@code Alerter} function run on a schedule and on ACM's own expiry
 * events (a rule on the default bus). The alert ledger and rotation locks live in the inventory table.
 *
 * <p>The schedule runs hourly by default: the ledger makes every run after the first of a threshold a no-op, so an
 * alert goes out within the hour its threshold is reached, and a failed run is made up by the next one.
 */
public final class ExpiryAlerts extends Construct {

    static final String ALERTER = "io.certfleet.handlers.ExpiryAlertHandler::handleRequest";
    static final String ACM_EVENTS = "io.certfleet.handlers.AcmEventHandler::handleRequest";
    static final List<String> ACM_DETAIL_TYPES = List.of("ACM Certificate Approaching Expiration",
            "ACM Certificate Renewal Action Required");

    /**
     * How often alerts are evaluated, the names of the topic and bus, and owners' email subscriptions (owner to
     * address; each gets only its own alerts, through a filter policy on the {@code owner} attribute).
     */
    public record Settings(String schedule, String topicName, String eventBusName, Map<String, String> ownerEmails,
                           Optional<String> organizationId) {
        public Settings {
            ownerEmails = Map.copyOf(ownerEmails);
        }

        public Settings(String schedule, String topicName, String eventBusName) {
            this(schedule, topicName, eventBusName, Map.of(), Optional.empty());
        }
    }

    private final Key key;
    private final Topic topic;
    private final EventBus bus;
    private final CertfleetFunctions.Deployed alerter;
    private final CertfleetFunctions.Deployed acmEvents;

    private final FailedInvocations failed;

    public ExpiryAlerts(Construct scope, String id, InventoryTable inventory, Code code, Settings settings,
                        FailedInvocations failed) {
        super(scope, id);
        this.failed = failed;
        this.key = Key.Builder.create(this, "TopicKey")
                .description("Encrypts certfleet's alert topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // SNS decrypts to deliver to encrypted subscribers (SQS queues with their own keys) and to publish.
        key.addToResourcePolicy(PolicyStatement.Builder.create().sid("AllowSnsToUseTheKey")
                .principals(List.of(new ServicePrincipal("sns.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt")).resources(List.of("*")).build());
        this.topic = Topic.Builder.create(this, "Topic")
                .topicName(settings.topicName())
                .displayName("certfleet alerts")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        settings.ownerEmails().forEach((owner, email) -> topic.addSubscription(EmailSubscription.Builder
                .create(email).filterPolicy(Map.of("owner", SubscriptionFilter.stringFilter(StringConditions.builder()
                        .allowlist(List.of(owner)).build()))).build()));
        this.bus = EventBus.Builder.create(this, "Bus").eventBusName(settings.eventBusName()).build();
        Map<String, String> environment = Map.of(
                "CERTFLEET_TABLE", inventory.table().getTableName(),
                "CERTFLEET_ALERT_TOPIC_ARN", topic.getTopicArn(),
                "CERTFLEET_EVENT_BUS", bus.getEventBusName(),
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        this.alerter = function("Alerter", "expiry alerts to owners, once per threshold", ALERTER, code, environment);
        this.acmEvents = function("AcmEvents", "ACM's expiry events into certfleet's alerts", ACM_EVENTS, code,
                environment);
        Rule.Builder.create(this, "Schedule")
                .description("certfleet: evaluate expiry alerts")
                .schedule(Schedule.expression(settings.schedule()))
                .targets(List.of(failed.target(alerter.live(), 2, Duration.hours(1))))
                .build();
        Rule.Builder.create(this, "AcmExpiryEvents")
                .description("certfleet: ACM's own expiry and renewal events, of this account")
                .eventPattern(MemberAccountStack.acmEvents())
                .targets(List.of(acmEventsTarget()))
                .build();
        Rule.Builder.create(this, "MemberAcmEvents")
                .description("certfleet: ACM's expiry and renewal events forwarded by member accounts")
                .eventBus(bus)
                .eventPattern(MemberAccountStack.acmEvents())
                .targets(List.of(acmEventsTarget()))
                .build();
        // Member accounts' forwarding rules may put events here: any account of the Organization, nothing else.
        settings.organizationId().ifPresent(organization -> CfnEventBusPolicy.Builder.create(this, "OrganizationMayPut")
                .eventBusName(bus.getEventBusName())
                .statementId("certfleet-organization-puts-events")
                .statement(Map.of(
                        "Sid", "certfleet-organization-puts-events",
                        "Effect", "Allow",
                        "Principal", "*",
                        "Action", "events:PutEvents",
                        "Resource", bus.getEventBusArn(),
                        "Condition", Map.of("StringEquals", Map.of("aws:PrincipalOrgID", organization))))
                .build());
        grantLeastPrivilege(inventory);
    }

    /**
     * ACM's events (the account's own, or forwarded) into AcmEvents' live alias: retried, then kept with the failed
     * invocations after 6 hours.
     */
    private LambdaFunction acmEventsTarget() {
        return failed.target(acmEvents.live(), 2, Duration.hours(6));
    }

    public Topic topic() {
        return topic;
    }

    public EventBus bus() {
        return bus;
    }

    public Function alerter() {
        return alerter.function();
    }

    public Function acmEvents() {
        return acmEvents.function();
    }

    private CertfleetFunctions.Deployed function(String id, String purpose, String handler, Code code,
                                                 Map<String, String> environment) {
        return CertfleetFunctions.create(this, id, purpose, handler, code, environment, Duration.minutes(5), null, 2);
    }

    private void grantLeastPrivilege(InventoryTable inventory) {
        String table = inventory.table().getTableArn();
        for (Function function : List.of(alerter(), acmEvents())) {
            // Query: expiring certificates (expiry index); GetItem, BatchGetItem: rotation locks, their bindings (by
            // key); UpdateItem: the alert ledger's conditional claims and releases.
            function.addToRolePolicy(PolicyStatement.Builder.create().sid("ReadInventoryWriteLedger")
                    .actions(List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem",
                            "dynamodb:UpdateItem"))
                    .resources(List.of(table, table + "/index/*")).build());
            inventory.key().grantEncryptDecrypt(function);
            Nag.suppressKeyGrant(function.getRole());
            Nag.suppressTableIndexes(function.getRole());
            topic.grantPublish(function);
            bus.grantPutEventsTo(function);
        }
    }
}
