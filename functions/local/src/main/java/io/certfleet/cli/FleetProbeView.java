package io.certfleet.cli;

import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.fleet.BindingProbe;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The latest probe of every endpoint of the inventory, one line each, the causes in words. */
final class FleetProbeView {

    private final PrintWriter out;

    FleetProbeView(PrintWriter out) {
        this.out = out;
    }

    void print(List<InventoryEntry> entries, Map<BindingRecord.Key, BindingProbe> probes) {
        TextTable table = new TextTable("ENDPOINT", "SNI", "RESULT", "PROTOCOL", "CAUSES");
        int probed = 0;
        int healthy = 0;
        for (InventoryEntry entry : entries) {
            for (BindingRecord binding : entry.bindings()) {
                BindingProbe probe = probes.get(binding.key());
                if (probe == null) {
                    table.row(InventoryView.binding(binding), "-", "not probed", "-", "-");
                    continue;
                }
                if (!probe.probed()) {
                    table.row(InventoryView.binding(binding), "-", "skipped", "-", probe.skippedReason().orElse(""));
                    continue;
                }
                probed++;
                healthy += probe.ok() ? 1 : 0;
                table.row(InventoryView.binding(binding), probe.sni().orElse("-"),
                        probe.ok() ? "ok" : probe.severity().map(Severity::label).orElse("?"),
                        probe.protocol().map(TlsVersion::protocolName).orElse("-"),
                        ProbeView.causes(probe.findings()));
            }
        }
        table.print(out);
        out.printf("%n%d endpoint(s) probed, %d healthy.%n", probed, healthy);
    }
}
