package io.certfleet.core.compliance;

import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingStore;
import io.certfleet.core.policy.PolicyFinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The fleet's open findings by the certificate they are about (its ARN), read once for a walk. */
final class OpenFindings {

    private OpenFindings() {
    }

    static Map<String, List<PolicyFinding>> byCertificate(FindingStore findings) {
        return findings.history().stream().filter(FindingHistory::open).map(FindingHistory::finding)
                .collect(Collectors.groupingBy(PolicyFinding::certificateArn));
    }
}
