package io.certfleet.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, each beside the resource it concerns: the rule, the reason, and (for granular rules such as
 * IAM5) exactly which findings it covers, so a new wildcard is still reported. The README counts them.
 */
final class Nag {

    private Nag() {
    }

    /**
     * Suppresses {@code rule} on {@code construct} and its children. {@code appliesTo}: the findings covered
     * ({@code "Resource::*"}, {@code "Action::kms:ReEncrypt*"}); an entry starting with {@code /} is a regular
     * expression in cdk-nag's form ({@code /^Resource::<.*Logs.*\.Arn>:\*$/g}). Empty: the whole rule.
     */
    static void suppress(IConstruct construct, String rule, String reason, List<String> appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (!appliesTo.isEmpty()) {
            List<Object> findings = new ArrayList<>();
            for (String finding : appliesTo) {
                findings.add(finding.startsWith("/") ? RegexAppliesTo.builder().regex(finding).build() : finding);
            }
            suppression.appliesTo(findings);
        }
        NagSuppressions.addResourceSuppressions(construct, List.of(suppression.build()), true);
    }

    /** The KMS actions CDK grants for a customer-managed key (the inventory table's), on that key only. */
    static void suppressKeyGrant(IConstruct role) {
        suppress(role, "AwsSolutions-IAM5", "CDK's grant for the inventory table's customer-managed key: DynamoDB "
                + "needs data keys generated and re-encrypted; the statement names that one key",
                List.of("Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*"));
    }

    /** Queries of the inventory table's own global secondary indexes. */
    static void suppressTableIndexes(IConstruct role) {
        suppress(role, "AwsSolutions-IAM5", "queries the inventory table's own global secondary indexes "
                + "(byAccount, byExpiry, byOwner, byStatus): the index part of the ARN is the only wildcard",
                List.of("/^Resource::<Inventory.*\\.Arn>\\/index\\/\\*$/g"));
    }
}
