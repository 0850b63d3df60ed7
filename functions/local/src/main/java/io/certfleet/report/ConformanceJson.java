package io.certfleet.report;

import io.certfleet.api.InventoryJson;
import io.certfleet.api.ProbeJson;
import io.certfleet.api.RotationJson;
import io.certfleet.core.conformance.ChainLink;
import io.certfleet.core.conformance.ConformanceReport;
import io.certfleet.core.conformance.InventoryStanding;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.CheckResult;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.VersionSupport;
import io.certfleet.core.rotation.Rotation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance report as JSON ({@code certfleet report conformance --json}): the fields the README documents,
 * finding codes as the finding-code contract names them. No private key is ever part of it (only certificates).
 */
public final class ConformanceJson {

    private ConformanceJson() {
    }

    public static Map<String, Object> of(ConformanceReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", report.diagnosis().target().text());
        json.put("sni", report.diagnosis().target().effectiveSni().orElse(null));
        json.put("assessedAt", report.assessedAt().toString());
        json.put("conforms", report.conforms());
        json.put("profile", profile(report.profile(), report.profileSource()));
        json.put("negotiated", negotiated(report));
        json.put("checks", report.checks().stream().map(ConformanceJson::check).toList());
        json.put("protocols", report.versions().entrySet().stream().map(e -> protocol(e.getKey(), e.getValue(),
                report.profile())).toList());
        json.put("chain", report.chain().stream().map(ConformanceJson::link).toList());
        json.put("ocsp", report.ocsp().name());
        json.put("findings", report.findings().stream().map(ProbeJson::finding).toList());
        json.put("inventory", report.inventory().map(ConformanceJson::inventory).orElse(null));
        json.put("inventoryNote", report.inventoryNote().orElse(null));
        return json;
    }

    private static Map<String, Object> profile(TlsPolicy policy, String source) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", policy.name());
        json.put("source", source);
        json.put("minVersion", policy.minVersion().protocolName());
        json.put("maxVersion", policy.maxVersion().protocolName());
        json.put("cipherSuites", List.copyOf(policy.allowedCipherSuites()));
        json.put("minRsaBits", policy.minRsaBits());
        json.put("minEcBits", policy.minEcBits());
        json.put("keyTypes", policy.allowedKeyTypes().stream().sorted().toList());
        json.put("signatureAlgorithms", List.copyOf(policy.allowedSignatureAlgorithms()));
        json.put("weakSignatureHashes", policy.weakSignatureHashes().stream().sorted().toList());
        json.put("maxValidityDays", policy.maxValidity().toDays());
        json.put("warningWindowDays", policy.warningWindow().toDays());
        json.put("requireOcspStaple", policy.requireOcspStaple());
        json.put("rotationMode", policy.rotation().mode().name());
        return json;
    }

    private static Map<String, Object> negotiated(ConformanceReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", report.diagnosis().protocol().map(TlsVersion::protocolName).orElse(null));
        json.put("cipherSuite", report.diagnosis().cipherSuite().orElse(null));
        json.put("error", report.diagnosis().error().orElse(null));
        return json;
    }

    private static Map<String, Object> check(CheckResult check) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", check.name());
        json.put("outcome", check.outcome().name());
        json.put("requirement", check.requirement());
        json.put("evidence", check.evidence());
        json.put("findings", check.findings().stream().map(ProbeJson::finding).toList());
        return json;
    }

    private static Map<String, Object> protocol(TlsVersion version, VersionSupport support, TlsPolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version.protocolName());
        json.put("accepted", support.accepted());
        json.put("allowedByProfile", policy.allows(version));
        json.put("suitesEnumerated", support.enumerated());
        List<String> suites = support.knownSuites();
        json.put("suites", suites.stream().map(suite -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", suite);
            entry.put("allowedByProfile", policy.allowedCipherSuites().contains(suite));
            return entry;
        }).toList());
        return json;
    }

    private static Map<String, Object> link(ChainLink link) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("position", link.position() < 0 ? null : link.position());
        json.put("role", link.role().name());
        json.putAll(ProbeJson.certificate(link.facts()));
        return json;
    }

    private static Map<String, Object> inventory(InventoryStanding standing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("certificateId", standing.certificateId());
        json.put("owner", standing.owner());
        json.put("environment", standing.environment());
        json.put("profile", standing.profile());
        Map<String, Object> rotation = new LinkedHashMap<>();
        rotation.put("automated", standing.automation().automated());
        rotation.put("how", standing.automation().name());
        rotation.put("explanation", standing.explanation());
        rotation.put("arrivedBy", standing.arrivedBy().map(ConformanceJson::rotation).orElse(null));
        rotation.put("history", standing.rotations().stream().map(ConformanceJson::rotation).toList());
        json.put("rotation", rotation);
        json.put("locations", standing.locations().stream().map(ConformanceJson::location).toList());
        json.put("bindings", standing.bindings().stream().map(binding -> InventoryJson.binding(binding,
                Optional.empty())).toList());
        return json;
    }

    private static Map<String, Object> location(InventoryRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", record.location().source().name());
        json.put("arn", record.location().arn());
        json.put("accountId", record.location().accountId());
        json.put("region", record.location().region());
        json.put("status", record.status());
        return json;
    }

    private static Map<String, Object> rotation(Rotation rotation) {
        Map<String, Object> json = RotationJson.summary(rotation);
        json.put("replacedSha256", rotation.sha256());
        json.put("replacementSha256", rotation.replacementSha256());
        return json;
    }
}
