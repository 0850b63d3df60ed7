package io.certfleet.core.alerting;

import io.certfleet.testing.InMemoryInventoryRepository;
import io.certfleet.testing.InMemoryAlertLedger;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendExpiryAlertsTest {

    private static final Instant START = Instant.parse("2026-11-27T06:00:00Z");
    private static final String ARN = "arn:aws:acm:eu-west-1:111122223333:certificate/shop";

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final InMemoryAlertLedger ledger = new InMemoryAlertLedger();
    private final List<ExpiryAlert> delivered = new ArrayList<>();
    private final List<AlertMessage> messages = new ArrayList<>();
    private final List<CertfleetEvent> events = new ArrayList<>();
    private final Set<String> locked = new HashSet<>();
    private boolean senderDown;

    private final SendExpiryAlerts alerts = new SendExpiryAlerts(inventory, ledger, locked::contains,
            (alert, message) -> {
                if (senderDown) {
                    throw new IllegalStateException("SNS unreachable");
                }
                delivered.add(alert);
                messages.add(message);
            }, events::addAll, PolicySet.builtIn(), clock);

    @org.junit.jupiter.api.AfterEach
    void everyEventMatchesItsSchema() {
        events.forEach(io.certfleet.testing.EventSchemas::assertValid);
    }

    private InventoryRecord certificate(String name, Duration left) {
        InventoryRecord record = InventoryFixtures.record(ARN)
                .facts(InventoryFixtures.facts(name, START.plus(left))).build();
        inventory.recordSeen(record);
        return record;
    }

    @Test
    void everyThresholdIsAlertedOnceThenEveryDayAfterExpiry() {
        certificate("shop.example.com", Duration.ofDays(50).plusHours(12));

        for (int day = 0; day < 60; day++) {
            alerts.run();
            alerts.run(); // a second run the same day sends nothing more
            clock.advance(Duration.ofDays(1));
        }

        assertThat(delivered).extracting(ExpiryAlert::threshold).containsExactly(45L, 30L, 14L, 7L, 3L, 1L,
                -1L, -2L, -3L, -4L, -5L, -6L, -7L, -8L, -9L);
        assertThat(delivered.subList(0, 6)).allSatisfy(alert -> assertThat(alert.code())
                .isEqualTo(FindingCode.EXPIRING_SOON));
        assertThat(delivered.get(6).code()).isEqualTo(FindingCode.EXPIRED);
        assertThat(events).extracting(CertfleetEvent::detailType).startsWith("CertificateExpiring")
                .contains("CertificateExpired").hasSize(15);
    }

    @Test
    void aMissedRunStillSendsTheThresholdItSkippedOnceNotEveryOneItMissed() {
        certificate("shop.example.com", Duration.ofDays(60));
        alerts.run();
        assertThat(delivered).isEmpty();

        clock.advance(Duration.ofDays(50)); // the runs at 45 and 30 days never happened
        alerts.run();
        clock.advance(Duration.ofDays(1));
        alerts.run();

        assertThat(delivered).extracting(ExpiryAlert::threshold).containsExactly(14L);
        assertThat(delivered.getFirst().daysLeft()).isEqualTo(10);
        assertThat(delivered.getFirst().severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void eachCertificateIsAlertedOnItsEnvironmentsProfileThresholds() {
        String partnerArn = "arn:aws:acm:eu-west-1:111122223333:certificate/partner";
        inventory.recordSeen(InventoryFixtures.record(partnerArn).environment("partner")
                .facts(InventoryFixtures.facts("b2b.example.com", START.plus(Duration.ofDays(55)))).build());
        certificate("shop.example.com", Duration.ofDays(55));

        AlertRun run = alerts.run();

        assertThat(run.sent()).singleElement().satisfies(alert -> {
            assertThat(alert.record().location().arn()).isEqualTo(partnerArn);
            assertThat(alert.threshold()).isEqualTo(60L);
            assertThat(alert.profile()).isEqualTo("partner");
        });
        assertThat(events.getFirst().detail()).containsEntry("profile", "partner");
    }

    @Test
    void oneCertificateImportedInSeveralPlacesIsOneAlertPerOwnerListingEveryPlace() {
        io.certfleet.core.certificate.CertificateFacts wildcard = InventoryFixtures.facts("*.example.com",
                START.plus(Duration.ofDays(10)));
        String east = "arn:aws:acm:us-east-1:111122223333:certificate/w1";
        String west = "arn:aws:acm:eu-west-1:111122223333:certificate/w2";
        String other = "arn:aws:acm:eu-west-1:444455556666:certificate/w3";
        inventory.recordSeen(InventoryFixtures.record(east).facts(wildcard).build());
        inventory.recordSeen(InventoryFixtures.record(west).facts(wildcard).build());
        inventory.recordSeen(InventoryFixtures.record(other).facts(wildcard)
                .owner("partner-team", io.certfleet.core.ownership.OwnershipSource.ACCOUNT_TAG).build());
        locked.add(west);

        AlertRun first = alerts.run();
        locked.clear();
        AlertRun second = alerts.run();

        assertThat(first.sent()).hasSize(2);
        ExpiryAlert team = first.sent().stream().filter(alert -> alert.record().ownership().owner().equals("team"))
                .findFirst().orElseThrow();
        assertThat(team.records()).extracting(record -> record.location().arn()).containsExactly(east);
        assertThat(first.suppressed()).containsExactly(west);
        assertThat(second.sent()).as("the threshold was alerted for the owner; the lock only held one location")
                .isEmpty();
        assertThat(second.alreadySent()).containsExactlyInAnyOrder(east, west, other);

        clock.advance(Duration.ofDays(4)); // 6 days left: the 7-day threshold, now for both of team's locations
        AlertRun third = alerts.run();
        assertThat(third.sent()).filteredOn(alert -> alert.record().ownership().owner().equals("team"))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.records()).extracting(record -> record.location().arn())
                            .containsExactlyInAnyOrder(east, west);
                });
        assertThat(messages).filteredOn(message -> message.body().contains(east)).last()
                .satisfies(message -> assertThat(message.body()).contains("at 2 location(s)").contains(west));
        assertThat(events).filteredOn(event -> event.resources().contains(east)).last()
                .satisfies(event -> assertThat(event.resources()).containsExactlyInAnyOrder(east, west));
    }

    @Test
    void aRotationInProgressHoldsTheAlertBackUntilItEnds() {
        certificate("shop.example.com", Duration.ofDays(5));
        locked.add(ARN);

        AlertRun held = alerts.run();
        locked.clear();
        AlertRun after = alerts.run();

        assertThat(held.suppressed()).containsExactly(ARN);
        assertThat(held.sent()).isEmpty();
        assertThat(after.sent()).extracting(ExpiryAlert::threshold).containsExactly(7L);
        assertThat(after.sent().getFirst().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void anAlertThatCouldNotBeSentIsSentByTheNextRun() {
        certificate("shop.example.com", Duration.ofDays(20));
        senderDown = true;

        AlertRun failed = alerts.run();
        senderDown = false;
        AlertRun next = alerts.run();

        assertThat(failed.failed()).singleElement().asString().contains("SNS unreachable");
        assertThat(events).hasSize(1);
        assertThat(next.sent()).extracting(ExpiryAlert::threshold).containsExactly(30L);
    }

    @Test
    void aReplacedCertificateStartsAfresh() {
        InventoryRecord old = certificate("shop.example.com", Duration.ofDays(6));
        alerts.run();
        inventory.markRemoved(old, START.plus(Duration.ofDays(1)), START.plus(Duration.ofHours(1)));
        certificate("shop.example.com", Duration.ofDays(40));

        clock.advance(Duration.ofHours(2));
        alerts.run();

        assertThat(delivered).extracting(ExpiryAlert::threshold).containsExactly(7L, 45L);
    }

    @Test
    void theMessageSaysWhatWhereWhenAndWhatToDo() {
        certificate("shop.example.com", Duration.ofDays(3).plusHours(1));
        inventory.recordBindingSeen(InventoryFixtures.binding("listener/1", ARN)
                .endpoint("shop-alb-1.eu-west-1.elb.amazonaws.com", 443, "internet-facing").build());

        alerts.run();

        AlertMessage message = messages.getFirst();
        assertThat(message.subject()).isEqualTo("[certfleet high] shop.example.com expires in 3 day(s)")
                .hasSizeLessThanOrEqualTo(100);
        assertThat(message.body()).contains("What:  CN=shop.example.com").contains(ARN)
                .contains("When:  expires 2026-11-30 07:00 UTC (expires in 3 day(s))")
                .contains("Where: 1 endpoint(s)").contains("listener/1 (shop-alb-1.eu-west-1.elb.amazonaws.com:443)")
                .contains("To do: if ACM issued it");
        CertfleetEvent event = events.getFirst();
        assertThat(event.detailType()).isEqualTo("CertificateExpiring");
        assertThat(event.resources()).containsExactly(ARN);
        assertThat(event.detail()).containsEntry("threshold", 3L).containsEntry("code", "EXPIRING_SOON")
                .containsEntry("severity", "high").containsKey("bindings");
    }
}
