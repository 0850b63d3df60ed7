package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.api.ApiSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The inventory API as deployed: built from the OpenAPI document, IAM on every method, throttled, logged, read-only. */
class ComplianceApiTest {

    private final Template template = SynthesizedTemplates.central();

    private JsonNode body(Template of) {
        return SynthesizedTemplates.resource(of, "AWS::ApiGateway::RestApi", "ComplianceApiRestApi").getValue()
                .path("Properties").path("Body");
    }

    @Test
    void everyOperationOfTheDocumentIsARouteAndEveryRouteIsAuthorizedByIam() {
        JsonNode body = body(template);
        List<String> operations = new ArrayList<>();
        List<String> unauthorized = new ArrayList<>();
        body.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode operation = method.getValue();
            if (operation.has("operationId")) {
                operations.add(operation.path("operationId").asText());
            }
            if (!operation.path("security").toString().equals("[{\"sigv4\":[]}]")
                    || !operation.path("x-amazon-apigateway-integration").path("type").asText().equals("aws_proxy")) {
                unauthorized.add(method.getKey() + " " + path.getKey());
            }
        }));

        assertThat(operations).containsExactlyInAnyOrderElementsOf(ApiSpec.load().operations().stream()
                .map(ApiSpec.Operation::id).toList());
        assertThat(unauthorized).as("no route without IAM").isEmpty();
        assertThat(body.path("components").path("securitySchemes").path("sigv4")
                .path("x-amazon-apigateway-authtype").asText()).isEqualTo("awsSigv4");
        assertThat(body.path("paths").path("/{proxy+}").has("x-amazon-apigateway-any-method"))
                .as("unknown routes reach certfleet's 404").isTrue();
        assertThat(body.path("paths").path("/certificates").has("x-amazon-apigateway-any-method"))
                .as("other methods reach certfleet's 405").isTrue();
        assertThat(body.path("openapi").asText()).as("what API Gateway imports").isEqualTo("3.0.1");
    }

    @Test
    void theStageIsThrottledAccessLoggedAndTraced() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "v1",
                "TracingEnabled", true,
                "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ThrottlingRateLimit", 50,
                        "ThrottlingBurstLimit", 100,
                        "LoggingLevel", "ERROR"))))));
        assertThat(body(template).path("x-amazon-apigateway-gateway-responses").path("DEFAULT_4XX")
                .path("responseTemplates").path("application/json").asText())
                .as("API Gateway's own errors in certfleet's shape").startsWith("{\"error\": {\"code\": ");
    }

    @Test
    void onlyThisAccountMayCallUnlessTheOrganizationIsNamed() {
        assertThat(body(template).isMissingNode()).isFalse();
        JsonNode policy = SynthesizedTemplates.resource(template, "AWS::ApiGateway::RestApi", "ComplianceApiRestApi")
                .getValue().path("Properties").path("Policy");
        assertThat(policy.toString()).contains("execute-api:Invoke").contains(":root").doesNotContain("PrincipalOrgID");

        App app = new App();
        Template organization = Template.fromStack(new CertfleetStack(app, "Org", StackProps.builder()
                .env(Environment.builder().account(SynthesizedTemplates.ACCOUNT).region(SynthesizedTemplates.REGION)
                        .build()).build(), CertfleetStack.Settings.defaults().withApi(new ComplianceApi.Settings(5, 10,
                Optional.of("o-abcdefghij")))));
        JsonNode restricted = SynthesizedTemplates.resource(organization, "AWS::ApiGateway::RestApi",
                "ComplianceApiRestApi").getValue().path("Properties").path("Policy");
        assertThat(restricted.toString()).contains("\"aws:PrincipalOrgID\":\"o-abcdefghij\"")
                .contains("\"AWS\":\"*\"");
        organization.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings",
                Match.arrayWith(List.of(Match.objectLike(Map.of("ThrottlingRateLimit", 5))))));
    }

    @Test
    void theFunctionMayOnlyReadTheInventoryAndSignsCursorsWithAGeneratedKey() {
        JsonNode function = SynthesizedTemplates.resource(template, "AWS::Lambda::Function",
                "ComplianceApiHandler").getValue();
        List<String> actions = SynthesizedTemplates.actionsOfRole(template, SynthesizedTemplates.roleOf(function));
        assertThat(actions).containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem",
                "dynamodb:Scan",
                "dynamodb:DescribeTable", "kms:Decrypt", "s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload");
        assertThat(function.path("Properties").path("Handler").asText()).isEqualTo(ComplianceApi.HANDLER);
        JsonNode key = function.path("Properties").path("Environment").path("Variables")
                .path("CERTFLEET_API_CURSOR_KEY");
        assertThat(key.toString()).as("a dynamic reference, never the value").contains("resolve:secretsmanager");
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("GenerateSecretString",
                Match.objectLike(Map.of("PasswordLength", 64, "ExcludePunctuation", true))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("ComplianceApiHandlerLive.*"))));
    }

    @Test
    void exportsGoToAPrivateEncryptedBucketThatForgetsThemAfterADay() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "ExpirationInDays", 1, "AbortIncompleteMultipartUpload",
                        Map.of("DaysAfterInitiation", 1), "Status", "Enabled"))))));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Condition",
                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        JsonNode function = SynthesizedTemplates.resource(template, "AWS::Lambda::Function",
                "ComplianceApiHandler").getValue();
        assertThat(function.path("Properties").path("Environment").path("Variables").path("CERTFLEET_EXPORT_BUCKET")
                .path("Ref").asText()).startsWith("ComplianceApiExports");
    }

    @Test
    void theDocumentTheStackReadsIsTheOneTheHandlerRoutesBy() {
        Path resource = Path.of("..", "functions", "lambda", "src", "main", "resources", "io", "certfleet", "api",
                ApiSpec.RESOURCE);
        assertThat(resource).exists();
        Iterator<String> paths = body(template).path("paths").fieldNames();
        List<String> routes = new ArrayList<>();
        paths.forEachRemaining(routes::add);
        assertThat(routes).containsAll(List.of("/certificates", "/certificates/{id}", "/endpoints", "/findings",
                "/rotations", "/rotations/{id}", "/metrics"));
    }
}
