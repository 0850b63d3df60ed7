package io.certfleet.report;

import io.certfleet.core.conformance.ChainLink;
import io.certfleet.core.conformance.ConformanceReport;
import io.certfleet.core.conformance.InventoryStanding;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.CheckResult;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.VersionSupport;
import io.certfleet.core.rotation.Rotation;
import java.util.List;
import java.util.Map;

/**
 * The conformance report as one self-contained HTML page (no script, no request: a Content-Security-Policy that
 * allows nothing external). Everything the peer sent (subjects, names) and the inventory holds is escaped.
 */
public final class ConformanceHtml {

    private ConformanceHtml() {
    }

    public static String render(ConformanceReport report) {
        StringBuilder html = new StringBuilder(32 * 1024);
        String target = report.diagnosis().target().text();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ")
                .append("'unsafe-inline'\"><title>TLS conformance: ").append(esc(target))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        html.append("<h1>TLS conformance report</h1><p class=\"meta\">Endpoint <b id=\"target\">").append(esc(target))
                .append("</b>").append(report.diagnosis().target().effectiveSni()
                        .map(sni -> ", SNI " + esc(sni)).orElse(", no SNI")).append("; assessed ")
                .append(report.assessedAt()).append(" by certfleet.</p>");
        html.append("<p id=\"verdict\" class=\"verdict ").append(report.conforms() ? "pass\">Conforms" : "fail\">Does not "
                + "conform").append(" to profile ").append(esc(report.profile().name())).append("</p>");
        profile(html, report.profile(), report.profileSource());
        negotiated(html, report);
        checks(html, report.checks());
        protocols(html, report);
        chain(html, report.chain());
        html.append("<h2>OCSP</h2><p id=\"ocsp\">Stapled response: ").append(esc(report.ocsp().name()))
                .append(report.profile().requireOcspStaple() ? " (the profile requires a staple)"
                        : " (the profile does not require a staple)").append("</p>");
        inventory(html, report);
        findings(html, report.findings());
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void profile(StringBuilder html, TlsPolicy policy, String source) {
        html.append("<h2>Profile</h2><table id=\"profile\"><tbody>");
        row(html, "name", policy.name() + " (" + source + ")");
        row(html, "TLS versions", policy.minVersion().protocolName() + " to " + policy.maxVersion().protocolName());
        row(html, "cipher suites", String.join(", ", policy.allowedCipherSuites()));
        row(html, "keys", "RSA ≥ " + policy.minRsaBits() + " bits, EC ≥ " + policy.minEcBits() + " bits; types "
                + String.join(", ", policy.allowedKeyTypes().stream().sorted().toList()));
        row(html, "signatures", policy.allowedSignatureAlgorithms().isEmpty() ? "any that is not weak"
                : String.join(", ", policy.allowedSignatureAlgorithms()));
        row(html, "lifetime", "at most " + policy.maxValidity().toDays() + " days; warned "
                + policy.warningWindow().toDays() + " days ahead");
        row(html, "OCSP stapling", policy.requireOcspStaple() ? "required" : "not required");
        row(html, "rotation", policy.rotation().mode().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + policy.rotation().rotateBefore().toDays() + " days before expiry");
        html.append("</tbody></table>");
    }

    private static void negotiated(StringBuilder html, ConformanceReport report) {
        html.append("<h2>Negotiated</h2><p id=\"negotiated\">")
                .append(esc(report.diagnosis().protocol().map(TlsVersion::protocolName).orElse("no TLS")))
                .append(report.diagnosis().cipherSuite().map(suite -> " with " + esc(suite)).orElse(""))
                .append(report.diagnosis().error().map(error -> " — " + esc(error)).orElse("")).append("</p>");
    }

    private static void checks(StringBuilder html, List<CheckResult> checks) {
        html.append("<h2>Checks</h2><table id=\"checks\"><thead><tr><th>check</th><th>outcome</th>")
                .append("<th>requirement</th><th>evidence</th><th>findings</th></tr></thead><tbody>");
        for (CheckResult check : checks) {
            String outcome = check.outcome().name();
            html.append("<tr data-check=\"").append(esc(check.name())).append("\" data-outcome=\"").append(outcome)
                    .append("\"><td>").append(esc(check.name())).append("</td><td class=\"o-")
                    .append(outcome.toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(outcome.replace('_', ' ')).append("</td><td>").append(esc(check.requirement()))
                    .append("</td><td>");
            list(html, check.evidence());
            html.append("</td><td>");
            list(html, check.findings().stream().map(ConformanceHtml::describe).toList());
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void protocols(StringBuilder html, ConformanceReport report) {
        html.append("<h2>Protocols and cipher suites</h2><table id=\"protocols\"><thead><tr><th>version</th>")
                .append("<th>accepted</th><th>profile</th><th>suites accepted (server's order)</th></tr></thead>")
                .append("<tbody>");
        for (Map.Entry<TlsVersion, VersionSupport> entry : report.versions().entrySet()) {
            VersionSupport support = entry.getValue();
            boolean allowed = report.profile().allows(entry.getKey());
            html.append("<tr data-version=\"").append(entry.getKey().protocolName()).append("\"><td>")
                    .append(entry.getKey().protocolName()).append("</td><td>").append(support.accepted() ? "yes" : "no")
                    .append("</td><td>").append(allowed ? "allowed" : "not allowed").append("</td><td>");
            List<String> suites = support.knownSuites();
            for (String suite : suites) {
                boolean ok = report.profile().allowedCipherSuites().contains(suite);
                html.append("<span class=\"suite ").append(ok ? "in" : "out").append("\">").append(esc(suite))
                        .append(ok ? "" : " (outside the profile)").append("</span> ");
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void chain(StringBuilder html, List<ChainLink> chain) {
        html.append("<h2>Certificate chain</h2><table id=\"chain\"><thead><tr><th>#</th><th>role</th>")
                .append("<th>subject</th><th>issuer</th><th>valid</th><th>key</th><th>signature</th>")
                .append("<th>SHA-256</th></tr></thead><tbody>");
        for (ChainLink link : chain) {
            html.append("<tr><td>").append(link.position() < 0 ? "not served" : Integer.toString(link.position()))
                    .append("</td><td>").append(link.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append("</td><td>").append(esc(link.facts().subject()))
                    .append(link.facts().sans().isEmpty() ? "" : "<br><small>" + esc(String.join(", ",
                            link.facts().sans())) + "</small>").append("</td><td>").append(esc(link.facts().issuer()))
                    .append("</td><td>").append(link.facts().notBefore()).append(" to ").append(link.facts().notAfter())
                    .append("</td><td>").append(esc(link.facts().keyDescription())).append("</td><td>")
                    .append(esc(link.facts().signatureAlgorithm())).append("</td><td class=\"hex\">")
                    .append(esc(link.facts().sha256())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void inventory(StringBuilder html, ConformanceReport report) {
        html.append("<h2>Inventory and rotation</h2><div id=\"inventory\">");
        if (report.inventory().isEmpty()) {
            html.append("<p>").append(esc(report.inventoryNote().orElse(""))).append("</p></div>");
            return;
        }
        InventoryStanding standing = report.inventory().get();
        html.append("<p id=\"automation\" class=\"").append(standing.automation().automated() ? "pass" : "fail")
                .append("\">Rotation ").append(standing.automation().automated() ? "is automated" : "is not automated")
                .append(": ").append(esc(standing.explanation())).append(".</p>");
        html.append("<p>Owner ").append(esc(standing.owner())).append(", environment ")
                .append(esc(standing.environment())).append("; stored at ").append(standing.locations().size())
                .append(" location(s), bound to ").append(standing.bindings().size()).append(" endpoint(s).</p>");
        standing.arrivedBy().ifPresent(rotation -> html.append("<p id=\"arrived-by\">Put in place by rotation ")
                .append(esc(rotation.rotationId())).append(" (").append(rotation.status()).append(", started ")
                .append(rotation.startedAt()).append(").</p>"));
        html.append("<table id=\"locations\"><thead><tr><th>source</th><th>ARN</th><th>status</th></tr></thead><tbody>");
        standing.locations().forEach(location -> html.append("<tr><td>").append(location.location().source())
                .append("</td><td>").append(esc(location.location().arn())).append("</td><td>")
                .append(esc(location.status())).append("</td></tr>"));
        html.append("</tbody></table><table id=\"bindings\"><thead><tr><th>bound to</th><th>resource</th>")
                .append("<th>DNS name</th><th>security policy</th></tr></thead><tbody>");
        standing.bindings().forEach(binding -> html.append("<tr><td>").append(binding.type()).append("</td><td>")
                .append(esc(binding.resourceId())).append("</td><td>").append(esc(binding.dnsName()))
                .append(binding.port() == null ? "" : ":" + binding.port()).append("</td><td>")
                .append(esc(binding.sslPolicy())).append("</td></tr>"));
        if (standing.bindings().isEmpty()) {
            html.append("<tr><td colspan=\"4\">bound to no endpoint the inventory knows</td></tr>");
        }
        html.append("</tbody></table><h3>Rotation history</h3><table id=\"history\"><thead><tr><th>rotation</th>")
                .append("<th>status</th><th>started</th><th>finished</th><th>replacement</th><th>reason</th></tr>")
                .append("</thead><tbody>");
        for (Rotation rotation : standing.rotations()) {
            html.append("<tr><td>").append(esc(rotation.rotationId())).append("</td><td>").append(rotation.status())
                    .append("</td><td>").append(rotation.startedAt()).append("</td><td>")
                    .append(rotation.finishedAt() == null ? "" : rotation.finishedAt().toString()).append("</td><td>")
                    .append(esc(rotation.replacementSha256())).append("</td><td>").append(esc(rotation.reason()))
                    .append("</td></tr>");
        }
        if (standing.rotations().isEmpty()) {
            html.append("<tr><td colspan=\"6\">no rotation of this certificate yet</td></tr>");
        }
        html.append("</tbody></table></div>");
    }

    private static void findings(StringBuilder html, List<Finding> findings) {
        html.append("<h2>Findings</h2><ul id=\"findings\">");
        if (findings.isEmpty()) {
            html.append("<li>none</li>");
        }
        findings.forEach(finding -> html.append("<li class=\"sev-").append(finding.severity().label()).append("\">")
                .append(esc(describe(finding))).append("</li>"));
        html.append("</ul>");
    }

    private static String describe(Finding finding) {
        return finding.code() + " (" + finding.severity().label() + "): " + finding.detail();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static void list(StringBuilder html, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        html.append("<ul>");
        lines.forEach(line -> html.append("<li>").append(esc(line)).append("</li>"));
        html.append("</ul>");
    }

    private static String esc(String text) {
        return HtmlReport.escape(text);
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fff}
            h1{margin:0 0 4px}h2{margin:24px 0 8px;font-size:18px}h3{font-size:15px}.meta{color:#666}
            table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border-bottom:1px solid #eee;
            padding:4px 8px;text-align:left;vertical-align:top}td ul{margin:0;padding-left:16px}
            .verdict{font-size:20px;font-weight:600;padding:8px 12px;border-radius:6px;display:inline-block}
            .pass{color:#1d6b2f}.verdict.pass{background:#e4f4e7}.fail{color:#a32020}.verdict.fail{background:#fbe5e5}
            .o-pass{color:#1d6b2f;font-weight:600}.o-fail{color:#a32020;font-weight:600}.o-not_applicable{color:#777}
            .suite{display:inline-block;margin:1px 4px 1px 0;padding:1px 6px;border-radius:4px;font-size:12px}
            .suite.in{background:#e4f4e7}.suite.out{background:#fbe5e5}.hex{font-family:monospace;font-size:11px;
            word-break:break-all}.sev-critical{color:#d64545;font-weight:600}.sev-high{color:#c0612b}""";
}
