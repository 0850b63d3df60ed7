package io.certfleet.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** The probe settings of the deployed functions, from their environment. */
class ProbeOptionsTest {

    @Test
    void connectToRulesAndCaFilesComeFromTheEnvironment(@TempDir Path directory) throws Exception {
        IssuedCertificate root = CertificateBuilder.certificate("Env Root").certificateAuthority()
                .validFor(Instant.now(), Duration.ofDays(30)).build();
        Path pem = Files.writeString(directory.resolve("root.pem"), root.certificatePem());

        CertfleetSettings settings = CertfleetSettings.fromEnvironment(Map.of(
                ProbeOptions.CONNECT_TO_VARIABLE, "shop.example.com:443:127.0.0.1:8443 ::127.0.0.1:9443",
                ProbeOptions.CA_FILES_VARIABLE, " " + pem + " ,"));

        assertThat(settings.probe().connectTo()).containsExactly(ConnectTo.parse("shop.example.com:443:127.0.0.1:8443"),
                ConnectTo.parse("::127.0.0.1:9443"));
        assertThat(settings.probe().caFiles()).containsExactly(pem.toString());
        try (AwsClients unused = new AwsClients(AwsSettings.forEmulator(URI.create("http://127.0.0.1:9"),
                Region.US_EAST_1))) {
            assertThat(new Wiring(unused, Clock.systemUTC(), settings).probeTrust().anchors())
                    .as("the JDK's roots and the private CA's").contains(root.certificate()).hasSizeGreaterThan(10);
        }
        assertThatThrownBy(() -> CertfleetSettings.fromEnvironment(Map.of(ProbeOptions.CONNECT_TO_VARIABLE,
                "shop.example.com"))).hasMessageStartingWith("CERTFLEET_CONNECT_TO: 'shop.example.com' is not "
                + "HOST:PORT:HOST2:PORT2");
    }
}
