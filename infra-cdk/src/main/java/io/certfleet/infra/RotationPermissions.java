package io.certfleet.infra;

import java.util.List;

/**
 * The AWS calls rotation makes on certificates' endpoints, in the central account (through the functions' roles)
 * and in member accounts (through their opt-in rotation role): the swap's writes and the reads that verify them (and
 * the rejected tag of a rolled-back replacement), the canary's reads, and the issuer's requests and imports. Nothing else: the scanner role stays read-only.
 */
final class RotationPermissions {

    static final List<String> SWAP_ACTIONS = List.of(
            "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerCertificates",
            "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates",
            "elasticloadbalancing:RemoveListenerCertificates", "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:SetLoadBalancerListenerSSLCertificate",
            "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution", "cloudfront:GetDistribution",
            "apigateway:GET", "apigateway:PATCH", "acm:AddTagsToCertificate");

    static final List<String> CANARY_ACTIONS = List.of("cloudwatch:GetMetricData", "cloudfront:GetDistribution",
            "elasticloadbalancing:DescribeListenerCertificates", "elasticloadbalancing:DescribeListeners",
            "apigateway:GET");

    /** Reading the replacement; issuing one (acm-public: request it, write its DNS validation records in the
     *  account's hosted zone; acm-private: import what the CA signed, retried into the same ARN). */
    static final List<String> ISSUE_ACTIONS = List.of("acm:DescribeCertificate", "acm:GetCertificate",
            "acm:ListTagsForCertificate", "acm:ListCertificates", "acm:RequestCertificate", "acm:ImportCertificate",
            "acm:AddTagsToCertificate", "route53:ListHostedZones", "route53:ChangeResourceRecordSets");

    /** Retiring a replaced certificate after its retention (ACM refuses to delete one still in use). */
    static final List<String> RETIRE_ACTIONS = List.of("acm:DeleteCertificate");

    /** AWS Private CA, with certfleet's own role (a CA of another account is shared through AWS RAM). */
    static final List<String> PRIVATE_CA_ACTIONS = List.of("acm-pca:DescribeCertificateAuthority",
            "acm-pca:IssueCertificate", "acm-pca:GetCertificate");

    private RotationPermissions() {
    }
}
