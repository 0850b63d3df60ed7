package io.certfleet.api;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.TlsVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        json.put("leaf", diagnosis.leaf().map(ProbeJson::leaf).orElse(null));
        json.put("chain", diagnosis.chain().stream().map(InventoryJson::chain).toList());
        json.put("ocspStapled", diagnosis.ocspStapled());
        json.put("durationMs", diagnosis.durationMs());
        json.put("error", diagnosis.error().orElse(null));
        return json;
    }

    static Map<String, Object> finding(Finding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", finding.code().name());
        json.put("severity", finding.severity().label());
        json.put("detail", finding.detail());
        return json;
    }

    private static Map<String, Object> leaf(CertificateFacts facts) {
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
