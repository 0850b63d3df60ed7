package io.certfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certfleet.core.events.CertfleetEvent;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON Schemas in {@code events/schemas/}, one per detail-type certfleet emits; {@link #assertValid} checks a
 * whole EventBridge event (as a rule target receives it) against the schema its {@code detail-type} names, with
 * format assertions (date-time) on.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventSchemas() {
    }

    public static Path directory() {
        return SampleEvents.directory().resolve("schemas");
    }

    /** The violations of an event against its detail-type's schema; empty when it conforms. */
    public static Set<String> violations(JsonNode event) {
        String detailType = event.path("detail-type").asText();
        if (detailType.isEmpty()) {
            return Set.of("the event has no detail-type");
        }
        JsonSchema schema = SCHEMAS.computeIfAbsent(detailType, EventSchemas::load);
        return schema.validate(event).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Checks an event as certfleet hands it to its publisher, wrapped the way EventBridge delivers it (envelope
     * fields filled in as EventBridge would), against its schema.
     */
    public static void assertValid(CertfleetEvent event) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", event.detailType());
        envelope.put("source", CertfleetEvent.SOURCE);
        envelope.put("account", "123456789012");
        envelope.put("time", "2026-11-27T06:00:00Z");
        envelope.put("region", "us-east-1");
        envelope.set("resources", JSON.valueToTree(event.resources()));
        envelope.set("detail", JSON.valueToTree(event.detail()));
        assertValid((JsonNode) envelope);
    }

    public static void assertValid(JsonNode event) {
        Set<String> violations = violations(event);
        if (!violations.isEmpty()) {
            throw new AssertionError("event " + event.path("detail-type").asText() + " does not match its schema: "
                    + String.join("; ", violations) + "\n" + event.toPrettyString());
        }
    }

    private static JsonSchema load(String detailType) {
        Path file = directory().resolve(detailType + ".schema.json");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no JSON Schema for detail-type " + detailType + " (expected " + file + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
