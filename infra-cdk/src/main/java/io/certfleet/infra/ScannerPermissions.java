package io.certfleet.infra;

import java.util.List;

/**
 * The read-only calls a scan makes in an account, and nothing else. Used for the scanner in its own account and
 * for the role it assumes in member accounts.
 */
final class ScannerPermissions {

    /** Actions without resource-level permissions (AWS requires Resource "*" for them). */
    static final List<String> READ_ACTIONS = List.of(
            "acm:ListCertificates",
            "acm:GetCertificate",
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeListenerCertificates",
            "elasticloadbalancing:DescribeTags",
            "iam:ListServerCertificates",
            "iam:GetServerCertificate",
            "cloudfront:ListDistributions",
            "cloudfront:GetDistributionConfig",
            "apigateway:GET",
            "tag:GetResources");

    private ScannerPermissions() {
    }
}
