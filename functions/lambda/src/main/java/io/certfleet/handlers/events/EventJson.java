package io.certfleet.handlers.events;

import io.certfleet.core.alerting.AcmNotice;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the events handlers receive and writes their results, with a specific reason for every bad input. */
public final class EventJson {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private EventJson() {
    }

    /** Parses an EventBridge Scheduled Event, or throws {@link InvalidEventException} saying what is wrong. */
    public static ScheduledEvent readScheduledEvent(InputStream input) {
        return readScheduledEvent(readObject(input));
    }

    static ScheduledEvent readScheduledEvent(JsonNode event) {
        String detailType = requiredText(event, "detail-type");
        String source = requiredText(event, "source");
        if (!ScheduledEvent.DETAIL_TYPE.equals(detailType) || !ScheduledEvent.SOURCE.equals(source)) {
            throw new InvalidEventException("expected an EventBridge '" + ScheduledEvent.DETAIL_TYPE + "' from '"
                    + ScheduledEvent.SOURCE + "' ('detail-type', 'source'), got '" + detailType + "' from '" + source
                    + "'");
        }
        String account = matching(event, "account", ACCOUNT_ID, "a 12-digit AWS account id");
        String region = matching(event, "region", REGION, "an AWS region such as us-east-1");
        return new ScheduledEvent(requiredText(event, "id"), account, region, instant(event, "time"),
                texts(event, "resources"));
    }

    /** ACM's expiry events certfleet ingests, by detail-type. */
    public static final String ACM_APPROACHING_EXPIRATION = "ACM Certificate Approaching Expiration";
    public static final String ACM_RENEWAL_ACTION_REQUIRED = "ACM Certificate Renewal Action Required";
    private static final Pattern ACM_CERTIFICATE_ARN = Pattern.compile(
            "arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:certificate/[A-Za-z0-9-]+");

    /**
     * Parses one of ACM's expiry events ({@value #ACM_APPROACHING_EXPIRATION}, {@value #ACM_RENEWAL_ACTION_REQUIRED})
     * into the notice certfleet acts on, or throws {@link InvalidEventException} saying what is wrong.
     */
    public static AcmNotice readAcmNotice(InputStream input) {
        JsonNode event = readObject(input);
        String detailType = requiredText(event, "detail-type");
        String source = requiredText(event, "source");
        if (!"aws.acm".equals(source)) {
            throw new InvalidEventException("event field 'source' must be 'aws.acm', got '" + source + "'");
        }
        AcmNotice.Kind kind = switch (detailType) {
            case ACM_APPROACHING_EXPIRATION -> AcmNotice.Kind.APPROACHING_EXPIRATION;
            case ACM_RENEWAL_ACTION_REQUIRED -> AcmNotice.Kind.RENEWAL_ACTION_REQUIRED;
            default -> throw new InvalidEventException("event field 'detail-type': ACM event '" + detailType
                    + "' is not one certfleet ingests ('" + ACM_APPROACHING_EXPIRATION + "', '"
                    + ACM_RENEWAL_ACTION_REQUIRED + "')");
        };
        List<String> resources = texts(event, "resources");
        if (resources.size() != 1 || !ACM_CERTIFICATE_ARN.matcher(resources.getFirst()).matches()) {
            throw new InvalidEventException("an ACM event names exactly one certificate ARN in 'resources', got "
                    + resources);
        }
        JsonNode detail = event.path("detail");
        return new AcmNotice(resources.getFirst(), kind, optionalText(detail, "RenewalStatus"),
                optionalText(detail, "RenewalStatusReason"));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? Optional.empty()
                : Optional.of(value.asText());
    }

    /** Writes a handler's result as JSON. */
    public static void write(OutputStream output, Object result) {
        try {
            MAPPER.writeValue(output, result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the handler's result", e);
        }
    }

    public static String toJson(Object value) {
        return Json.compact(value);
    }

    /** No certfleet event comes near this: Lambda's asynchronous payloads stop at 256 KiB. */
    static final int MAX_EVENT_BYTES = 1024 * 1024;

    static JsonNode readObject(InputStream input) {
        JsonNode node;
        try {
            byte[] bytes = input.readNBytes(MAX_EVENT_BYTES + 1);
            if (bytes.length > MAX_EVENT_BYTES) {
                throw new InvalidEventException("event is larger than " + MAX_EVENT_BYTES / 1024 + " KiB");
            }
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's limits (nesting depth, number length) report no location.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidEventException("event is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event", e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidEventException("event is empty");
        }
        if (!node.isObject()) {
            throw new InvalidEventException("event must be a JSON object, got " + node.getNodeType());
        }
        return node;
    }

    private static String requiredText(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException("event has no '" + field + "' field");
        }
        if (!value.isTextual()) {
            throw new InvalidEventException("event field '" + field + "' must be a string, got " + value.getNodeType());
        }
        return value.asText();
    }

    private static String matching(JsonNode event, String field, Pattern pattern, String expected) {
        String value = requiredText(event, field);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidEventException("event field '" + field + "' must be " + expected + ", got '" + value + "'");
        }
        return value;
    }

    private static Instant instant(JsonNode event, String field) {
        String value = requiredText(event, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("event field '" + field + "' must be an ISO-8601 UTC time such as "
                    + "2026-11-27T06:00:00Z, got '" + value + "'", e);
        }
    }

    private static List<String> texts(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidEventException("event field '" + field + "' must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
