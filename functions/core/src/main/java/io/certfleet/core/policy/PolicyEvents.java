package io.certfleet.core.policy;

import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.finding.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of a policy evaluation's changes; each detail follows its schema in {@code events/schemas/}
 * ({@code PolicyViolation}, {@code PolicyViolationResolved}, {@code HandshakeFailure}).
 */
public final class PolicyEvents {

    private PolicyEvents() {
    }

    /**
     * @param handshakeFailures per endpoint that newly fails handshakes, its findings that break them
     */
    public static List<CertfleetEvent> of(List<PolicyFinding> opened, List<StoredFinding> resolved,
                                   Collection<List<PolicyFinding>> handshakeFailures, Instant now) {
        List<CertfleetEvent> events = new ArrayList<>();
        for (PolicyFinding finding : opened) {
            Map<String, Object> detail = detail(finding);
            detail.put("firstSeen", now.toString());
            events.add(new CertfleetEvent(EvaluatePolicy.VIOLATION, resources(finding), detail));
        }
        for (StoredFinding stored : resolved) {
            Map<String, Object> detail = detail(stored.finding());
            detail.put("firstSeen", stored.firstSeen().toString());
            detail.put("resolvedAt", now.toString());
            events.add(new CertfleetEvent(EvaluatePolicy.RESOLVED, resources(stored.finding()), detail));
        }
        handshakeFailures.forEach(findings -> events.add(handshakeFailure(findings, now)));
        return events;
    }

    /** One event for an endpoint that newly fails handshakes, with every cause. */
    private static CertfleetEvent handshakeFailure(List<PolicyFinding> findings, Instant now) {
        PolicyFinding first = findings.getFirst();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("certificateArn", first.certificateArn());
        detail.put("subject", first.subject());
        detail.put("accountId", first.scope().accountId());
        detail.put("region", first.scope().region());
        detail.put("codes", findings.stream().map(finding -> finding.code().name()).toList());
        detail.put("severity", findings.stream().map(PolicyFinding::severity).max(Comparator.naturalOrder())
                .map(Severity::label).orElseThrow());
        detail.put("findings", findings.stream().map(finding -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("code", finding.code().name());
            one.put("severity", finding.severity().label());
            one.put("detail", finding.detail());
            return one;
        }).toList());
        detail.put("owner", first.owner());
        detail.put("environment", first.environment());
        detail.put("profile", first.profile());
        detail.put("detectedAt", now.toString());
        return new CertfleetEvent(EvaluatePolicy.HANDSHAKE_FAILURE, resources(first), detail);
    }

    private static Map<String, Object> detail(PolicyFinding finding) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("certificateArn", finding.certificateArn());
        detail.put("subject", finding.subject());
        detail.put("accountId", finding.scope().accountId());
        detail.put("region", finding.scope().region());
        detail.put("code", finding.code().name());
        detail.put("severity", finding.severity().label());
        detail.put("side", finding.side().name());
        detail.put("detail", finding.detail());
        detail.put("profile", finding.profile());
        detail.put("owner", finding.owner());
        detail.put("environment", finding.environment());
        return detail;
    }

    /** The certificate, and the endpoint's resource when it is an ARN (load balancer listeners are). */
    private static List<String> resources(PolicyFinding finding) {
        List<String> resources = new ArrayList<>(List.of(finding.certificateArn()));
        String resource = finding.subject().substring(finding.subject().indexOf('#') + 1);
        if (finding.aboutBinding() && resource.startsWith("arn:")) {
            resources.add(resource);
        }
        return resources;
    }
}
