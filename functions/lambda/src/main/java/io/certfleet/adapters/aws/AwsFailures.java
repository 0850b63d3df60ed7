package io.certfleet.adapters.aws;

import io.certfleet.core.discovery.FailureReason;
import io.certfleet.core.discovery.SourceException;
import io.certfleet.core.rotation.swap.SwapException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into the core's {@link SourceException}, naming the operation and the reason. */
public final class AwsFailures {

    private static final Set<String> ACCESS_DENIED_CODES = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError", "InvalidClientTokenId", "ExpiredToken",
            "ExpiredTokenException", "UnrecognizedClientException", "AWSOrganizationsNotInUseException",
            "SignatureDoesNotMatch", "OptInRequired");
    private static final Set<String> THROTTLING_CODES = Set.of("Throttling", "ThrottlingException",
            "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException");

    private AwsFailures() {
    }

    /** Translates a failure of the operation the current thread called last. */
    public static SourceException translate(SdkException failure) {
        return translate(ApiCallRecorder.lastOperationOnThisThread(), failure);
    }

    public static SourceException translate(String operation, SdkException failure) {
        return new SourceException(reason(failure), operation, message(failure), failure);
    }

    /** A swap or restore the service refused: retryable when throttled or the service failed. */
    public static SwapException swapFailure(String what, SdkException failure) {
        FailureReason reason = reason(failure);
        return new SwapException(what + ": " + message(failure), reason == FailureReason.THROTTLED
                || reason == FailureReason.UNAVAILABLE, failure);
    }

    static FailureReason reason(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? "" : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            if (ACCESS_DENIED_CODES.contains(code) || status == 401 || status == 403) {
                return FailureReason.ACCESS_DENIED;
            }
            if (service.isThrottlingException() || THROTTLING_CODES.contains(code) || status == 429) {
                return FailureReason.THROTTLED;
            }
            return status >= 500 ? FailureReason.UNAVAILABLE : FailureReason.ERROR;
        }
        return failure instanceof SdkClientException ? FailureReason.UNAVAILABLE : FailureReason.ERROR;
    }

    private static String message(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String text = service.awsErrorDetails().errorMessage();
            return (code == null ? "" : code + ": ") + (text == null ? "HTTP " + service.statusCode() : text);
        }
        return failure.getMessage();
    }
}
