package io.certfleet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.certfleet.api.ApiSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The inventory API's OpenAPI document as the tests read it: a response body is valid when it conforms to the
 * schema its operation's response names (JSON Schema 2020-12, the dialect of OpenAPI 3.1, formats asserted).
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = read();

    private OpenApiDocument() {
    }

    public static JsonNode document() {
        return DOCUMENT;
    }

    private static JsonNode read() {
        try (InputStream in = ApiSpec.class.getResourceAsStream(ApiSpec.RESOURCE)) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return JSON.valueToTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of {@code body} against the response schema of {@code path} / GET / {@code status}. */
    public static Set<String> violations(String path, int status, JsonNode body) {
        JsonNode response = DOCUMENT.path("paths").path(path).path("get").path("responses")
                .path(String.valueOf(status));
        if (response.isMissingNode()) {
            return Set.of("the document has no " + status + " response for GET " + path);
        }
        if (response.has("$ref")) {
            String ref = response.path("$ref").asText();
            response = DOCUMENT.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", DOCUMENT.path("components"));
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root,
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        return validator.validate(body).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
