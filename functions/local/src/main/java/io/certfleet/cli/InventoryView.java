package io.certfleet.cli;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryRecord;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints inventory entries for people: one table per owner, soonest expiry first. */
final class InventoryView {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    private final PrintWriter out;

    InventoryView(PrintWriter out) {
        this.out = out;
    }

    void printByOwner(List<InventoryEntry> entries) {
        if (entries.isEmpty()) {
            out.println("No certificates.");
            return;
        }
        Map<String, List<InventoryEntry>> byOwner = entries.stream().collect(Collectors.groupingBy(
                entry -> entry.record().ownership().owner(), TreeMap::new, Collectors.toList()));
        byOwner.forEach((owner, owned) -> {
            out.printf("%s (%d)%n", owner, owned.size());
            TextTable table = new TextTable("  SUBJECT", "KEY", "EXPIRES", "DAYS", "STATUS", "WHERE", "SERVED BY",
                    "OWNER FROM");
            owned.forEach(entry -> table.row(row(entry)));
            table.print(out);
            out.println();
        });
        out.printf("%d certificates, %d owners.%n", entries.size(), byOwner.size());
    }

    private static String[] row(InventoryEntry entry) {
        InventoryRecord record = entry.record();
        String where = record.location().source() + " " + record.location().accountId() + "/"
                + record.location().region();
        String servedBy = entry.bindings().isEmpty() ? "-"
                : entry.bindings().stream().map(InventoryView::binding).collect(Collectors.joining(", "));
        String ownerFrom = record.ownership().ownerSource().name().toLowerCase().replace('_', ' ');
        if (!record.isReadable()) {
            return new String[] {"  (unreadable: " + record.malformedReason() + ")", "-", "-", "-", record.status(),
                    where, servedBy, ownerFrom};
        }
        return new String[] {"  " + record.facts().subject(), record.facts().keyDescription(),
                DATE.format(record.facts().notAfter()), String.valueOf(entry.daysToExpiry()), record.status(), where,
                servedBy, ownerFrom};
    }

    /** {@code ELBv2 my-alb:443 (SNI)}, {@code CloudFront E2ABC}, {@code API api.example.com}. */
    static String binding(BindingRecord binding) {
        String gone = binding.isActive() ? "" : " [removed]";
        return switch (binding.type()) {
            case ELBV2_LISTENER -> "ELBv2 " + loadBalancerName(binding.resourceId()) + ":" + binding.port()
                    + (binding.isDefault() ? "" : " (SNI)") + gone;
            case ELB_LISTENER -> "ELB " + binding.resourceId().replace("loadbalancer/", "") + gone;
            case CLOUDFRONT -> "CloudFront " + binding.resourceId() + gone;
            case APIGATEWAY_DOMAIN -> "API " + binding.resourceId() + gone;
        };
    }

    /** The load balancer name inside a listener ARN ({@code .../listener/app/NAME/id/id}). */
    private static String loadBalancerName(String listenerArn) {
        String[] parts = listenerArn.split("/");
        return parts.length >= 3 ? parts[2] : listenerArn;
    }
}
