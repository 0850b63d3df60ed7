package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certfleet.fuzz.Mutations;
import io.certfleet.handlers.events.ApiGatewayEvents;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.handlers.events.RotationRequests;
import io.certfleet.handlers.events.ScanRequests;
import io.certfleet.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Every handler's event parser, given its sample event mutated byte by byte, with a field removed or of the wrong
 * type, not JSON, or huge: it reads the event or refuses it with an {@link InvalidEventException} that says what is
 * wrong (naming the field when one is at fault) — never another exception, which Lambda would retry as a crash.
 */
class EventParsersFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each handler's parser by the sample event it is given. */
    static Map<String, Function<InputStream, Object>> parsers() {
        Map<String, Function<InputStream, Object>> parsers = new LinkedHashMap<>();
        parsers.put("scan-planner-scheduled-event.json", in -> ScanRequests.readPlanRequest(in, "organization",
                List.of("us-east-1")));
        parsers.put("scan-planner-manual-start.json", in -> ScanRequests.readPlanRequest(in, "organization",
                List.of("us-east-1")));
        parsers.put("scan-worker-item.json", ScanRequests::readWorkItem);
        parsers.put("probe-worker-item.json", ScanRequests::readWorkItem);
        parsers.put("policy-worker-item.json", ScanRequests::readWorkItem);
        parsers.put("scan-summary-request.json", ScanRequests::readScanId);
        parsers.put("expiry-alert-scheduled-event.json", EventJson::readScheduledEvent);
        parsers.put("kpi-metrics-scheduled-event.json", EventJson::readScheduledEvent);
        parsers.put("rotation-retire-scheduled-event.json", EventJson::readScheduledEvent);
        parsers.put("acm-approaching-expiration.json", EventJson::readAcmNotice);
        parsers.put("acm-renewal-action-required.json", EventJson::readAcmNotice);
        parsers.put("rotation-start-request.json", RotationRequests::readStart);
        parsers.put("rotation-drill-request.json", RotationRequests::readStart);
        parsers.put("rotation-requested.json", RotationRequests::readStart);
        parsers.put("rotation-step.json", RotationRequests::readStep);
        parsers.put("rollback-requested.json", RotationRequests::readSignal);
        parsers.put("alarm-state-change.json", RotationRequests::readSignal);
        parsers.put("api-get-certificates.json", ApiGatewayEvents::readRequest);
        return parsers;
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, byte[]>> mutatedEvents() {
        return Arbitraries.of(List.copyOf(parsers().keySet())).flatMap(name -> Mutations.of(
                SampleEvents.read(name).getBytes(StandardCharsets.UTF_8), 4).map(bytes -> Tuple.of(name, bytes)));
    }

    @Property(tries = 4_000)
    void aMutatedEventIsReadOrRefusedWithAReason(@ForAll("mutatedEvents") Tuple.Tuple2<String, byte[]> event) {
        try {
            assertThat(parsers().get(event.get1()).apply(new ByteArrayInputStream(event.get2()))).isNotNull();
        } catch (InvalidEventException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Test
    void everySampleEventIsRead() {
        parsers().forEach((name, parser) -> assertThat(parser.apply(stream(SampleEvents.read(name)))).as(name)
                .isNotNull());
    }

    /**
     * Each field of each sample event, removed or replaced by a value of the wrong type: if the parser refuses the
     * event, the reason names the field (or the object holding it).
     */
    @Test
    void aMissingOrMistypedFieldIsNamed() throws Exception {
        List<String> unnamed = new ArrayList<>();
        for (var parser : parsers().entrySet()) {
            JsonNode sample = JSON.readTree(SampleEvents.read(parser.getKey()));
            for (List<String> path : fieldPaths(sample, List.of())) {
                for (JsonNode wrong : List.of(JSON.nullNode(), JSON.getNodeFactory().numberNode(42),
                        JSON.getNodeFactory().arrayNode(), JSON.getNodeFactory().textNode("?"))) {
                    ObjectNode broken = sample.deepCopy();
                    ObjectNode parent = path.size() == 1 ? broken
                            : (ObjectNode) broken.at("/" + String.join("/", path.subList(0, path.size() - 1)));
                    String field = path.getLast();
                    if (wrong.isNull()) {
                        parent.remove(field);
                    } else {
                        parent.set(field, wrong);
                    }
                    try {
                        parser.getValue().apply(stream(broken.toString()));
                    } catch (InvalidEventException refused) {
                        String message = refused.getMessage();
                        if (path.stream().noneMatch(message::contains)) {
                            unnamed.add(parser.getKey() + " " + path + " = " + (wrong.isNull() ? "(removed)" : wrong)
                                    + ": " + message);
                        }
                    }
                }
            }
        }
        assertThat(unnamed).as("refusals that do not name the field at fault").isEmpty();
    }

    @Test
    void notJsonAndHugeEventsAreRefusedPlainly() {
        parsers().forEach((name, parser) -> {
            assertThatThrownBy(() -> parser.apply(stream("certfleet, please scan"))).as(name)
                    .isInstanceOf(InvalidEventException.class).hasMessageContaining("not valid JSON");
            String huge = "{\"padding\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
            assertThatThrownBy(() -> parser.apply(stream(huge))).as(name)
                    .isInstanceOf(InvalidEventException.class).hasMessage("event is larger than 1024 KiB");
            assertThatThrownBy(() -> parser.apply(stream("[".repeat(5000) + "]".repeat(5000)))).as(name)
                    .isInstanceOf(InvalidEventException.class);
        });
    }

    private static List<List<String>> fieldPaths(JsonNode node, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        node.properties().forEach(field -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(field.getKey());
            paths.add(path);
            if (field.getValue().isObject()) {
                paths.addAll(fieldPaths(field.getValue(), path));
            }
        });
        return paths;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
