package io.certfleet.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.alerting.AlertRun;
import io.certfleet.core.alerting.ExpiryAlert;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.LocalAlertRouting.ReceivedAlert;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.EventSchemas;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.MutableClock;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Expiry alerts end to end on the emulator: the inventory in DynamoDB, the ledger's conditional writes, the SNS
 * topic with owners' SQS subscriptions filtered by message attributes, and certfleet's EventBridge bus with a rule
 * delivering every event to a queue, where each event is checked against its JSON Schema.
 */
@ExtendWith(AwsEmulatorExtension.class)
class AlertingIT {

    private static final Instant START = Instant.parse("2026-11-27T06:00:00Z");
    private static final String PAYMENTS = "payments-team";
    private static final String WEB = "web-team";

    private final AwsEmulator emulator;
    private final MutableClock clock = new MutableClock(START);
    private LocalAlertRouting routing;
    private LocalAlertRouting.Routes routes;
    private String paymentsQueue;
    private String webQueue;
    private Wiring wiring;

    AlertingIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void emptyAccountWithTheAlertPlumbing() {
        emulator.resetNow();
        routing = new LocalAlertRouting(emulator.clients());
        routes = routing.ensure();
        paymentsQueue = ownerQueue(PAYMENTS);
        webQueue = ownerQueue(WEB);
        wiring = wiring();
        wiring.inventoryTable().ensureExists();
    }

    private Wiring wiring() {
        return new Wiring(emulator.clients(), clock, CertfleetSettings.defaults().withTableName("alerts-it")
                .withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
    }

    /** An owner's subscription: only messages whose {@code owner} attribute is theirs. */
    private String ownerQueue(String owner) {
        String queue = routing.queue("owner-" + owner);
        emulator.clients().sns().subscribe(request -> request.topicArn(routes.topicArn()).protocol("sqs")
                .endpoint(routing.queueArn(queue)).attributes(java.util.Map.of("FilterPolicy",
                        "{\"owner\": [\"" + owner + "\"]}")));
        return queue;
    }

    private InventoryRecord certificate(String name, String owner, Duration left) {
        String arn = "arn:aws:acm:eu-west-1:111122223333:certificate/" + name;
        InventoryRecord record = InventoryFixtures.record(arn).owner(owner,
                io.certfleet.core.ownership.OwnershipSource.CERTIFICATE_TAG)
                .facts(InventoryFixtures.facts(name + ".example.com", START.plus(left))).build();
        wiring.inventory().recordSeen(record);
        return record;
    }

    private List<JsonNode> events() {
        List<JsonNode> events = routing.drainEvents(routes.eventQueueUrl());
        events.forEach(EventSchemas::assertValid);
        return events;
    }

    @Test
    void eachThresholdIsAlertedOnceAndOnlyToTheCertificatesOwner() {
        certificate("checkout", PAYMENTS, Duration.ofDays(10).plusHours(1));
        certificate("www", WEB, Duration.ofDays(40).plusHours(1));
        certificate("far", WEB, Duration.ofDays(200));

        AlertRun first = wiring.sendExpiryAlerts().run();
        AlertRun again = wiring.sendExpiryAlerts().run();

        assertThat(first.sent()).extracting(ExpiryAlert::threshold).containsExactlyInAnyOrder(14L, 45L);
        assertThat(again.sent()).isEmpty();
        assertThat(again.alreadySent()).hasSize(2);
        List<ReceivedAlert> payments = routing.drainAlerts(paymentsQueue);
        List<ReceivedAlert> web = routing.drainAlerts(webQueue);
        assertThat(payments).singleElement().satisfies(alert -> {
            assertThat(alert.subject()).isEqualTo("[certfleet medium] checkout.example.com expires in 10 day(s)");
            assertThat(alert.attribute("owner")).isEqualTo(PAYMENTS);
            assertThat(alert.attribute("severity")).isEqualTo("medium");
            assertThat(alert.attribute("code")).isEqualTo("EXPIRING_SOON");
            assertThat(alert.attribute("environment")).isEqualTo("public-web");
            assertThat(alert.message()).contains("Where: no endpoint serves it");
        });
        assertThat(web).singleElement().satisfies(alert -> assertThat(alert.subject()).contains("www.example.com"));
        List<JsonNode> events = events();
        assertThat(events).extracting(event -> event.path("detail").path("threshold").asLong())
                .containsExactlyInAnyOrder(14L, 45L);
        assertThat(events).allSatisfy(event -> assertThat(event.path("detail-type").asText())
                .isEqualTo("CertificateExpiring"));

        // Four days on, the payments certificate crosses 7 days: one alert, to payments only.
        clock.advance(Duration.ofDays(4));
        wiring.sendExpiryAlerts().run();
        assertThat(routing.drainAlerts(paymentsQueue)).extracting(ReceivedAlert::subject)
                .containsExactly("[certfleet high] checkout.example.com expires in 6 day(s)");
        assertThat(routing.drainAlerts(webQueue)).isEmpty();
        assertThat(events()).extracting(event -> event.path("detail").path("threshold").asLong()).containsExactly(7L);
    }

    @Test
    void aMissedRunSendsTheThresholdItSkippedOnceNotEveryOneItMissed() {
        certificate("checkout", PAYMENTS, Duration.ofDays(60));
        assertThat(wiring.sendExpiryAlerts().run().sent()).isEmpty();

        clock.advance(Duration.ofDays(50)); // the runs at 45, 30 and 14 days never happened: 10 days are left
        AlertRun caughtUp = wiring.sendExpiryAlerts().run();
        clock.advance(Duration.ofHours(6));
        AlertRun next = wiring.sendExpiryAlerts().run();

        assertThat(caughtUp.sent()).extracting(ExpiryAlert::threshold).containsExactly(14L);
        assertThat(next.sent()).isEmpty();
        assertThat(routing.drainAlerts(paymentsQueue)).hasSize(1);
        assertThat(events()).hasSize(1);
    }

    @Test
    void twoEvaluatorsRunningAtOnceSendEachAlertOnce() throws Exception {
        int certificates = 6;
        for (int i = 0; i < certificates; i++) {
            certificate("svc" + i, PAYMENTS, Duration.ofDays(2 + i * 5L).plusHours(1));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<AlertRun>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Wiring own = wiring(); // each evaluator has its own clients, as two Lambda invocations would
                runs.add(threads.submit(() -> {
                    start.await();
                    return own.sendExpiryAlerts().run();
                }));
            }
            start.countDown();
            int sent = 0;
            int alreadySent = 0;
            for (Future<AlertRun> run : runs) {
                sent += run.get().sent().size();
                alreadySent += run.get().alreadySent().size();
            }
            assertThat(sent).isEqualTo(certificates);
            assertThat(alreadySent).isEqualTo(certificates);
        } finally {
            threads.shutdownNow();
        }
        assertThat(routing.drainAlerts(paymentsQueue)).hasSize(certificates)
                .extracting(alert -> alert.attribute("certificateArn")).doesNotHaveDuplicates();
        assertThat(events()).hasSize(certificates);
    }

    @Test
    void aRotationInProgressHoldsTheAlertBackUntilItsLockIsReleased() {
        InventoryRecord record = certificate("checkout", PAYMENTS, Duration.ofDays(5).plusHours(1));
        String arn = record.location().arn();
        assertThat(wiring.rotationLocks().acquire(arn, "rotation-1", Duration.ofHours(1))).isTrue();
        assertThat(wiring.rotationLocks().acquire(arn, "rotation-2", Duration.ofHours(1))).isFalse();

        AlertRun held = wiring.sendExpiryAlerts().run();
        wiring.rotationLocks().release(arn, "rotation-1");
        AlertRun after = wiring.sendExpiryAlerts().run();

        assertThat(held.suppressed()).containsExactly(arn);
        assertThat(after.sent()).extracting(ExpiryAlert::threshold).containsExactly(7L);
        assertThat(routing.drainAlerts(paymentsQueue)).hasSize(1);
    }

    @Test
    void anExpiredLockNoLongerHoldsAlertsBack() {
        InventoryRecord record = certificate("checkout", PAYMENTS, Duration.ofDays(5).plusHours(1));
        assertThat(wiring.rotationLocks().acquire(record.location().arn(), "crashed-rotation",
                Duration.ofMinutes(30))).as("the lock was taken").isTrue();
        assertThat(wiring.sendExpiryAlerts().run().sent()).as("held back while the lock holds").isEmpty();

        clock.advance(Duration.ofHours(1));

        assertThat(wiring.sendExpiryAlerts().run().sent()).hasSize(1);
    }

    @Test
    void anExpiredCertificateIsAlertedDailyAsCertificateExpired() {
        certificate("old", WEB, Duration.ofHours(12));
        wiring.sendExpiryAlerts().run();
        routing.drainAlerts(webQueue);
        events();

        clock.advance(Duration.ofDays(1));
        wiring.sendExpiryAlerts().run();
        wiring.sendExpiryAlerts().run();
        clock.advance(Duration.ofDays(1));
        wiring.sendExpiryAlerts().run();

        assertThat(routing.drainAlerts(webQueue)).extracting(ReceivedAlert::subject).containsExactly(
                "[certfleet critical] old.example.com EXPIRED 1 day(s) ago",
                "[certfleet critical] old.example.com EXPIRED 2 day(s) ago");
        List<JsonNode> expired = events();
        assertThat(expired).extracting(event -> event.path("detail-type").asText())
                .containsOnly("CertificateExpired");
        assertThat(expired).extracting(event -> event.path("detail").path("daysLeft").asLong())
                .containsExactly(-1L, -2L);
    }

    @Test
    void anAlertTheTopicRefusedIsSentByTheNextRun() {
        certificate("checkout", PAYMENTS, Duration.ofDays(20));
        emulator.clients().sns().deleteTopic(request -> request.topicArn(routes.topicArn()));

        AlertRun refused = wiring.sendExpiryAlerts().run();
        routes = routing.ensure();
        paymentsQueue = ownerQueue(PAYMENTS);
        AlertRun retried = wiring().sendExpiryAlerts().run();

        assertThat(refused.failed()).singleElement().asString().contains("checkout");
        assertThat(retried.sent()).extracting(ExpiryAlert::threshold).containsExactly(30L);
        assertThat(routing.drainAlerts(paymentsQueue)).hasSize(1);
        assertThat(events()).hasSize(1);
    }
}
