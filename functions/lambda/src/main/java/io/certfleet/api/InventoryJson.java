package io.certfleet.api;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.probe.fleet.BindingProbe;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published JSON form of an inventory record (CLI {@code --json}, and the inventory API): stable field names,
 * ISO-8601 times, {@code null} for what is not known (the facts of an unreadable certificate).
 */
public final class InventoryJson {

    private InventoryJson() {
    }

    public static List<Map<String, Object>> entries(List<InventoryEntry> entries) {
        return entries(entries, Map.of());
    }

    /** Entries with the latest probe of each binding ({@code lastProbe}, {@code null} when never probed). */
    public static List<Map<String, Object>> entries(List<InventoryEntry> entries,
                                                    Map<BindingRecord.Key, BindingProbe> probes) {
        return entries.stream().map(entry -> entry(entry, probes)).toList();
    }

    public static Map<String, Object> entry(InventoryEntry entry, Map<BindingRecord.Key, BindingProbe> probes) {
        InventoryRecord record = entry.record();
        CertificateFacts facts = record.facts();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.certificateId() + "@" + record.location().arn());
        json.put("sha256", facts == null ? null : facts.sha256());
        json.put("source", record.location().source().name());
        json.put("arn", record.location().arn());
        json.put("accountId", record.location().accountId());
        json.put("region", record.location().region());
        json.put("status", record.status());
        json.put("subject", facts == null ? null : facts.subject());
        json.put("sans", facts == null ? null : facts.sans());
        json.put("issuer", facts == null ? null : facts.issuer());
        json.put("serial", facts == null ? null : facts.serial());
        json.put("notBefore", facts == null ? null : time(facts.notBefore()));
        json.put("notAfter", facts == null ? null : time(facts.notAfter()));
        json.put("daysToExpiry", entry.daysToExpiry());
        json.put("keyAlgorithm", facts == null ? null : facts.keyAlgorithm());
        json.put("keySize", facts == null ? null : facts.keySize());
        json.put("signatureAlgorithm", facts == null ? null : facts.signatureAlgorithm());
        json.put("chain", facts == null ? null : facts.chain().stream().map(InventoryJson::chain).toList());
        json.put("malformedReason", record.malformedReason());
        json.put("owner", record.ownership().owner());
        json.put("ownerSource", record.ownership().ownerSource().name());
        json.put("environment", record.ownership().environment());
        json.put("environmentSource", record.ownership().environmentSource().name());
        json.put("tags", record.tags());
        json.put("bindings", entry.bindings().stream()
                .map(binding -> binding(binding, Optional.ofNullable(probes.get(binding.key())))).toList());
        json.put("firstSeen", time(record.firstSeen()));
        json.put("lastSeen", time(record.lastSeen()));
        json.put("removedAt", time(record.removedAt()));
        return json;
    }

    /** A binding as the API and the reports show it, with its latest probe if any. */
    public static Map<String, Object> binding(BindingRecord binding, Optional<BindingProbe> probe) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", binding.type().name());
        json.put("resourceId", binding.resourceId());
        json.put("isDefault", binding.isDefault());
        json.put("dnsName", binding.dnsName());
        json.put("scheme", binding.scheme());
        json.put("port", binding.port());
        json.put("sslPolicy", binding.sslPolicy());
        json.put("accountId", binding.scope().accountId());
        json.put("region", binding.scope().region());
        json.put("firstSeen", time(binding.firstSeen()));
        json.put("lastSeen", time(binding.lastSeen()));
        json.put("removedAt", time(binding.removedAt()));
        json.put("lastProbe", probe.map(ProbeJson::bindingProbe).orElse(null));
        return json;
    }

    static Map<String, Object> chain(ChainCertificate certificate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", certificate.subject());
        json.put("issuer", certificate.issuer());
        json.put("sha256", certificate.sha256());
        json.put("notAfter", time(certificate.notAfter()));
        return json;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
