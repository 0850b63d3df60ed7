package io.certfleet.core.discovery;

import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.local.pki.IssuedCertificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fakes of the discovery ports that keep their contracts (e.g. unchanged versions are not read again). */
final class FakeSources implements ScanSources {

    final List<FakeStore> stores = new ArrayList<>();
    final List<FakeEndpoints> endpoints = new ArrayList<>();

    FakeStore store(CertificateSource source, ScanScope scope) {
        FakeStore store = new FakeStore(source, scope);
        stores.add(store);
        return store;
    }

    FakeEndpoints endpoints(BindingType type, boolean global) {
        FakeEndpoints source = new FakeEndpoints(type, global);
        endpoints.add(source);
        return source;
    }

    @Override
    public List<CertificateStore> stores() {
        return List.copyOf(stores);
    }

    @Override
    public List<EndpointSource> endpoints() {
        return List.copyOf(endpoints);
    }

    @Override
    public Map<String, Long> apiCalls() {
        long reads = stores.stream().mapToLong(store -> store.reads).sum();
        return Map.of("fake:Read", reads);
    }

    @Override
    public void close() {
    }

    /** A store of certificates by ARN; each has a version and tags; a listing reads only changed ones. */
    static final class FakeStore implements CertificateStore {
        private final CertificateSource source;
        private final ScanScope scope;
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        boolean failing;
        int reads;

        private record Entry(String pem, String chain, String version, String status, Map<String, String> tags) {
        }

        FakeStore(CertificateSource source, ScanScope scope) {
            this.source = source;
            this.scope = scope;
        }

        FakeStore put(String arn, IssuedCertificate certificate, String version, Map<String, String> tags) {
            return putRaw(arn, certificate.certificatePem(), certificate.chainPem(), version, tags);
        }

        FakeStore putRaw(String arn, String pem, String chain, String version, Map<String, String> tags) {
            entries.put(arn, new Entry(pem, chain, version, "ISSUED", tags));
            return this;
        }

        void setStatus(String arn, String status) {
            Entry e = entries.get(arn);
            entries.put(arn, new Entry(e.pem(), e.chain(), e.version(), status, e.tags()));
        }

        void remove(String arn) {
            entries.remove(arn);
        }

        @Override
        public String name() {
            return source.name().toLowerCase();
        }

        @Override
        public CertificateSource source() {
            return source;
        }

        @Override
        public List<ListedCertificate> list(Map<String, String> knownVersions) {
            if (failing) {
                throw new SourceException(FailureReason.ACCESS_DENIED, name() + ":List", "denied by test", null);
            }
            List<ListedCertificate> listed = new ArrayList<>();
            entries.forEach((arn, e) -> {
                CertificateLocation location = new CertificateLocation(source, arn, scope.accountId(), scope.region());
                if (e.version().equals(knownVersions.get(arn))) {
                    listed.add(new ListedCertificate.Unchanged(location, e.status(), e.version(), e.tags()));
                } else {
                    reads++;
                    listed.add(new ListedCertificate.Fetched(location, e.status(), e.version(), e.tags(), e.pem(),
                            e.chain()));
                }
            });
            return listed;
        }
    }

    /** An endpoint source of one binding type. */
    static final class FakeEndpoints implements EndpointSource {
        private final BindingType type;
        private final boolean global;
        final List<DiscoveredBinding> bindings = new ArrayList<>();
        boolean failing;

        FakeEndpoints(BindingType type, boolean global) {
            this.type = type;
            this.global = global;
        }

        FakeEndpoints bind(String resourceId, String certificateArn, Map<String, String> resourceTags) {
            bindings.add(new DiscoveredBinding(type, resourceId, certificateArn, true, resourceId + ".example.test",
                    DiscoveredBinding.INTERNET_FACING, 443, "policy-1", resourceTags));
            return this;
        }

        @Override
        public String name() {
            return type.name().toLowerCase();
        }

        @Override
        public BindingType type() {
            return type;
        }

        @Override
        public boolean isGlobal() {
            return global;
        }

        @Override
        public List<DiscoveredBinding> listBindings() {
            if (failing) {
                throw new SourceException(FailureReason.THROTTLED, name() + ":Describe", "slow down", null);
            }
            return List.copyOf(bindings);
        }
    }
}
