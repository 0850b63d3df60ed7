package io.certfleet.adapters.aws.fleet;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.core.discovery.CertificateStore;
import io.certfleet.core.discovery.EndpointSource;
import io.certfleet.core.discovery.ScanSources;
import java.util.List;
import java.util.Map;

/** The sources of one work item and the clients behind them. */
final class AwsScanSources implements ScanSources {

    private final List<CertificateStore> stores;
    private final List<EndpointSource> endpoints;
    private final ApiCallRecorder recorder;
    private final List<AwsClients> clients;

    AwsScanSources(List<CertificateStore> stores, List<EndpointSource> endpoints, ApiCallRecorder recorder,
                   List<AwsClients> clients) {
        this.stores = List.copyOf(stores);
        this.endpoints = List.copyOf(endpoints);
        this.recorder = recorder;
        this.clients = List.copyOf(clients);
    }

    @Override
    public List<CertificateStore> stores() {
        return stores;
    }

    @Override
    public List<EndpointSource> endpoints() {
        return endpoints;
    }

    @Override
    public Map<String, Long> apiCalls() {
        return recorder.snapshot();
    }

    @Override
    public Map<String, Long> apiRetries() {
        return recorder.retries();
    }

    @Override
    public void close() {
        clients.forEach(AwsClients::close);
    }
}
