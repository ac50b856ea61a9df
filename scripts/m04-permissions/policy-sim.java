///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.Statement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "policy-sim", mixinStandardHelpOptions = true,
        description = {"The IAM policy simulator: which statement allows or denies, what a permissions boundary removes,",
                "and how a condition flips with the request context. With --policy, simulate your own policy files."})
class policy_sim implements Callable<Integer> {
    /** Where a JSON parser's message says the mistake is: "… at [Source: …; line: L, column: C]". */
    private static final Pattern JSON_LOCATION = Pattern.compile("(?s)(.*?)\\R at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\].*");
    private static final Pattern JSON_SOURCE_NOTE = Pattern.compile(" ?\\([^()]*\\[Source: [^\\]]*\\]\\)");

    /** A user's own policy: read a bucket, write it only from the office network, never delete, and queues. */
    static final String USER_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "ReadReports",
                  "Effect": "Allow",
                  "Action": ["s3:GetObject", "s3:ListBucket"],
                  "Resource": ["arn:aws:s3:::course-reports", "arn:aws:s3:::course-reports/*"]
                },
                {
                  "Sid": "WriteFromTheOffice",
                  "Effect": "Allow",
                  "Action": "s3:PutObject",
                  "Resource": "arn:aws:s3:::course-reports/*",
                  "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
                },
                {
                  "Sid": "NeverDelete",
                  "Effect": "Deny",
                  "Action": "s3:DeleteObject",
                  "Resource": "*"
                },
                {
                  "Sid": "SendJobs",
                  "Effect": "Allow",
                  "Action": "sqs:SendMessage",
                  "Resource": "*"
                }
              ]
            }
            """;

    /** The boundary: at most S3, whatever the user's own policies say. */
    static final String BOUNDARY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "S3Only", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}
              ]
            }
            """;

    /** A custom policy with two conditions: MFA, and a source address in the office network. */
    static final String MFA_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "TerminateWithMfaFromTheOffice",
                  "Effect": "Allow",
                  "Action": "ec2:TerminateInstances",
                  "Resource": "*",
                  "Condition": {
                    "Bool": {"aws:MultiFactorAuthPresent": "true"},
                    "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}
                  }
                }
              ]
            }
            """;

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    @Option(names = "--policy", paramLabel = "FILE", description = "Simulate this identity policy (repeatable) instead of the built-in story.")
    List<Path> policies = new ArrayList<>();

    @Option(names = "--boundary", paramLabel = "FILE", description = "With --policy: a permissions boundary policy.")
    Path boundary;

    @Option(names = "--action", paramLabel = "ACTION", description = "With --policy: an action to simulate, e.g. s3:GetObject (repeatable).")
    List<String> actions = new ArrayList<>();

    @Option(names = "--resource", paramLabel = "ARN", description = "With --policy: a resource ARN (repeatable; default: *).")
    List<String> resources = new ArrayList<>();

    @Option(names = "--context", paramLabel = "KEY=VALUE[:TYPE]",
            description = "With --policy: a context entry, e.g. aws:SourceIp=203.0.113.7:ip or aws:MultiFactorAuthPresent=true:boolean (repeatable; lists: a,b).")
    List<String> contextEntries = new ArrayList<>();

    /** Everything the built-in story created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new policy_sim(), args);
    }

    @Override
    public Integer call() {
        if (policies.isEmpty() && (boundary != null || !actions.isEmpty() || !resources.isEmpty() || !contextEntries.isEmpty())) {
            throw new Demo.UserError("--boundary, --action, --resource and --context go with --policy FILE (see --help).");
        }
        if (!policies.isEmpty() && actions.isEmpty()) {
            throw new Demo.UserError("Name at least one --action to simulate, e.g. --action s3:GetObject.");
        }
        List<ContextEntry> context = contextEntries.stream().map(policy_sim::contextEntry).toList();
        Map<String, String> documents = new LinkedHashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            documents.put("PolicyInputList." + (i + 1), readPolicy(policies.get(i)));
        }
        String boundaryDocument = boundary == null ? null : readPolicy(boundary);

        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (IamClient iam = IamClient.builder().build()) {
            if (!documents.isEmpty()) {
                simulateFiles(iam, documents, boundaryDocument, context);
            } else {
                story(iam, target);
            }
        }
        return 0;
    }

    /** The built-in story: a user, a policy with a condition and a deny, a boundary, then custom contexts. */
    private void story(IamClient iam, Demo.Target target) {
        String user = Demo.uniqueName("course-sim-user");
        String policyName = "course-reports-access";
        String boundaryName = Demo.uniqueName("course-sim-boundary");
        try {
            Demo.step("Create a user with an inline policy (a condition, a Deny) and an S3-only permissions boundary");
            String userArn = iam.createUser(r -> r.userName(user)).user().arn();
            cleanup.add("user " + user, () -> iam.deleteUser(r -> r.userName(user)));
            Demo.show("User", userArn);
            iam.putUserPolicy(r -> r.userName(user).policyName(policyName).policyDocument(USER_POLICY));
            cleanup.add("inline policy " + policyName, () -> iam.deleteUserPolicy(r -> r.userName(user).policyName(policyName)));
            Demo.show("Inline policy", policyName + ": ReadReports, WriteFromTheOffice (aws:SourceIp), NeverDelete (Deny), SendJobs");
            String createdBoundaryArn = iam.createPolicy(r -> r.policyName(boundaryName).policyDocument(BOUNDARY)).policy().arn();
            cleanup.add("policy " + createdBoundaryArn, () -> iam.deletePolicy(r -> r.policyArn(createdBoundaryArn)));
            iam.putUserPermissionsBoundary(r -> r.userName(user).permissionsBoundary(createdBoundaryArn));
            cleanup.add("the user's permissions boundary", () -> iam.deleteUserPermissionsBoundary(r -> r.userName(user)));
            Demo.show("Boundary", createdBoundaryArn + " (S3Only: s3:*)");
            Demo.say("The same documents ship as policies/reports-access.json and policies/s3-only-boundary.json: try --policy.");

            Demo.step("SimulatePrincipalPolicy: the user's policies, the boundary, no request context");
            // To name deciding statements: IAM answers with policy ids and positions, our copies hold the Sids.
            Map<String, String> userDocuments = Map.of(policyName, USER_POLICY, "PermissionsBoundary", BOUNDARY,
                    boundaryName, BOUNDARY, createdBoundaryArn, BOUNDARY);
            String object = "arn:aws:s3:::course-reports/q1.csv";
            String queue = "arn:aws:sqs:" + target.region().id() + ":" + target.account() + ":course-jobs";
            List<EvaluationResult> results = new ArrayList<>(iam.simulatePrincipalPolicy(r -> r.policySourceArn(userArn)
                    .actionNames("s3:GetObject", "s3:PutObject", "s3:DeleteObject").resourceArns(object)).evaluationResults());
            results.addAll(iam.simulatePrincipalPolicy(r -> r.policySourceArn(userArn)
                    .actionNames("sqs:SendMessage").resourceArns(queue)).evaluationResults());
            printPrincipalTable(results, userDocuments);
            Demo.say("PutObject: no aws:SourceIp in the context, so the condition cannot match.");
            Demo.say("SendMessage: the policy allows it, the boundary does not: the boundary wins.");

            Demo.step("SimulateCustomPolicy: one policy, three request contexts");
            printCustomTable(iam, Map.of("PolicyInputList.1", MFA_POLICY), "ec2:TerminateInstances", "*", List.of(
                    List.of(),
                    List.of(bool("aws:MultiFactorAuthPresent", true), ip("aws:SourceIp", "203.0.113.7")),
                    List.of(bool("aws:MultiFactorAuthPresent", true), ip("aws:SourceIp", "198.51.100.7"))));
            Demo.say("Missing context values are not a Deny: the condition simply cannot match, so nothing allows.");
        } finally {
            cleanup.run();
        }
    }

    /** --policy mode: the user's own files, every action × resource, in the given context. */
    private void simulateFiles(IamClient iam, Map<String, String> documents, String boundaryDocument, List<ContextEntry> context) {
        Demo.step("SimulateCustomPolicy: " + policies.size() + " polic" + (policies.size() == 1 ? "y" : "ies")
                + (boundaryDocument == null ? "" : " and a boundary") + (context.isEmpty() ? "" : ", with context"));
        for (int i = 0; i < policies.size(); i++) {
            Demo.show(policies.get(i).getFileName().toString(), summary(documents.get("PolicyInputList." + (i + 1))));
        }
        if (boundaryDocument != null) {
            Demo.show(boundary.getFileName() + " (boundary)", summary(boundaryDocument));
        }
        List<String> resourceArns = resources.isEmpty() ? List.of("*") : resources;
        List<EvaluationResult> results = withPolicyErrors(() -> iam.simulateCustomPolicy(r -> {
            r.policyInputList(documents.values()).actionNames(actions).resourceArns(resourceArns).contextEntries(context);
            if (boundaryDocument != null) {
                r.permissionsBoundaryPolicyInputList(boundaryDocument);
            }
        }).evaluationResults());
        printPrincipalTable(results, documents);
    }

    private void printPrincipalTable(List<EvaluationResult> results, Map<String, String> documents) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ACTION", "RESOURCE", "DECISION", "DECIDED BY", "BOUNDARY", "MISSING"));
        for (EvaluationResult result : results) {
            rows.add(List.of(result.evalActionName(), result.evalResourceName(), result.evalDecisionAsString(),
                    decidingStatements(result.matchedStatements(), documents),
                    result.permissionsBoundaryDecisionDetail() == null ? "-"
                            : Boolean.TRUE.equals(result.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()) ? "allows" : "denies",
                    result.missingContextValues().isEmpty() ? "-" : String.join(", ", result.missingContextValues())));
        }
        printTable(rows);
    }

    private void printCustomTable(IamClient iam, Map<String, String> documents, String action, String resource,
                                  List<List<ContextEntry>> contexts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CONTEXT", "DECISION", "DECIDED BY", "MISSING"));
        for (List<ContextEntry> context : contexts) {
            EvaluationResult result = iam.simulateCustomPolicy(r -> r.policyInputList(documents.values())
                    .actionNames(action).resourceArns(resource).contextEntries(context)).evaluationResults().get(0);
            rows.add(List.of(context.isEmpty() ? "(none)" : describe(context), result.evalDecisionAsString(),
                    decidingStatements(result.matchedStatements(), documents),
                    result.missingContextValues().isEmpty() ? "-" : String.join(", ", result.missingContextValues())));
        }
        Demo.say("Action " + action + " on " + resource + ", policy TerminateWithMfaFromTheOffice:");
        printTable(rows);
    }

    /** The Sid of each matched statement, found in our own copy of the document by the positions IAM returns. */
    static String decidingStatements(List<Statement> matched, Map<String, String> documents) {
        if (matched.isEmpty()) {
            return "-";
        }
        List<String> names = new ArrayList<>();
        for (Statement statement : matched) {
            String document = documents.get(statement.sourcePolicyId());
            String sid = document == null || statement.startPosition() == null ? null
                    : sidBetween(document, statement.startPosition().line(), statement.startPosition().column(),
                    statement.endPosition().line(), statement.endPosition().column());
            names.add(sid != null ? sid : statement.sourcePolicyId()
                    + (statement.startPosition() == null ? "" : " line " + statement.startPosition().line()));
        }
        return String.join(", ", names);
    }

    private static String sidBetween(String document, int startLine, int startColumn, int endLine, int endColumn) {
        List<String> lines = document.lines().toList();
        if (startLine < 1 || endLine > lines.size() || startLine > endLine) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int line = startLine; line <= endLine; line++) {
            String content = lines.get(line - 1);
            int from = line == startLine ? Math.min(Math.max(startColumn - 1, 0), content.length()) : 0;
            int to = line == endLine ? Math.min(Math.max(endColumn, from), content.length()) : content.length();
            text.append(content, from, to).append('\n');
        }
        Matcher sid = Pattern.compile("\"Sid\"\\s*:\\s*\"([^\"]*)\"").matcher(text);
        return sid.find() ? sid.group(1) : null;
    }

    private static void printTable(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("   ");
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    private static String describe(List<ContextEntry> context) {
        return context.stream().map(entry -> entry.contextKeyName().replace("aws:", "") + "=" + String.join(",", entry.contextKeyValues()))
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    /** Each statement as IamPolicy reads it: its Sid (or number), effect and actions. */
    private static String summary(String document) {
        List<IamStatement> statements;
        try {
            statements = IamPolicy.fromJson(document).statements();
        } catch (RuntimeException e) {
            return "IamPolicy cannot read it (" + e.getMessage() + "); IAM will say what is wrong";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            IamStatement statement = statements.get(i);
            List<String> actions = new ArrayList<>();
            statement.actions().forEach(action -> actions.add(action.value()));
            statement.notActions().forEach(action -> actions.add("not " + action.value()));
            parts.add((statement.sid() == null ? "#" + (i + 1) : statement.sid()) + " " + statement.effect().value() + " " + String.join(",", actions));
        }
        return parts.size() + " statement(s): " + String.join("; ", parts);
    }

    /** IAM checks the policies' meaning and says which rule broke, not which file: name them. */
    private <T> T withPolicyErrors(Supplier<T> call) {
        try {
            return call.get();
        } catch (MalformedPolicyDocumentException e) {
            List<Path> files = new ArrayList<>(policies);
            if (boundary != null) {
                files.add(boundary);
            }
            throw new Demo.UserError("Invalid policy (IAM, in " + String.join(" or ", files.stream().map(Path::toString).toList())
                    + "): " + e.awsErrorDetails().errorMessage());
        }
    }

    private static ContextEntry bool(String key, boolean value) {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(ContextKeyTypeEnum.BOOLEAN).contextKeyValues(String.valueOf(value)).build();
    }

    private static ContextEntry ip(String key, String value) {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(ContextKeyTypeEnum.IP).contextKeyValues(value).build();
    }

    /** KEY=VALUE[:TYPE]; TYPE only when it names one (values such as ARNs contain colons too). */
    static ContextEntry contextEntry(String text) {
        int equals = text.indexOf('=');
        if (equals < 1) {
            throw new Demo.UserError("Invalid --context '" + text + "': use KEY=VALUE[:TYPE], e.g. aws:SourceIp=203.0.113.7:ip.");
        }
        String key = text.substring(0, equals);
        String value = text.substring(equals + 1);
        ContextKeyTypeEnum type = ContextKeyTypeEnum.STRING;
        int colon = value.lastIndexOf(':');
        if (colon >= 0) {
            ContextKeyTypeEnum named = ContextKeyTypeEnum.fromValue(value.substring(colon + 1));
            if (named != ContextKeyTypeEnum.UNKNOWN_TO_SDK_VERSION) {
                type = named;
                value = value.substring(0, colon);
            }
        }
        return ContextEntry.builder().contextKeyName(key).contextKeyType(type)
                .contextKeyValues(type.toString().toLowerCase(Locale.ROOT).endsWith("list") ? value.split(",") : new String[]{value}).build();
    }

    /**
     * The file's text, as IAM will get it, once the SDK's IamPolicy has parsed it: a JSON mistake is
     * then reported as FILE:LINE:COLUMN, which IAM ("Syntax errors in policy.") never says.
     */
    private static String readPolicy(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new Demo.UserError("Cannot read policy file " + file + (e instanceof NoSuchFileException ? ": no such file." : ": " + e.getMessage()));
        }
        try {
            IamPolicy.fromJson(text);
        } catch (UncheckedIOException e) {
            throw new Demo.UserError("Invalid policy " + file + jsonError(e.getCause() == null ? e : e.getCause()));
        } catch (IllegalArgumentException e) {
            throw new Demo.UserError("Invalid policy " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Valid JSON that IamPolicy cannot read as a policy (e.g. no Effect): IAM says what is wrong.
        }
        return text;
    }

    /** ":LINE:COLUMN: what the parser expected", from a JSON parser's message. */
    static String jsonError(Throwable error) {
        String message = String.valueOf(error.getMessage());
        Matcher location = JSON_LOCATION.matcher(message);
        if (location.matches()) {
            String what = JSON_SOURCE_NOTE.matcher(location.group(1)).replaceAll("").lines().findFirst().orElse("");
            return ":" + location.group(2) + ":" + location.group(3) + ": " + what;
        }
        return ": " + message.lines().findFirst().orElse("");
    }
}
