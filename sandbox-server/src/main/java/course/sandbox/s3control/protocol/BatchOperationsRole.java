package course.sandbox.s3control.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.Authorizer;
import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.Credential;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;
import course.sandbox.iam.Role;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.EvaluationRequest;
import course.sandbox.iam.policy.EvaluationResult;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyEngine;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.RequestContext;
import course.sandbox.iam.policy.RequestPrincipal;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.protocol.Xml;
import course.sandbox.protocol.XmlDocument;
import course.sandbox.s3control.JobFailure;
import course.sandbox.s3control.JobManifest;
import course.sandbox.s3control.JobOperation;
import course.sandbox.s3control.JobRoles;
import course.sandbox.s3control.TaskOutcome;
import course.sandbox.service.ServiceException;
import course.sandbox.service.Tag;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Batch Operations job acting as its role: the role is assumed as the service principal
 * batchoperations.s3.amazonaws.com (its trust policy must allow that), then every read, task
 * and report write is an S3 request the sandbox sends itself through the pipeline, signed by
 * nobody but authorized with the role's permissions like any other request.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-iam-role-policies.html
 */
public final class BatchOperationsRole implements JobRoles {
    static final String SERVICE_PRINCIPAL = "batchoperations.s3.amazonaws.com";
    private static final InetSocketAddress SANDBOX = new InetSocketAddress("127.0.0.1", 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The pipeline's entry for in-process requests: {@code Pipeline::processAs}. */
    @FunctionalInterface
    public interface Calls {
        SandboxResponse call(Credential principal, SandboxRequest request, String region);
    }

    private final IamModel iam;
    private final Calls calls;
    private final Clock clock;
    private final PolicyEngine engine = new PolicyEngine();

    public BatchOperationsRole(IamModel iam, Calls calls, Clock clock) {
        this.iam = iam;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public Session assume(String roleArn, String region, String jobId) {
        Role role = iam.findRoleByArn(roleArn).orElseThrow(() -> new JobFailure("AccessDenied",
                "Batch Operations cannot assume " + roleArn + ": no such role."));
        String jobArn = "arn:aws:s3:" + region + ":" + iam.accountId() + ":job/" + jobId;
        EvaluationResult trust = engine.evaluate(EvaluationRequest.builder(RequestPrincipal.service(SERVICE_PRINCIPAL),
                        "sts:AssumeRole", roleArn)
                .resourcePolicy(new ResourcePolicy(roleArn, iam.accountId(),
                        PolicyDocument.parse(role.assumeRolePolicyDocument(), PolicyKind.TRUST)))
                .context(RequestContext.of(Map.of("aws:SourceAccount", ContextValue.string(iam.accountId()),
                        "aws:SourceArn", ContextValue.string(jobArn))))
                .build());
        if (!trust.allowed() || !Authorizer.resourcePolicyAllowed(trust)) {
            throw new JobFailure("AccessDenied", "Batch Operations cannot assume " + roleArn + ": its trust policy does not"
                    + " allow " + SERVICE_PRINCIPAL + " to perform sts:AssumeRole.");
        }
        Principal.AssumedRole session = new Principal.AssumedRole(iam.accountId(), role.name(), role.path(), role.id(),
                "s3-batch-operations-" + jobId.substring(0, 8));
        Credential credential = new Credential("ASIA" + jobId.replace("-", "").substring(0, 16).toUpperCase(), "",
                session, Optional.of("in-process"), Optional.empty(), true, Optional.empty(), List.of());
        return new RoleSession(credential, region, jobId);
    }

    private final class RoleSession implements Session {
        private final Credential credential;
        private final String region;
        private final String jobId;

        RoleSession(Credential credential, String region, String jobId) {
            this.credential = credential;
            this.region = region;
            this.jobId = jobId;
        }

        @Override
        public StoredObject read(String bucket, String key, String versionId) {
            SandboxResponse response = send("GET", bucket, key, versionId == null ? "" : "versionId=" + encode(versionId),
                    new Headers(), new byte[0]);
            if (response.status() != 200) {
                S3Error error = S3Error.of(response);
                throw new JobFailure(error.code(), "Reading the manifest arn:aws:s3:::" + bucket + "/" + key
                        + " failed: " + error.code() + ": " + error.message());
            }
            return new StoredObject(response.body(), response.headers().first("ETag").orElse(""));
        }

        @Override
        public TaskOutcome perform(JobOperation operation, JobManifest.Entry entry) {
            String version = entry.versionId() == null ? "" : "versionId=" + encode(entry.versionId());
            SandboxResponse response;
            if (operation instanceof JobOperation.PutObjectTagging tagging) {
                response = send("PUT", entry.bucket(), entry.key(), query("tagging", version),
                        new Headers().add("Content-Type", "application/xml"), tagging(tagging.tagSet()));
            } else if (operation instanceof JobOperation.DeleteObjectTagging) {
                response = send("DELETE", entry.bucket(), entry.key(), query("tagging", version), new Headers(), new byte[0]);
            } else if (operation instanceof JobOperation.PutObjectCopy copy) {
                response = copy(copy, entry);
            } else if (operation instanceof JobOperation.LambdaInvoke lambda) {
                return invoke(lambda, entry);
            } else {
                throw new IllegalStateException("no task for " + operation);
            }
            if (response.status() / 100 == 2) {
                return TaskOutcome.success(response.status());
            }
            S3Error error = S3Error.of(response);
            return TaskOutcome.failure(response.status(), error.code(), error.message());
        }

        @Override
        public void write(String bucket, String key, byte[] body, String contentType) {
            SandboxResponse response = send("PUT", bucket, key, "", new Headers().add("Content-Type", contentType), body);
            if (response.status() != 200) {
                S3Error error = S3Error.of(response);
                throw new JobFailure(error.code(), "arn:aws:s3:::" + bucket + "/" + key + ": " + error.code() + ": "
                        + error.message());
            }
        }

        /** PUT on the target with x-amz-copy-source, the directive and the new metadata and tags. */
        private SandboxResponse copy(JobOperation.PutObjectCopy copy, JobManifest.Entry entry) {
            Headers headers = new Headers().add("x-amz-copy-source", "/" + entry.bucket() + "/" + SigV4.uriEncode(entry.key(), false)
                    + (entry.versionId() == null ? "" : "?versionId=" + encode(entry.versionId())));
            if (copy.metadataDirective() != null) {
                headers.add("x-amz-metadata-directive", copy.metadataDirective());
            }
            copy.newMetadata().headers().forEach(headers::add);
            copy.newMetadata().userMetadata().forEach((name, value) -> headers.add("x-amz-meta-" + name, value));
            if (copy.newTagging() != null) {
                headers.add("x-amz-tagging-directive", "REPLACE").add("x-amz-tagging", copy.newTagging().stream()
                        .map(tag -> encode(tag.key()) + "=" + encode(tag.value())).collect(Collectors.joining("&")));
            }
            if (copy.storageClass() != null) {
                headers.add("x-amz-storage-class", copy.storageClass());
            }
            String prefix = copy.targetKeyPrefix() == null ? "" : copy.targetKeyPrefix();
            return send("PUT", copy.targetBucket(), prefix + entry.key(), "", headers, new byte[0]);
        }

        /**
         * Lambda's Invoke with AWS's Batch Operations event (invocation schema 1.0); the task's
         * outcome is the resultCode the function returns (Succeeded, TemporaryFailure, PermanentFailure).
         * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html
         */
        private TaskOutcome invoke(JobOperation.LambdaInvoke lambda, JobManifest.Entry entry) {
            String taskId = SigV4.sha256Hex(jobId + "/" + entry.bucket() + "/" + entry.encodedKey()).substring(0, 24);
            ObjectNode event = JSON.createObjectNode().put("invocationSchemaVersion", "1.0").put("invocationId", taskId);
            event.putObject("job").put("id", jobId);
            event.putArray("tasks").addObject().put("taskId", taskId).put("s3Key", entry.encodedKey())
                    .put("s3VersionId", entry.versionId()).put("s3BucketArn", "arn:aws:s3:::" + entry.bucket());
            SandboxRequest request = new SandboxRequest("POST", "/2015-03-31/functions/" + encode(lambda.functionArn())
                    + "/invocations", "", new Headers().add("Host", "127.0.0.1").add("Content-Type", "application/json")
                    .add("Authorization", scope("lambda")), event.toString().getBytes(StandardCharsets.UTF_8), SANDBOX);
            SandboxResponse response = calls.call(credential, request, region);
            if (response.status() / 100 != 2) {
                S3Error error = S3Error.of(response);
                return TaskOutcome.failure(response.status(), error.code(), error.message());
            }
            String payload = new String(response.body(), StandardCharsets.UTF_8);
            if (response.headers().contains("X-Amz-Function-Error")) {
                return TaskOutcome.failure(response.status(), "PermanentFailure", "Lambda returned function error: " + payload);
            }
            try {
                JsonNode answer = JSON.readTree(payload);
                JsonNode result = null;
                for (JsonNode candidate : answer.path("results")) {
                    if (taskId.equals(candidate.path("taskId").asText())) {
                        result = candidate;
                    }
                }
                // A task the function left out of its results counts as treatMissingKeysAs says.
                String code = result != null ? result.path("resultCode").asText("PermanentFailure")
                        : answer.path("treatMissingKeysAs").asText("PermanentFailure");
                String message = result != null ? result.path("resultString").asText("")
                        : "The function's response has no result for this task (treatMissingKeysAs)";
                return code.equals("Succeeded") ? new TaskOutcome(true, response.status(), null, message)
                        : TaskOutcome.failure(response.status(), code, message);
            } catch (JsonProcessingException e) {
                return TaskOutcome.failure(response.status(), "PermanentFailure", "The function's response is not JSON: " + payload);
            }
        }

        private SandboxResponse send(String method, String bucket, String key, String query, Headers headers, byte[] body) {
            headers.add("Host", "127.0.0.1").add("Authorization", scope("s3"));
            SandboxRequest request = new SandboxRequest(method, "/" + SigV4.uriEncode(bucket, true) + "/"
                    + SigV4.uriEncode(key, false), query, headers, body, SANDBOX);
            return calls.call(credential, request, region);
        }

        /** Names the signing service for the router, as a credential scope does; nothing verifies it. */
        private String scope(String service) {
            return "AWS4-HMAC-SHA256 Credential=" + credential.accessKeyId() + "/20200101/" + region + "/" + service
                    + "/aws4_request";
        }
    }

    private static String query(String subresource, String version) {
        return version.isEmpty() ? subresource : subresource + "&" + version;
    }

    private static byte[] tagging(List<Tag> tags) {
        StringBuilder xml = new StringBuilder("<Tagging><TagSet>");
        for (Tag tag : tags) {
            xml.append("<Tag><Key>").append(Xml.escape(tag.key())).append("</Key><Value>").append(Xml.escape(tag.value()))
                    .append("</Value></Tag>");
        }
        return xml.append("</TagSet></Tagging>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return SigV4.uriEncode(value, true);
    }

    /** The Code and Message of an error answer (S3's bare Error, or a JSON error of another service). */
    private record S3Error(String code, String message) {
        static S3Error of(SandboxResponse response) {
            byte[] body = response.body();
            String status = String.valueOf(response.status());
            if (body.length > 0 && body[0] == '{') {
                try {
                    JsonNode json = JSON.readTree(body);
                    String type = response.headers().first("x-amzn-ErrorType")
                            .orElse(json.path("__type").asText(json.path("code").asText(status)));
                    return new S3Error(type.replaceAll("[:#].*", ""), json.path("message").asText(json.path("Message").asText("")));
                } catch (java.io.IOException notJson) {
                    return new S3Error(status, "");
                }
            }
            try {
                XmlDocument error = XmlDocument.parse(body, "Error", () -> new ServiceException(500, "InternalError", ""));
                return new S3Error(error.text("Code").orElse(status), error.text("Message").orElse(""));
            } catch (ServiceException notXml) {
                return new S3Error(status, "");
            }
        }
    }
}
