package io.certfleet.local.faults;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the service a request is for reports errors, so that an injected error reads as the real service's would:
 * JSON protocols ({@code X-Amz-Target}: DynamoDB, ACM, Organizations, tagging, EventBridge, SQS), the query
 * protocol (form posts: ELB, IAM, STS, SNS), REST-XML (CloudFront, Route 53, S3) and REST-JSON (API Gateway).
 * The service is the signing name in the request's SigV4 credential scope.
 */
record AwsProtocol(String service, Style style) {

    enum Style { JSON, QUERY, REST_XML, REST_JSON, S3 }

    /** An HTTP error response: status, headers, body. */
    record ErrorResponse(int status, Map<String, String> headers, byte[] body) {
    }

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

    static AwsProtocol of(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        Matcher scope = SCOPE.matcher(authorization == null ? "" : authorization);
        String service = scope.find() ? scope.group(1) : "unknown";
        String contentType = String.valueOf(headers.getFirst("Content-Type"));
        Style style;
        if (headers.containsKey("X-Amz-Target")) {
            style = Style.JSON;
        } else if (service.equals("s3")) {
            style = Style.S3;
        } else if (service.equals("apigateway")) {
            style = Style.REST_JSON;
        } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            style = Style.QUERY;
        } else {
            style = Style.REST_XML;
        }
        return new AwsProtocol(service, style);
    }

    /** The error response of {@code fault} (not a dropped connection) as this service would send it. */
    ErrorResponse error(FaultKind fault) {
        int status;
        String code;
        String message;
        switch (fault) {
            case SERVICE_UNAVAILABLE -> {
                status = 503;
                code = "ServiceUnavailable";
                message = "Service is unavailable (injected fault)";
            }
            case INTERNAL_ERROR -> {
                status = 500;
                code = "InternalFailure";
                message = "Internal failure (injected fault)";
            }
            case THROTTLING -> {
                return throttling();
            }
            default -> throw new IllegalArgumentException("no response for " + fault);
        }
        return in(status, code, message);
    }

    private ErrorResponse throttling() {
        return switch (style) {
            case JSON -> in(400, service.equals("dynamodb") ? "com.amazonaws.dynamodb.v20120810#ThrottlingException"
                    : "ThrottlingException", "Rate exceeded (injected fault)");
            case REST_JSON -> in(429, "TooManyRequestsException", "Too Many Requests (injected fault)");
            case S3 -> in(503, "SlowDown", "Please reduce your request rate. (injected fault)");
            case QUERY, REST_XML -> in(400, "Throttling", "Rate exceeded (injected fault)");
        };
    }

    private ErrorResponse in(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        return switch (style) {
            case JSON -> new ErrorResponse(status, Map.of("Content-Type", "application/x-amz-json-1.1",
                    "x-amzn-RequestId", requestId), bytes("{\"__type\":\"" + code + "\",\"message\":\"" + message
                    + "\"}"));
            case REST_JSON -> new ErrorResponse(status, Map.of("Content-Type", "application/json",
                    "x-amzn-ErrorType", code, "x-amzn-RequestId", requestId),
                    bytes("{\"message\":\"" + message + "\"}"));
            case S3 -> new ErrorResponse(status, Map.of("Content-Type", "application/xml"),
                    bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                            + message + "</Message><RequestId>" + requestId + "</RequestId></Error>"));
            case QUERY, REST_XML -> new ErrorResponse(status, Map.of("Content-Type", "text/xml"),
                    bytes("<ErrorResponse><Error><Type>" + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>"
                            + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
                            + "</RequestId></ErrorResponse>"));
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
