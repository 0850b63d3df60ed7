package io.certfleet.wiring;

import io.certfleet.adapters.aws.ScopedClients;
import io.certfleet.adapters.aws.acm.AcmCertificateReader;
import io.certfleet.adapters.aws.acm.AcmCertificateRetirer;
import io.certfleet.adapters.aws.acm.AcmCertificateTagger;
import io.certfleet.adapters.aws.issuer.AwsReplacementIssuers;
import io.certfleet.adapters.aws.dynamodb.DynamoDbCircuitBreaker;
import io.certfleet.adapters.aws.dynamodb.DynamoDbRotationRequests;
import io.certfleet.adapters.aws.dynamodb.DynamoDbRotationStore;
import io.certfleet.adapters.aws.elb.CloudWatchNegotiationMetrics;
import io.certfleet.adapters.aws.rotation.AwsBindingSwitches;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.AiaIssuerLookup;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.adapters.tls.TlsEndpointProber;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.ProbeEndpoints;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.probe.fleet.BindingTargets;
import io.certfleet.core.rotation.ApproveRotation;
import io.certfleet.core.rotation.CanaryCheck;
import io.certfleet.core.rotation.CanaryProber;
import io.certfleet.core.rotation.CertificateRetirer;
import io.certfleet.core.rotation.CircuitBreaker;
import io.certfleet.core.rotation.FinishRotation;
import io.certfleet.core.rotation.IssueReplacement;
import io.certfleet.core.rotation.PlanRotation;
import io.certfleet.core.rotation.RequestRollback;
import io.certfleet.core.rotation.RetireReplacedCertificates;
import io.certfleet.core.rotation.RequestRotations;
import io.certfleet.core.rotation.RotationStore;
import io.certfleet.core.rotation.StartRotation;
import io.certfleet.core.rotation.SwapBinding;
import io.certfleet.core.rotation.swap.BindingSwitches;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rotation use cases wired to AWS: rotations, locks and the breaker in the inventory table; swaps and
 * certificate reads in each binding's account through the member rotation role; canaries through the same prober
 * as the fleet's probes (trust, {@code CERTFLEET_CONNECT_TO}).
 */
public final class RotationWiring {

    private final Wiring wiring;
    private final TrustMaterial trust;
    private final AddressResolver addresses;
    private ScopedClients memberClients;

    RotationWiring(Wiring wiring, TrustMaterial trust, AddressResolver addresses) {
        this.wiring = wiring;
        this.trust = trust;
        this.addresses = addresses;
    }

    public RotationStore rotations() {
        return new DynamoDbRotationStore(wiring.aws().dynamoDb(), wiring.settings().tableName(), wiring.clock());
    }

    public CircuitBreaker breaker() {
        RotationOptions options = wiring.settings().rotation();
        return new DynamoDbCircuitBreaker(wiring.aws().dynamoDb(), wiring.settings().tableName(),
                options.breakerFailures(), options.breakerWindow(), wiring.clock());
    }

    /** Clients acting in each binding's account: the caller's own, else through the member rotation role. */
    public synchronized ScopedClients memberClients() {
        if (memberClients == null) {
            memberClients = new ScopedClients(wiring.aws(), wiring.settings().rotation().roleName(),
                    wiring::callerAccountId, "certfleet-rotation");
        }
        return memberClients;
    }

    public BindingSwitches switches() {
        return AwsBindingSwitches.create(memberClients());
    }

    public PlanRotation planRotation() {
        return new PlanRotation(wiring.inventory(), wiring.probeResults(), wiring.policies(),
                new BindingTargets(wiring.settings().probe().reachesInternalEndpoints()), rotations(),
                wiring.settings().rotation().drillable(), wiring.clock());
    }

    public StartRotation startRotation() {
        return new StartRotation(rotations(), wiring.rotationLocks(), breaker(), wiring.events(), approveRotation(),
                wiring.clock());
    }

    public ApproveRotation approveRotation() {
        return new ApproveRotation(rotations(), wiring.events(), wiring.owners(), wiring.rotationLocks(),
                wiring.clock());
    }

    public IssueReplacement issueReplacement() {
        Set<String> roots = trust.anchors().stream().map(X509Facts::subject).collect(Collectors.toSet());
        return new IssueReplacement(rotations(), wiring.inventory(),
                new AcmCertificateReader(scope -> memberClients().forScope(scope).acm()),
                new BouncyCastleCertificateParser(), wiring.policies(), roots::contains,
                AwsReplacementIssuers.create(memberClients(), wiring::callerAccountId), wiring.owners(), breaker(),
                certificateTagger(), wiring.clock());
    }

    public SwapBinding swapBinding() {
        return new SwapBinding(rotations(), switches(), certificateTagger(), wiring.clock());
    }

    /** Tags a certificate in its own account-region, through the member account's rotation role. */
    private AcmCertificateTagger certificateTagger() {
        return new AcmCertificateTagger(scope -> memberClients().forScope(scope).acm());
    }

    public CanaryCheck canaryCheck() {
        return new CanaryCheck(rotations(), switches(), canaryProber(), wiring.policies(),
                new CloudWatchNegotiationMetrics(scope -> memberClients().forScope(scope).cloudWatch()),
                wiring.clock());
    }

    public FinishRotation finishRotation() {
        return new FinishRotation(rotations(), wiring.events(), wiring.owners(), breaker(), wiring.rotationLocks(),
                wiring.findingStore(), wiring.clock());
    }

    /** The policy's rotation requests, after each account-region's judgement. */
    public RequestRotations requestRotations() {
        return new RequestRotations(wiring.inventory(), wiring.policies(), new DynamoDbRotationRequests(
                wiring.aws().dynamoDb(), wiring.settings().tableName()), wiring.events(), wiring.clock());
    }

    /** Deletes, after their retention, the certificates succeeded rotations replaced (if nothing uses them). */
    public RetireReplacedCertificates retireReplaced() {
        return new RetireReplacedCertificates(rotations(), wiring.inventory(), wiring.policies(),
                new AcmCertificateRetirer(scope -> memberClients().forScope(scope).acm()), wiring.clock());
    }

    /** Deletes one certificate in its account-region unless something uses it (a drill's, after it). */
    public CertificateRetirer certificateRetirer() {
        return new AcmCertificateRetirer(scope -> memberClients().forScope(scope).acm());
    }

    public RequestRollback requestRollback() {
        return new RequestRollback(rotations(), breaker(), wiring.events(), wiring.clock());
    }

    /** One handshake per check, with the deployment's trust and connect-to rules. */
    public CanaryProber canaryProber() {
        ProbeOptions options = wiring.settings().probe();
        ProbeEndpoints probe = new ProbeEndpoints(new TlsEndpointProber(Wiring.PROBES_PER_HOST, addresses),
                new DiagnoseEndpoint(trust, new AiaIssuerLookup(options.timeout()), wiring.clock()));
        return (target, policy, expected) -> probe.probe(List.of(target), policy, Optional.ofNullable(expected),
                options.timeout(), 1).getFirst();
    }

    static RotationWiring of(Wiring wiring) {
        return new RotationWiring(wiring, wiring.probeTrust(), ConnectTo.resolver(wiring.settings().probe()
                .connectTo(), AddressResolver.DNS));
    }
}
