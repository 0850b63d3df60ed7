package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.api.ExportFormat;
import io.certfleet.core.compliance.CertificateFilter;
import io.certfleet.core.compliance.KpiFilter;
import io.certfleet.report.FleetReport;
import io.certfleet.report.HtmlReport;
import io.certfleet.wiring.Wiring;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, subcommands = ConformanceCommand.class,
        description = "The fleet report: one self-contained HTML page (KPIs, expiry timeline, findings by owner and "
                + "environment, the certificate table, sortable and filterable by owner; no network needed to view)"
                + " and, with --csv, the rows of the API's export. 'report conformance' reports one endpoint.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOptions inventory;

    @Option(names = "--html", paramLabel = "FILE", description = "Where to write the HTML page (required).")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the certificates as CSV (the export's "
            + "columns).")
    Path csv;

    @Override
    public Integer call() {
        if (html == null) {
            throw new ParameterException(spec.commandLine(), "give --html FILE for the fleet report, or use "
                    + "'certfleet report conformance --endpoint HOST:PORT' for one endpoint");
        }
        for (Path file : csv == null ? java.util.List.of(html) : java.util.List.of(html, csv)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new ParameterException(spec.commandLine(), "no directory for " + file + ": create "
                        + parent + " first");
            }
        }
        try (AwsClients aws = AwsClients.fromEnvironment()) {
            Wiring wiring = inventory.readingWiring(aws);
            long rows = write(wiring, inventory.table, html, csv);
            spec.commandLine().getOut().printf("Fleet report: %s (%d certificates)%s%n", html.toAbsolutePath(),
                    rows, csv == null ? "" : "; CSV: " + csv.toAbsolutePath());
        }
        return ExitCode.OK;
    }

    /** Writes the HTML report (and the CSV when {@code csv} is not null) in one walk; returns the certificates. */
    static long write(Wiring wiring, String table, Path html, Path csv) {
        FleetReport.Builder builder = new FleetReport.Builder(wiring.clock().instant());
        long rows;
        try {
            try (OutputStream out = csv == null ? OutputStream.nullOutputStream()
                    : new BufferedOutputStream(Files.newOutputStream(csv))) {
                ExportFormat.Writer writer = ExportFormat.CSV.writer(out);
                writer.begin();
                rows = wiring.compliance().export().export(CertificateFilter.NONE, exported -> {
                    builder.add(exported);
                    writer.write(ExportFormat.row(exported));
                });
                writer.end();
            }
            FleetReport report = builder.build(table, wiring.computeKpis().compute(KpiFilter.FLEET));
            Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
