package io.certfleet.core.compliance;

import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.policy.FindingStore;
import io.certfleet.core.policy.PolicyFinding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Use case (the inventory API's export): every certificate a filter selects, in listing order, each with its open
 * findings, handed over one at a time while the walk holds one chunk of certificates in memory (and the fleet's open
 * findings, far fewer): an export of any size streams.
 */
public final class ExportCertificates {

    /** A certificate as exported: its entry (bindings included) and the open findings about it. */
    public record Exported(InventoryEntry entry, List<PolicyFinding> openFindings) {
        public Exported {
            Objects.requireNonNull(entry, "entry");
            openFindings = List.copyOf(openFindings);
        }
    }

    private final ListCertificates certificates;
    private final FindingStore findings;

    public ExportCertificates(ListCertificates certificates, FindingStore findings) {
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.findings = Objects.requireNonNull(findings, "findings");
    }

    /** @return how many certificates were exported */
    public long export(CertificateFilter filter, Consumer<Exported> each) {
        Map<String, List<PolicyFinding>> openByArn = OpenFindings.byCertificate(findings);
        long[] count = {0};
        certificates.forEach(filter, entry -> {
            each.accept(new Exported(entry, openByArn.getOrDefault(entry.record().location().arn(), List.of())));
            count[0]++;
        });
        return count[0];
    }
}
