package io.certfleet.adapters.aws.issuer;

import io.certfleet.adapters.aws.ScopedClients;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.issuer.IssueOrder;
import io.certfleet.core.rotation.issuer.Issuance;
import io.certfleet.core.rotation.issuer.ReplacementIssuer;
import java.util.List;
import java.util.function.Supplier;

/** The issuers by kind: {@code acm-public} and {@code acm-private}; {@code provided} issues nothing. */
public final class AwsReplacementIssuers implements ReplacementIssuer {

    private final AcmPublicIssuer acmPublic;
    private final PrivateCaIssuer acmPrivate;

    public AwsReplacementIssuers(AcmPublicIssuer acmPublic, PrivateCaIssuer acmPrivate) {
        this.acmPublic = acmPublic;
        this.acmPrivate = acmPrivate;
    }

    /** ACM and Route 53 in each binding's account (member role), the Private CA with certfleet's own credentials. */
    public static AwsReplacementIssuers create(ScopedClients members, Supplier<String> callerAccountId) {
        return new AwsReplacementIssuers(
                new AcmPublicIssuer(scope -> members.forScope(scope).acm(),
                        scope -> members.forScope(scope).route53()),
                new PrivateCaIssuer(region -> members.forScope(new ScanScope(callerAccountId.get(), region))
                        .acmPca(), scope -> members.forScope(scope).acm()));
    }

    @Override
    public Issuance issue(IssueOrder order) {
        return switch (order.issuer().kind()) {
            case ACM_PUBLIC -> acmPublic.issue(order);
            case ACM_PRIVATE -> acmPrivate.issue(order);
            case PROVIDED -> new Issuance.Refused(List.of("provided: the owner imports the replacement, certfleet "
                    + "issues none"));
        };
    }
}
