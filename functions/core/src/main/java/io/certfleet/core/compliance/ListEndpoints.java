package io.certfleet.core.compliance;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.ListInventory;
import io.certfleet.core.inventory.ListingOrder;
import io.certfleet.core.inventory.ListingRange;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ProbeResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Use case (the inventory API): the endpoints that serve present certificates (their bindings), each with the
 * certificate and the binding's latest probe, filtered, in a stable order: the certificates' listing order, then
 * binding type and resource. A page continues after the last endpoint it looked at, by a position that never changes
 * for an endpoint, so a paged walk neither repeats nor skips one that existed for the whole walk.
 */
public final class ListEndpoints {

    /**
     * An endpoint: one binding of a present certificate, with its latest probe if it was ever probed.
     *
     * @param daysToExpiry the certificate's; null when it is unreadable
     */
    public record Endpoint(BindingRecord binding, InventoryRecord certificate, Long daysToExpiry,
                           Optional<BindingProbe> probe) {
        public Endpoint {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(probe, "probe");
        }
    }

    private static final int CHUNK = 200;
    private static final String SEPARATOR = "\n"; // never in an ARN, a resource id or a fingerprint

    private final InventoryRepository inventory;
    private final ListInventory entries;
    private final ProbeResults probes;

    public ListEndpoints(InventoryRepository inventory, ListInventory entries, ProbeResults probes) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.probes = Objects.requireNonNull(probes, "probes");
    }

    /**
     * The page after {@code after} (a position from an earlier page; null: from the start), at most {@code limit}
     * endpoints; at most {@link ListCertificates#EXAMINED_PER_PAGE_MAX} certificates are read for one page.
     */
    public Paged<Endpoint> page(EndpointFilter filter, String after, int limit) {
        List<Endpoint> selected = new ArrayList<>();
        Cursor cursor = after == null ? null : Cursor.parse(after);
        String certificatePosition = cursor == null ? null : cursor.certificatePosition;
        if (cursor != null && !cursor.certificateId.isEmpty()) { // the rest of the certificate the last page stopped in
            List<InventoryRecord> current = inventory.locationsOf(cursor.certificateId).stream()
                    .filter(record -> record.isActive() && ListingOrder.positionOf(record).equals(
                            cursor.certificatePosition)).toList();
            for (Endpoint endpoint : endpoints(current)) {
                if (bindingKey(endpoint.binding()).compareTo(cursor.bindingKey) > 0
                        && filter.matches(endpoint.certificate(), endpoint.binding(), endpoint.probe())) {
                    if (selected.size() == limit) {
                        return new Paged<>(selected, Optional.of(positionOf(selected.getLast())));
                    }
                    selected.add(endpoint);
                }
            }
        }
        ListingRange range = new ListingRange(filter.owner(), Optional.empty(), Optional.empty());
        int examined = 0;
        while (examined < ListCertificates.EXAMINED_PER_PAGE_MAX) {
            List<InventoryRecord> read = inventory.presentInOrder(range, certificatePosition, CHUNK);
            examined += read.size();
            for (Endpoint endpoint : endpoints(read)) {
                if (filter.matches(endpoint.certificate(), endpoint.binding(), endpoint.probe())) {
                    if (selected.size() == limit) {
                        return new Paged<>(selected, Optional.of(positionOf(selected.getLast())));
                    }
                    selected.add(endpoint);
                }
            }
            if (read.size() < CHUNK) {
                return new Paged<>(selected, Optional.empty());
            }
            certificatePosition = ListingOrder.positionOf(read.getLast());
        }
        // bounded: go on after the last certificate read (all its endpoints were looked at; no id to resume in)
        return new Paged<>(selected, Optional.of(certificatePosition + SEPARATOR + SEPARATOR));
    }

    /** Every selected endpoint, in order, a chunk in memory at a time (exports). */
    public void forEach(EndpointFilter filter, Consumer<Endpoint> each) {
        ListingRange range = new ListingRange(filter.owner(), Optional.empty(), Optional.empty());
        String position = null;
        List<InventoryRecord> read;
        do {
            read = inventory.presentInOrder(range, position, CHUNK);
            endpoints(read).stream().filter(endpoint -> filter.matches(endpoint.certificate(), endpoint.binding(),
                    endpoint.probe())).forEach(each);
            position = read.isEmpty() ? position : ListingOrder.positionOf(read.getLast());
        } while (read.size() == CHUNK);
    }

    /** The endpoints of these certificates, in order, with their latest probes (one batch of reads). */
    private List<Endpoint> endpoints(List<InventoryRecord> certificates) {
        if (certificates.isEmpty()) {
            return List.of();
        }
        List<InventoryEntry> withBindings = entries.entries(certificates);
        Map<BindingRecord.Key, BindingProbe> latest = probes.latestOfBindings(withBindings.stream()
                .flatMap(entry -> entry.bindings().stream()).map(BindingRecord::key).toList());
        List<Endpoint> endpoints = new ArrayList<>();
        for (InventoryEntry entry : withBindings) {
            entry.bindings().stream().sorted(java.util.Comparator.comparing(ListEndpoints::bindingKey))
                    .forEach(binding -> endpoints.add(new Endpoint(binding, entry.record(),
                            entry.daysToExpiry(), Optional.ofNullable(latest.get(binding.key())))));
        }
        return endpoints;
    }

    private static String bindingKey(BindingRecord binding) {
        return binding.type().name() + "#" + binding.resourceId();
    }

    /** {@code <certificate position>\n<certificate id>\n<binding type>#<resource id>}. */
    static String positionOf(Endpoint endpoint) {
        return ListingOrder.positionOf(endpoint.certificate()) + SEPARATOR + endpoint.certificate().certificateId()
                + SEPARATOR + bindingKey(endpoint.binding());
    }

    private record Cursor(String certificatePosition, String certificateId, String bindingKey) {
        static Cursor parse(String position) {
            String[] parts = position.split(SEPARATOR, 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not an endpoint position");
            }
            return new Cursor(parts[0], parts[1], parts[2]);
        }
    }
}
