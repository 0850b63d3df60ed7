package io.certfleet.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** The stacks as tests see them, and helpers to read what CloudFormation will be asked to build. */
final class SynthesizedTemplates {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Template central;
    private static Template member;

    /** What an asynchronously invoked function may do besides its job: send its failures to the queue. */
    static final List<String> SENDS_ITS_FAILURES = List.of("sqs:SendMessage", "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl");

    private SynthesizedTemplates() {
    }

    /** The central stack with default settings (synthesized once: CDK synthesis takes seconds). */
    static synchronized Template central() {
        if (central == null) {
            App app = new App();
            central = Template.fromStack(new CertfleetStack(app, "Certfleet", StackProps.builder()
                    .env(Environment.builder().account(ACCOUNT).region(REGION).build()).build(),
                    CertfleetStack.Settings.defaults()));
        }
        return central;
    }

    /** The member account stack with the default scanner role and bus names (synthesized once). */
    static synchronized Template member() {
        if (member == null) {
            member = Template.fromStack(new MemberAccountStack(new App(), "Member", StackProps.builder().build(),
                    "certfleet-scanner", "certfleet"));
        }
        return member;
    }

    /** The one resource of a type whose logical id starts with {@code prefix}: its logical id and body. */
    static Map.Entry<String, JsonNode> resource(Template template, String type, String prefix) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        template.findResources(type).forEach((id, body) -> {
            if (id.startsWith(prefix)) {
                found.add(Map.entry(id, JSON.valueToTree(body)));
            }
        });
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + found.size());
        }
        return found.getFirst();
    }

    /** Every action the IAM policies attached to a role grant. */
    static List<String> actionsOfRole(Template template, String roleLogicalId) {
        List<String> actions = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").forEach((id, body) -> {
            JsonNode policy = JSON.valueToTree(body).path("Properties");
            boolean attached = false;
            for (JsonNode role : policy.path("Roles")) {
                attached |= roleLogicalId.equals(role.path("Ref").asText());
            }
            if (attached) {
                for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                    JsonNode action = statement.path("Action");
                    if (writesItsOwnLogGroup(statement)) {
                        continue;
                    }
                    if (action.isArray()) {
                        action.forEach(a -> actions.add(a.asText()));
                    } else {
                        actions.add(action.asText());
                    }
                }
            }
        });
        return actions;
    }

    /** Every function's role may write to its own log group (asserted apart): the statement CDK's grantWrite makes. */
    static boolean writesItsOwnLogGroup(JsonNode statement) {
        return statement.path("Action").toString().contains("logs:PutLogEvents")
                && statement.path("Resource").toString().contains("Logs");
    }

    /** The logical id of a function's execution role. */
    static String roleOf(JsonNode function) {
        return function.path("Properties").path("Role").path("Fn::GetAtt").get(0).asText();
    }

    /**
     * The state machine's definition as runnable ASL: the {@code Fn::Join} of strings and function ARN tokens,
     * with each function's {@code Fn::GetAtt [logicalId, Arn]} replaced by a Lambda ARN named after the logical id.
     */
    static JsonNode definition(Template template, String stateMachinePrefix) throws Exception {
        return definition(template, stateMachinePrefix, logicalId -> logicalId);
    }

    /** As {@link #definition(Template, String)}, each function named by {@code name} (given its logical id). */
    static JsonNode definition(Template template, String stateMachinePrefix,
                               java.util.function.UnaryOperator<String> name) throws Exception {
        JsonNode stateMachine = resource(template, "AWS::StepFunctions::StateMachine", stateMachinePrefix)
                .getValue();
        JsonNode parts = stateMachine.path("Properties").path("DefinitionString").path("Fn::Join").get(1);
        StringBuilder asl = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.isTextual()) {
                asl.append(part.asText());
            } else if (part.has("Fn::GetAtt")) {
                asl.append(functionArn(name.apply(part.path("Fn::GetAtt").get(0).asText())));
            } else if (part.has("Ref") && part.path("Ref").asText().equals("AWS::Partition")) {
                asl.append("aws");
            } else if (part.has("Ref") && aliasedFunction(template, part.path("Ref").asText()) != null) {
                asl.append(functionArn(name.apply(aliasedFunction(template, part.path("Ref").asText())))).append(':')
                        .append(CertfleetFunctions.ALIAS);
            } else {
                throw new AssertionError("unexpected token in the state machine definition: " + part);
            }
        }
        return JSON.readTree(asl.toString());
    }

    /** The logical id of the function an alias points to, or null when {@code logicalId} is no alias. */
    static String aliasedFunction(Template template, String logicalId) {
        JsonNode alias = JSON.valueToTree(template.findResources("AWS::Lambda::Alias")).path(logicalId);
        return alias.isMissingNode() ? null : alias.path("Properties").path("FunctionName").path("Ref").asText();
    }

    static String functionArn(String logicalId) {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + logicalId;
    }
}
