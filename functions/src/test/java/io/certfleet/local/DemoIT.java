package io.certfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.cli.CertfleetCli;
import io.certfleet.cli.ExitCode;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code certfleet demo} end to end on the emulator, twice: the second run must not trip on the first. */
@ExtendWith(AwsEmulatorExtension.class)
class DemoIT {

    @Test
    void demoPrintsTheExpiryTableAndCanRunTwice(AwsEmulator emulator) {
        String first = runDemo(emulator);
        String second = runDemo(emulator);

        assertThat(first).contains("Inventory table certfleet-inventory: created")
                .contains("removed 0 certificates of an earlier demo run, imported 5");
        assertThat(second).contains("Inventory table certfleet-inventory: existed")
                .contains("removed 5 certificates of an earlier demo run, imported 5")
                .contains("5 marked removed");
        for (String output : List.of(first, second)) {
            List<String> rows = output.lines().filter(line -> line.startsWith("CN=")).toList();
            assertThat(rows).hasSize(5);
            assertThat(rows.getFirst()).contains("checkout.demo.certfleet.test").contains("RSA-2048")
                    .containsPattern("\\s2\\s+EXPIRING_SOON");
            assertThat(rows.getLast()).contains("www.demo.certfleet.test").contains("OK");
            assertThat(output).contains("5 certificates, 3 need attention.");
        }
    }

    private static String runDemo(AwsEmulator emulator) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CertfleetCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "demo", "--endpoint", emulator.endpoint().toString());
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isEqualTo(ExitCode.OK);
        return out.toString();
    }
}
