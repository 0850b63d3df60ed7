package io.certfleet.infra;

import java.util.List;

/**
 * The AWS calls rotation makes on certificates' endpoints, in the central account (through the functions' roles)
 * and in member accounts (through their opt-in rotation role): the swap's writes and the reads that verify them, and
 * the canary's reads. Nothing else: the scanner role stays read-only.
 */
final class RotationPermissions {

    static final List<String> SWAP_ACTIONS = List.of(
            "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerCertificates",
            "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates",
            "elasticloadbalancing:RemoveListenerCertificates", "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:SetLoadBalancerListenerSSLCertificate",
            "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution", "cloudfront:GetDistribution");

    static final List<String> CANARY_ACTIONS = List.of("cloudwatch:GetMetricData", "cloudfront:GetDistribution",
            "elasticloadbalancing:DescribeListenerCertificates", "elasticloadbalancing:DescribeListeners");

    static final List<String> ISSUE_ACTIONS = List.of("acm:DescribeCertificate", "acm:GetCertificate",
            "acm:ListTagsForCertificate");

    private RotationPermissions() {
    }
}
