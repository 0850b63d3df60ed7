package io.certfleet.api;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ScopeProbeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published JSON form of a probe result ({@code certfleet probe --json}, stored probe results): the causes as
 * the finding codes of the product contract, severities in lower case, ISO-8601 times, {@code null} for what was not
 * seen (no leaf when the connection failed).
 */
public final class ProbeJson {

    private ProbeJson() {
    }

    public static List<Map<String, Object>> diagnoses(List<Diagnosis> diagnoses) {
        return diagnoses.stream().map(ProbeJson::diagnosis).toList();
    }

    public static Map<String, Object> diagnosis(Diagnosis diagnosis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", diagnosis.target().text());
        json.put("sni", diagnosis.target().effectiveSni().orElse(null));
        json.put("ok", diagnosis.ok());
        json.put("causes", diagnosis.codes().stream().map(Enum::name).toList());
        json.put("severity", diagnosis.severity().map(Severity::label).orElse(null));
        json.put("findings", diagnosis.findings().stream().map(ProbeJson::finding).toList());
        json.put("protocol", diagnosis.protocol().map(TlsVersion::protocolName).orElse(null));
        json.put("cipherSuite", diagnosis.cipherSuite().orElse(null));
        json.put("acceptedProtocols", diagnosis.acceptedProtocols().stream().map(TlsVersion::protocolName).toList());
        json.put("leaf", diagnosis.leaf().map(ProbeJson::certificate).orElse(null));
        json.put("chain", diagnosis.chain().stream().map(InventoryJson::chain).toList());
        json.put("ocspStapled", diagnosis.ocspStapled());
        json.put("durationMs", diagnosis.durationMs());
        json.put("error", diagnosis.error().orElse(null));
        return json;
    }

    /** A scope's probe counts: {@code {"scope": "123456789012/eu-west-1", "probed": 4, ...}}. */
    public static Map<String, Object> scope(ScopeProbeResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scope", result.scope().toString());
        json.put("probed", result.probed());
        json.put("healthy", result.healthy());
        json.put("withCauses", result.withCauses());
        json.put("skipped", result.skipped());
        Map<String, Integer> causes = new TreeMap<>();
        result.causes().forEach((code, count) -> causes.put(code.name(), count));
        json.put("causes", causes);
        json.put("durationMs", result.duration().toMillis());
        return json;
    }

    /** The latest probe of a binding, as the inventory lists it. */
    public static Map<String, Object> bindingProbe(BindingProbe probe) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("probedAt", probe.probedAt().toString());
        json.put("probed", probe.probed());
        json.put("skippedReason", probe.skippedReason().orElse(null));
        json.put("target", probe.target().orElse(null));
        json.put("sni", probe.sni().orElse(null));
        json.put("policy", probe.policy());
        json.put("ok", probe.ok());
        json.put("causes", probe.codes().stream().map(Enum::name).toList());
        json.put("severity", probe.severity().map(Severity::label).orElse(null));
        json.put("findings", probe.findings().stream().map(ProbeJson::finding).toList());
        json.put("protocol", probe.protocol().map(TlsVersion::protocolName).orElse(null));
        json.put("cipherSuite", probe.cipherSuite().orElse(null));
        json.put("acceptedProtocols", probe.acceptedProtocols().stream().map(TlsVersion::protocolName).toList());
        json.put("servedSha256", probe.servedSha256().orElse(null));
        json.put("durationMs", probe.durationMs());
        json.put("error", probe.error().orElse(null));
        return json;
    }

    /** A finding as the finding-code contract shows it: code, severity, detail. */
    public static Map<String, Object> finding(Finding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", finding.code().name());
        json.put("severity", finding.severity().label());
        json.put("detail", finding.detail());
        return json;
    }

    /** A certificate's facts (the leaf of a probe, a link of a conformance report's chain). */
    public static Map<String, Object> certificate(CertificateFacts facts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", facts.subject());
        json.put("sans", facts.sans());
        json.put("issuer", facts.issuer());
        json.put("serial", facts.serial());
        json.put("sha256", facts.sha256());
        json.put("notBefore", InventoryJson.time(facts.notBefore()));
        json.put("notAfter", InventoryJson.time(facts.notAfter()));
        json.put("keyAlgorithm", facts.keyAlgorithm());
        json.put("keySize", facts.keySize());
        json.put("signatureAlgorithm", facts.signatureAlgorithm());
        return json;
    }
}
