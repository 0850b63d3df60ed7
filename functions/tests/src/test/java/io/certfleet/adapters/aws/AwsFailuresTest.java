package io.certfleet.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.discovery.FailureReason;
import io.certfleet.core.discovery.SourceException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

class AwsFailuresTest {

    @Test
    void accessDeniedByCodeOrByStatusEvenWithoutACode() {
        assertThat(reasonOf(service(400, "AccessDeniedException", "no"))).isEqualTo(FailureReason.ACCESS_DENIED);
        assertThat(reasonOf(service(403, null, null))).isEqualTo(FailureReason.ACCESS_DENIED);
        assertThat(reasonOf(service(400, "AWSOrganizationsNotInUseException", "not in an org")))
                .isEqualTo(FailureReason.ACCESS_DENIED);
    }

    @Test
    void throttlingServerErrorsClientErrorsAndTheRest() {
        assertThat(reasonOf(service(400, "ThrottlingException", "slow down"))).isEqualTo(FailureReason.THROTTLED);
        assertThat(reasonOf(service(429, null, null))).isEqualTo(FailureReason.THROTTLED);
        assertThat(reasonOf(service(503, "ServiceUnavailable", "later"))).isEqualTo(FailureReason.UNAVAILABLE);
        assertThat(reasonOf(SdkClientException.create("connection refused"))).isEqualTo(FailureReason.UNAVAILABLE);
        assertThat(reasonOf(service(400, "ValidationException", "bad"))).isEqualTo(FailureReason.ERROR);
    }

    @Test
    void theMessageNamesCodeAndTextOrTheStatus() {
        SourceException translated = AwsFailures.translate("acm:ListCertificates",
                service(400, "AccessDeniedException", "User is not authorized"));

        assertThat(translated.operation()).isEqualTo("acm:ListCertificates");
        assertThat(translated.getMessage()).isEqualTo("AccessDeniedException: User is not authorized");
        assertThat(AwsFailures.translate("x:Y", service(403, null, null)).getMessage()).isEqualTo("HTTP 403");
    }

    private static FailureReason reasonOf(SdkException failure) {
        return AwsFailures.translate("svc:Op", failure).reason();
    }

    private static AwsServiceException service(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }
}
