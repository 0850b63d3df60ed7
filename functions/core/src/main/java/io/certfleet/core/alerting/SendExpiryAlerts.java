package io.certfleet.core.alerting;

import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.events.EventPublisher;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Use case: alert the owners of every present certificate that has reached an expiry threshold, exactly once per
 * threshold: the threshold is claimed in the ledger with a conditional write before the alert goes out (so two
 * evaluators, or a repeated run, send it once), and given back if sending fails (so the next run sends it). A
 * certificate whose rotation is in progress waits; a replaced certificate is a new record and starts afresh.
 * Each alert is also a {@code CertificateExpiring} or {@code CertificateExpired} event.
 */
public final class SendExpiryAlerts {

    public static final String EXPIRING = "CertificateExpiring";
    public static final String EXPIRED = "CertificateExpired";
    /** The ledger keeps renewal-action alerts apart from expiry alerts: each is sent once per threshold. */
    static final String RENEWAL_SUBJECT = "RENEWAL#";
    static final String OWNER_SUBJECT = "OWNER#";

    private final InventoryRepository inventory;
    private final AlertLedger ledger;
    private final RotationLocks rotations;
    private final AlertSender sender;
    private final EventPublisher events;
    private final PolicySet policies;
    private final Clock clock;

    public SendExpiryAlerts(InventoryRepository inventory, AlertLedger ledger, RotationLocks rotations,
                            AlertSender sender, EventPublisher events, PolicySet policies, Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.events = Objects.requireNonNull(events, "events");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Evaluates every present certificate within its profile's earliest threshold, or expired. */
    public AlertRun run() {
        return evaluate(candidates(Optional.empty()), Optional.empty());
    }

    /**
     * Evaluates the one certificate ACM spoke about: an approaching expiration is alerted exactly as the schedule
     * would (so ACM's daily events add nothing once a threshold was sent); a renewal that needs action is alerted
     * once per threshold on its own, because it is news even when the threshold's expiry alert went out. A
     * certificate the inventory does not know yet is reported, and alerted after the scan that finds it.
     */
    public AlertRun run(AcmNotice notice) {
        List<InventoryRecord> records = candidates(notice.accountId()).stream()
                .filter(record -> record.location().arn().equals(notice.certificateArn())).toList();
        if (records.isEmpty()) {
            return new AlertRun.Builder(0).notInInventory(notice.certificateArn()).build();
        }
        return evaluate(records, notice.renewalProblem());
    }

    private List<InventoryRecord> candidates(Optional<String> accountId) {
        // Only certificates within the earliest threshold (or expired) can be due: the expiry index finds them.
        Instant horizon = clock.instant().plus(Duration.ofDays(policies.earliestAlertThreshold() + 1L));
        InventoryQuery dueSoon = new InventoryQuery(Optional.of(horizon), Optional.empty(), accountId,
                Optional.empty(), false);
        return inventory.find(dueSoon).stream().filter(InventoryRecord::isReadable).toList();
    }

    private AlertRun evaluate(List<InventoryRecord> candidates, Optional<String> renewalProblem) {
        Instant now = clock.instant();
        Map<String, List<BindingRecord>> bindings = inventory.bindingsOf(candidates.stream()
                .map(record -> record.location().arn()).collect(Collectors.toSet()));
        AlertRun.Builder run = new AlertRun.Builder(candidates.size());
        for (List<InventoryRecord> group : sameCertificateSameOwner(candidates)) {
            InventoryRecord primary = group.getFirst();
            long daysLeft = primary.facts().daysToExpiry(clock);
            TlsPolicy policy = policies.forEnvironment(primary.ownership().environment());
            OptionalLong due = policy.expiryThresholds().due(daysLeft);
            if (due.isEmpty() && renewalProblem.isPresent()) {
                due = OptionalLong.of(policy.expiryThresholds().first()); // ACM is worried before certfleet is
            }
            if (due.isEmpty()) {
                continue;
            }
            List<InventoryRecord> unlocked = group.stream()
                    .filter(record -> !rotations.inProgress(record.location().arn())).toList();
            group.stream().filter(record -> !unlocked.contains(record)).forEach(run::suppressed);
            if (unlocked.isEmpty()) {
                continue;
            }
            List<BindingRecord> served = unlocked.stream()
                    .flatMap(record -> bindings.getOrDefault(record.location().arn(), List.of()).stream())
                    .filter(BindingRecord::isActive).toList();
            ExpiryAlert alert = alert(unlocked, served, policy, due.getAsLong(), daysLeft, renewalProblem, now);
            String subject = renewalProblem.isPresent() ? RENEWAL_SUBJECT + primary.location().arn()
                    : ownerSubject(primary);
            if (!ledger.claim(primary.certificateId(), subject, alert.threshold(), now)) {
                unlocked.forEach(run::alreadySent);
                continue;
            }
            try {
                sender.send(alert, AlertMessage.of(alert));
            } catch (RuntimeException e) {
                ledger.release(primary.certificateId(), subject, alert.threshold());
                run.failed(primary, e);
                continue;
            }
            run.sent(alert);
            CertfleetEvent event = event(alert);
            try {
                events.publish(List.of(event));
            } catch (RuntimeException e) {
                // The owners have their alert; the event is lost for this threshold, and the run says so.
                run.failed(primary, new IllegalStateException("alert sent, but its " + event.detailType()
                        + " event was not published: " + e.getMessage(), e));
            }
        }
        return run.build();
    }

    /**
     * One alert per certificate (its fingerprint) per owner and environment, however many places it was imported
     * to: a wildcard certificate in five regions is one alert listing five locations, not five alerts.
     */
    private static java.util.Collection<List<InventoryRecord>> sameCertificateSameOwner(
            List<InventoryRecord> candidates) {
        Map<String, List<InventoryRecord>> groups = new LinkedHashMap<>();
        candidates.forEach(record -> groups.computeIfAbsent(record.certificateId() + "|" + ownerSubject(record),
                key -> new ArrayList<>()).add(record));
        return groups.values();
    }

    /** The ledger's subject of an expiry alert: the owner and environment it goes to. */
    static String ownerSubject(InventoryRecord record) {
        return OWNER_SUBJECT + record.ownership().owner() + "@" + record.ownership().environment();
    }

    private static ExpiryAlert alert(List<InventoryRecord> records, List<BindingRecord> bindings, TlsPolicy policy,
                                     long threshold, long daysLeft, Optional<String> renewalProblem, Instant now) {
        boolean expired = daysLeft < 0;
        FindingCode code = expired ? FindingCode.EXPIRED : FindingCode.EXPIRING_SOON;
        Severity severity = policy.severityOf(code, daysLeft);
        if (renewalProblem.isPresent() && severity.compareTo(Severity.HIGH) < 0) {
            severity = Severity.HIGH; // a renewal that will not happen by itself is at least high
        }
        return new ExpiryAlert(records, bindings, policy.name(), threshold, daysLeft, code, severity, renewalProblem,
                now);
    }

    /** The event of an alert; its detail follows {@code events/schemas/CertificateExpiring.schema.json}. */
    static CertfleetEvent event(ExpiryAlert alert) {
        InventoryRecord record = alert.record();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("certificateArn", record.location().arn());
        detail.put("sha256", record.facts().sha256());
        detail.put("source", record.location().source().name());
        detail.put("accountId", record.location().accountId());
        detail.put("region", record.location().region());
        detail.put("subject", record.facts().subject());
        detail.put("sans", record.facts().sans());
        detail.put("notAfter", record.facts().notAfter().toString());
        detail.put("daysLeft", alert.daysLeft());
        detail.put("threshold", alert.threshold());
        detail.put("code", alert.code().name());
        detail.put("severity", alert.severity().label());
        detail.put("owner", record.ownership().owner());
        detail.put("environment", record.ownership().environment());
        detail.put("profile", alert.profile());
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (BindingRecord binding : alert.bindings()) {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("type", binding.type().name());
            endpoint.put("resourceId", binding.resourceId());
            endpoint.put("dnsName", binding.dnsName());
            endpoint.put("port", binding.port());
            endpoints.add(endpoint);
        }
        detail.put("bindings", endpoints);
        detail.put("locations", alert.records().stream().map(location -> {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("certificateArn", location.location().arn());
            where.put("source", location.location().source().name());
            where.put("accountId", location.location().accountId());
            where.put("region", location.location().region());
            return where;
        }).toList());
        alert.acmRenewalProblem().ifPresent(problem -> detail.put("acmRenewal", problem));
        detail.put("evaluatedAt", alert.evaluatedAt().toString());
        return new CertfleetEvent(alert.expired() ? EXPIRED : EXPIRING, alert.records().stream()
                .map(location -> location.location().arn()).toList(), detail);
    }
}
