package io.certfleet.core.discovery;

import java.util.List;
import java.util.Map;

/** Port: the stores and endpoint sources of one work item, opened with that account's credentials. */
public interface ScanSources extends AutoCloseable {

    List<CertificateStore> stores();

    List<EndpointSource> endpoints();

    /** API calls made so far, by {@code service:Operation}. */
    Map<String, Long> apiCalls();

    /** Retried attempts of those calls so far, by {@code service:Operation}. */
    default Map<String, Long> apiRetries() {
        return Map.of();
    }

    @Override
    void close();
}
