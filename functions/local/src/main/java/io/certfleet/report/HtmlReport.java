package io.certfleet.report;

import io.certfleet.core.compliance.GovernanceKpis;
import io.certfleet.core.finding.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The fleet report as one self-contained HTML page: inline CSS, an inline SVG chart, a little inline script for
 * sorting and filtering the table; no font, script, image or style from anywhere else, so it opens offline and
 * makes no request. Every value from the inventory is HTML-escaped (certificate subjects come from whoever made the
 * certificate).
 */
public final class HtmlReport {

    private static final Map<Optional<Severity>, String> COLOURS = Map.of(
            Optional.empty(), "#7fb77e", Optional.of(Severity.LOW), "#c8d96f", Optional.of(Severity.MEDIUM),
            "#f2c14e", Optional.of(Severity.HIGH), "#f08a4b", Optional.of(Severity.CRITICAL), "#d64545");

    private HtmlReport() {
    }

    public static String render(FleetReport report) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ")
                .append("'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
                .append("<title>certfleet fleet report</title><style>").append(CSS).append("</style></head><body>");
        html.append("<h1>certfleet fleet report</h1><p class=\"meta\">Inventory table ")
                .append(escape(report.tableName())).append(", generated ").append(report.generatedAt())
                .append(".</p>");
        kpis(html, report.kpis());
        timeline(html, report);
        findings(html, report);
        table(html, report);
        html.append("<script>").append(SCRIPT).append("</script></body></html>\n");
        return html.toString();
    }

    private static void kpis(StringBuilder html, GovernanceKpis kpis) {
        html.append("<h2>Governance KPIs</h2><div class=\"kpis\" id=\"kpis\">");
        card(html, "Handshake success", percent(kpis.handshakes().success()), kpis.handshakes().success().count()
                + " of " + kpis.handshakes().success().total() + " probed endpoints");
        card(html, "Scan coverage", kpis.inventory().coverage().map(coverage -> format(coverage.ratio()))
                .orElse("-"), kpis.inventory().coverage().map(coverage -> coverage.accountRegionsScanned() + " of "
                + coverage.accountRegionsPlanned() + " account-regions").orElse("no scan finished"));
        card(html, "Meeting policy", percent(kpis.policy().meetingPolicy()), "endpoints, no open finding high+");
        card(html, "Allowed security policy", percent(kpis.policy().allowedSecurityPolicy()), "endpoints");
        card(html, "Owned endpoints", percent(kpis.inventory().ownedEndpoints()), "owner other than the default");
        card(html, "Short-lived", percent(kpis.lifetimes().shortLived()), "certificates valid at most 100 days");
        card(html, "Time to rotation", kpis.rotations().meanSeconds().map(HtmlReport::duration).orElse("-"),
                kpis.rotations().succeeded() == 0 ? "no rotation has succeeded yet" : "mean of "
                        + kpis.rotations().succeeded() + "; p90 " + duration(kpis.rotations().p90Seconds()
                        .orElseThrow()));
        card(html, "Open findings", Long.toString(kpis.findings().open()), "critical " + kpis.findings()
                .bySeverity().get(Severity.CRITICAL) + ", high " + kpis.findings().bySeverity().get(Severity.HIGH));
        html.append("</div>");
    }

    private static void card(StringBuilder html, String title, String value, String detail) {
        html.append("<div class=\"kpi\"><div class=\"kpi-title\">").append(escape(title))
                .append("</div><div class=\"kpi-value\">").append(escape(value)).append("</div><div class=\"kpi-detail\">")
                .append(escape(detail)).append("</div></div>");
    }

    /** Certificates per week for the next 26 weeks, stacked by their worst open finding's severity. */
    private static void timeline(StringBuilder html, FleetReport report) {
        long highest = Math.max(1, report.weeks().stream().mapToLong(week -> week.values().stream()
                .mapToLong(Long::longValue).sum()).max().orElse(1));
        int width = 26 * 30 + 60;
        int height = 220;
        html.append("<h2>Expiry timeline</h2><p class=\"meta\">Certificates expiring per week, the next 26 weeks, ")
                .append("coloured by their worst open finding; ").append(report.expired())
                .append(" already expired.</p><svg id=\"timeline\" role=\"img\" aria-label=\"expiry timeline\" ")
                .append("viewBox=\"0 0 ").append(width).append(' ').append(height + 40).append("\" width=\"")
                .append(width).append("\" height=\"").append(height + 40).append("\">");
        html.append("<line x1=\"40\" y1=\"").append(height).append("\" x2=\"").append(width).append("\" y2=\"")
                .append(height).append("\" stroke=\"#888\"/>");
        html.append("<text x=\"4\" y=\"14\" class=\"axis\">").append(highest).append("</text>");
        for (int week = 0; week < report.weeks().size(); week++) {
            double y = height;
            int x = 44 + week * 30;
            for (Map.Entry<Optional<Severity>, Long> part : report.weeks().get(week).entrySet()) {
                double barHeight = (height - 20) * (double) part.getValue() / highest;
                y -= barHeight;
                html.append("<rect class=\"bar\" x=\"").append(x).append("\" y=\"")
                        .append(String.format(Locale.ROOT, "%.1f", y)).append("\" width=\"24\" height=\"")
                        .append(String.format(Locale.ROOT, "%.1f", barHeight)).append("\" fill=\"")
                        .append(COLOURS.get(part.getKey())).append("\"><title>week ").append(week + 1).append(": ")
                        .append(part.getValue()).append(' ').append(part.getKey().map(Severity::label)
                                .orElse("no open finding")).append("</title></rect>");
            }
            if (week % 4 == 0) {
                html.append("<text x=\"").append(x).append("\" y=\"").append(height + 16)
                        .append("\" class=\"axis\">w").append(week + 1).append("</text>");
            }
        }
        int legend = 44;
        for (Optional<Severity> severity : List.of(Optional.<Severity>empty(), Optional.of(Severity.LOW),
                Optional.of(Severity.MEDIUM), Optional.of(Severity.HIGH), Optional.of(Severity.CRITICAL))) {
            html.append("<rect x=\"").append(legend).append("\" y=\"").append(height + 26)
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(COLOURS.get(severity)).append("\"/>")
                    .append("<text x=\"").append(legend + 14).append("\" y=\"").append(height + 35)
                    .append("\" class=\"axis\">").append(severity.map(Severity::label).orElse("none"))
                    .append("</text>");
            legend += 90;
        }
        html.append("</svg>");
    }

    private static void findings(StringBuilder html, FleetReport report) {
        html.append("<h2>Open findings by owner and environment</h2><table id=\"findings\"><thead><tr>")
                .append("<th>owner / environment</th><th>critical</th><th>high</th><th>medium</th><th>low</th>")
                .append("</tr></thead><tbody>");
        report.findingsByOwnerAndEnvironment().forEach((key, counts) -> {
            html.append("<tr><td>").append(escape(key)).append("</td>");
            for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
                html.append("<td class=\"num\">").append(counts.getOrDefault(severity, 0L)).append("</td>");
            }
            html.append("</tr>");
        });
        if (report.findingsByOwnerAndEnvironment().isEmpty()) {
            html.append("<tr><td colspan=\"5\">no open finding</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void table(StringBuilder html, FleetReport report) {
        html.append("<h2>Certificates</h2><p><label for=\"owner-filter\">Owner </label>")
                .append("<select id=\"owner-filter\"><option value=\"\">all</option>");
        new TreeSet<>(report.rows().stream().map(FleetReport.Row::owner).toList()).forEach(owner -> html
                .append("<option>").append(escape(owner)).append("</option>"));
        html.append("</select> <span id=\"shown\"></span></p><table id=\"certificates\"><thead><tr>");
        for (String column : List.of("subject", "owner", "environment", "account", "region", "expires",
                "days", "endpoints", "worst open", "open codes")) {
            html.append("<th data-sort>").append(column).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (FleetReport.Row row : report.rows()) {
            html.append("<tr data-owner=\"").append(escape(row.owner())).append("\" title=\"")
                    .append(escape(row.arn())).append("\"><td>").append(escape(row.subject())).append("</td><td>")
                    .append(escape(row.owner())).append("</td><td>").append(escape(row.environment()))
                    .append("</td><td>").append(escape(row.account())).append("</td><td>")
                    .append(escape(row.region())).append("</td><td>")
                    .append(row.notAfter() == null ? "" : row.notAfter().toString().substring(0, 10))
                    .append("</td><td class=\"num\">").append(row.daysToExpiry() == null ? "" : row.daysToExpiry())
                    .append("</td><td class=\"num\">").append(row.endpoints()).append("</td><td class=\"sev-")
                    .append(row.worstOpen().map(Severity::label).orElse("none")).append("\">")
                    .append(row.worstOpen().map(Severity::label).orElse("")).append("</td><td>")
                    .append(escape(String.join(" ", row.openCodes()))).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static String percent(GovernanceKpis.Share share) {
        return share.ratio().map(HtmlReport::format).orElse("-");
    }

    private static String format(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static String duration(long seconds) {
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min"
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    /** Text as HTML text or attribute value: nothing from the inventory becomes markup. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fff}
            h1{margin:0 0 4px}h2{margin:28px 0 8px;font-size:18px}.meta{color:#666;margin:4px 0}
            .kpis{display:flex;flex-wrap:wrap;gap:12px}.kpi{border:1px solid #ddd;border-radius:8px;padding:10px 14px;
            min-width:150px}.kpi-title{font-size:12px;color:#666}.kpi-value{font-size:26px;font-weight:600}
            .kpi-detail{font-size:12px;color:#666}table{border-collapse:collapse;font-size:13px}
            th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}th[data-sort]{cursor:pointer}
            th[data-sort]:hover{background:#f3f3f3}.num{text-align:right}.axis{font-size:11px;fill:#555}
            .sev-critical{color:#d64545;font-weight:600}.sev-high{color:#c0612b;font-weight:600}
            .sev-medium{color:#a07a12}""";

    private static final String SCRIPT = """
            (function(){
              var table=document.getElementById('certificates');
              var body=table.tBodies[0];
              var filter=document.getElementById('owner-filter');
              function show(){var n=0;Array.prototype.forEach.call(body.rows,function(r){
                var on=!filter.value||r.getAttribute('data-owner')===filter.value;r.hidden=!on;if(on)n++;});
                document.getElementById('shown').textContent=n+' of '+body.rows.length+' certificates';}
              filter.addEventListener('change',show);
              Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
                th.addEventListener('click',function(){
                  var asc=th.getAttribute('data-dir')!=='asc';
                  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.removeAttribute('data-dir');});
                  th.setAttribute('data-dir',asc?'asc':'desc');
                  var rows=Array.prototype.slice.call(body.rows);
                  rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;
                    var nx=parseFloat(x),ny=parseFloat(y);
                    var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?c:-c;});
                  rows.forEach(function(r){body.appendChild(r);});});});
              show();
              document.body.setAttribute('data-ready','true');
            })();""";
}
