package io.certfleet.core.archfixture;

import software.amazon.awssdk.services.acm.AcmClient;

/**
 * Test fixture, deliberately in a core package: what {@code ArchitectureTest} must reject if it ever appeared in
 * production code.
 */
public final class CoreClassThatImportsTheAwsSdk {
    public int certificates(AcmClient acm) {
        return acm.listCertificates().certificateSummaryList().size();
    }
}
