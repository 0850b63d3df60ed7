package io.certfleet.adapters.aws.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.adapters.aws.ScopedClients;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.swap.BindingSwitches;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapException;
import io.certfleet.core.rotation.swap.SwapTarget;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;

/**
 * Every binding type's swap and restore on the emulator: only the binding's certificate changes, a second call
 * changes nothing, a listener default keeps its SNI list (moto drops it on ModifyListener), a restore undoes only
 * its own binding's change.
 */
@ExtendWith(AwsEmulatorExtension.class)
class BindingSwitchesIT {

    private static final ScanScope SCOPE = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());

    private final AwsEmulator emulator;
    private FleetSeeder.Account account;
    private BindingSwitches switches;
    private String oldDefault;
    private String newDefault;
    private String sni;
    private String otherSni;
    private String newSni;

    BindingSwitchesIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void certificates() {
        emulator.resetNow();
        account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION);
        switches = AwsBindingSwitches.create(new ScopedClients(emulator.clients(), "CertfleetMemberRotationRole",
                () -> AwsEmulator.ACCOUNT_ID, "certfleet-rotation-it"));
        oldDefault = imported("shop.switch.test");
        newDefault = imported("shop.switch.test");
        sni = imported("pay.switch.test");
        otherSni = imported("help.switch.test");
        newSni = imported("pay.switch.test");
    }

    private String imported(String name) {
        Instant now = Instant.now();
        IssuedCertificate certificate = CertificateBuilder.certificate(name).dnsNames(name)
                .validFor(now, Duration.ofDays(90)).build();
        return account.importCertificate(certificate, Map.of());
    }

    @Test
    void aListenerDefaultIsSwappedWithItsSniListKeptAndRestoredTheSameWay() {
        String listener = account.httpsLoadBalancer("shop", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-2021-06",
                oldDefault, List.of(sni, otherSni));
        SwapTarget target = new SwapTarget(BindingType.ELBV2_LISTENER, SCOPE, listener, true, oldDefault);
        ServedState before = switches.read(target);

        ServedState swapped = switches.swap(target, newDefault);

        assertThat(before).isEqualTo(new ServedState(oldDefault, List.of(sni, otherSni)));
        assertThat(swapped.certificate()).isEqualTo(newDefault);
        assertThat(swapped.sniCertificates()).as("moto drops the SNI list on ModifyListener: put back")
                .containsExactlyInAnyOrder(sni, otherSni);
        assertThat(switches.swap(target, newDefault)).as("a retried swap").isEqualTo(swapped);

        ServedState restored = switches.restore(target, newDefault, before);

        assertThat(restored.certificate()).isEqualTo(oldDefault);
        assertThat(restored.sniCertificates()).containsExactlyInAnyOrder(sni, otherSni);
        assertThat(switches.restore(target, newDefault, before)).as("a retried restore").isEqualTo(restored);
    }

    @Test
    void anSniCertificateIsReplacedAloneAndItsRestoreLeavesOtherChangesAlone() {
        String listener = account.httpsLoadBalancer("pay", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-2021-06",
                oldDefault, List.of(sni, otherSni));
        SwapTarget target = new SwapTarget(BindingType.ELBV2_LISTENER, SCOPE, listener, false, sni);
        ServedState before = switches.read(target);

        ServedState swapped = switches.swap(target, newSni);

        assertThat(swapped.certificate()).as("the default is untouched").isEqualTo(oldDefault);
        assertThat(swapped.sniCertificates()).containsExactlyInAnyOrder(newSni, otherSni);
        assertThat(switches.swap(target, newSni).sniCertificates()).as("a retried swap attaches nothing twice")
                .containsExactlyInAnyOrder(newSni, otherSni);

        // Meanwhile another rotation swaps the listener's default: undoing this one must not undo that one.
        SwapTarget defaultTarget = new SwapTarget(BindingType.ELBV2_LISTENER, SCOPE, listener, true, oldDefault);
        switches.swap(defaultTarget, newDefault);
        ServedState restored = switches.restore(target, newSni, before);

        assertThat(restored.certificate()).isEqualTo(newDefault);
        assertThat(restored.sniCertificates()).containsExactlyInAnyOrder(sni, otherSni);
    }

    @Test
    void aClassicListenerIsSwappedAndRestored() {
        account.classicLoadBalancer("legacy", Map.of(), 443, oldDefault);
        SwapTarget target = new SwapTarget(BindingType.ELB_LISTENER, SCOPE, "loadbalancer/legacy:443", true,
                oldDefault);
        ServedState before = switches.read(target);

        assertThat(switches.swap(target, newDefault)).isEqualTo(ServedState.of(newDefault));
        assertThat(switches.swap(target, newDefault)).isEqualTo(ServedState.of(newDefault));
        assertThat(switches.restore(target, newDefault, before)).isEqualTo(ServedState.of(oldDefault));
        assertThatThrownBy(() -> switches.read(new SwapTarget(BindingType.ELB_LISTENER, SCOPE,
                "loadbalancer/legacy:8443", true, oldDefault))).isInstanceOf(SwapException.class)
                .hasMessageContaining("no listener on port 8443");
    }

    @Test
    void aRestApiDomainChangesItsRegionalCertificateOnlyAndIsRestored() {
        account.restApiDomain("rest.switch.test", oldDefault, Map.of("owner", "api-team"));
        SwapTarget target = new SwapTarget(BindingType.APIGATEWAY_DOMAIN, SCOPE, "rest.switch.test", true,
                oldDefault);
        ServedState before = switches.read(target);

        assertThat(switches.swap(target, newDefault)).isEqualTo(ServedState.of(newDefault));
        assertThat(switches.swap(target, newDefault)).as("retried").isEqualTo(ServedState.of(newDefault));
        var domain = emulator.clients().apiGateway().getDomainName(request -> request.domainName("rest.switch.test"));
        assertThat(domain.regionalCertificateArn()).isEqualTo(newDefault);
        assertThat(domain.certificateArn()).as("the edge field untouched").isNull();
        assertThat(domain.securityPolicyAsString()).isEqualTo("TLS_1_2");

        assertThat(switches.restore(target, newDefault, before)).isEqualTo(ServedState.of(oldDefault));
        assertThat(switches.restore(target, newDefault, before)).isEqualTo(ServedState.of(oldDefault));
        assertThatThrownBy(() -> switches.swap(target, oldDefault.replaceFirst(".{4}$", "dead")))
                .isInstanceOf(SwapException.class).hasMessageContaining("not found in ACM");
    }

    @Test
    void anHttpApiDomainChangesTheConfigurationThatHeldTheOldCertificateAndIsRestored() {
        account.httpApiDomain("http.switch.test", oldDefault, Map.of());
        SwapTarget target = new SwapTarget(BindingType.APIGATEWAY_DOMAIN, SCOPE, "http.switch.test", true,
                oldDefault);
        ServedState before = switches.read(target);

        assertThat(switches.swap(target, newDefault)).isEqualTo(ServedState.of(newDefault));
        assertThat(switches.swap(target, newDefault)).isEqualTo(ServedState.of(newDefault));
        var configuration = emulator.clients().apiGatewayV2().getDomainName(request -> request
                .domainName("http.switch.test")).domainNameConfigurations().getFirst();
        assertThat(configuration.certificateArn()).isEqualTo(newDefault);
        assertThat(configuration.endpointTypeAsString()).isEqualTo("REGIONAL");
        assertThat(configuration.securityPolicyAsString()).isEqualTo("TLS_1_2");

        assertThat(switches.restore(target, newDefault, before)).isEqualTo(ServedState.of(oldDefault));
        assertThatThrownBy(() -> switches.read(new SwapTarget(BindingType.APIGATEWAY_DOMAIN, SCOPE,
                "missing.switch.test", true, oldDefault))).isInstanceOf(SwapException.class)
                .hasMessageContaining("no such custom domain name");
    }

    @Test
    void aDistributionChangesOnlyItsCertificateAndSaysWhenItIsDeployed() {
        String distribution = account.distribution("www.switch.test", oldDefault, Map.of());
        SwapTarget target = new SwapTarget(BindingType.CLOUDFRONT, SCOPE.global(), distribution, true, oldDefault);
        DistributionConfig configBefore = emulator.clients().cloudFront().getDistributionConfig(request -> request
                .id(distribution)).distributionConfig();
        ServedState before = switches.read(target);

        ServedState swapped = switches.swap(target, newDefault);

        DistributionConfig configAfter = emulator.clients().cloudFront().getDistributionConfig(request -> request
                .id(distribution)).distributionConfig();
        assertThat(swapped).isEqualTo(ServedState.of(newDefault));
        assertThat(configAfter.viewerCertificate().sslSupportMethodAsString()).isEqualTo("sni-only");
        assertThat(configAfter.viewerCertificate().minimumProtocolVersionAsString()).isEqualTo("TLSv1.2_2021");
        assertThat(configAfter.aliases()).isEqualTo(configBefore.aliases());
        assertThat(configAfter.origins()).isEqualTo(configBefore.origins());
        assertThat(switches.settled(target)).isTrue();
        assertThat(switches.restore(target, newDefault, before)).isEqualTo(ServedState.of(oldDefault));
    }
}
