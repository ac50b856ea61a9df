package course.sandbox.s3control.protocol;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.protocol.XmlDocument;
import course.sandbox.s3.AccessPoint;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.Tag;
import course.sandbox.s3control.BatchJob;
import course.sandbox.s3control.BatchJobs;
import course.sandbox.s3control.JobManifest;
import course.sandbox.s3control.JobOperation;
import course.sandbox.s3control.JobReport;
import course.sandbox.s3control.JobStatus;
import course.sandbox.s3control.S3ControlErrors;
import course.sandbox.s3control.S3ControlModel;
import course.sandbox.service.ServiceException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out authorized S3 Control operations: request XML to the model, the model's answers
 * to S3 Control's XML (lists as {@code <member>} elements, maps as {@code <entry><key/><value/>}).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_AWS_S3_Control.html
 */
final class S3ControlHandlers {
    static final String NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";
    /** NewObjectMetadata's members and the headers a copy stores them as. */
    private static final Map<String, String> METADATA_HEADERS = Map.of("CacheControl", "Cache-Control",
            "ContentDisposition", "Content-Disposition", "ContentEncoding", "Content-Encoding",
            "ContentLanguage", "Content-Language", "ContentType", "Content-Type");
    /** CreateJob operations the sandbox does not run. */
    private static final List<String> UNSERVED_OPERATIONS = List.of("S3PutObjectAcl", "S3InitiateRestoreObject",
            "S3PutObjectLegalHold", "S3PutObjectRetention", "S3ReplicateObject", "S3ComputeObjectChecksum");

    private final S3ControlModel model;
    private final BatchJobs jobs;

    S3ControlHandlers(S3ControlModel model, BatchJobs jobs) {
        this.model = model;
        this.jobs = jobs;
    }

    SandboxResponse handle(S3ControlRequest request) {
        String account = request.account();
        String region = request.region();
        String name = request.subject();
        return switch (request.operation()) {
            case CreateAccessPoint -> createAccessPoint(request);
            case GetAccessPoint -> getAccessPoint(model.getAccessPoint(account, region, name));
            case ListAccessPoints -> listAccessPoints(request);
            case DeleteAccessPoint -> {
                model.deleteAccessPoint(account, region, name);
                yield status(204);
            }
            case PutAccessPointPolicy -> {
                XmlDocument body = parse(request, "PutAccessPointPolicyRequest");
                model.putAccessPointPolicy(account, region, name, body.text("Policy").orElseThrow(S3ControlErrors::malformedXml),
                        request.service().caller().describe());
                yield status(200);
            }
            case GetAccessPointPolicy -> xml(document("GetAccessPointPolicyResult")
                    .element("Policy", model.getAccessPointPolicy(account, region, name)), "GetAccessPointPolicyResult");
            case DeleteAccessPointPolicy -> {
                model.deleteAccessPointPolicy(account, region, name);
                yield status(204);
            }
            case GetAccessPointPolicyStatus -> xml(document("GetAccessPointPolicyStatusResult").open("PolicyStatus")
                    .element("IsPublic", model.isPolicyPublic(account, region, name)).close("PolicyStatus"),
                    "GetAccessPointPolicyStatusResult");
            case GetPublicAccessBlock -> xml(publicAccessBlockSettings(document("PublicAccessBlockConfiguration"),
                    model.getPublicAccessBlock(account)), "PublicAccessBlockConfiguration");
            case PutPublicAccessBlock -> {
                model.putPublicAccessBlock(account, publicAccessBlock(parse(request, "PublicAccessBlockConfiguration")));
                yield status(200);
            }
            case DeletePublicAccessBlock -> {
                model.deletePublicAccessBlock(account);
                yield status(204);
            }
            case CreateJob -> {
                BatchJob job = jobs.create(account, region, createJobRequest(parse(request, "CreateJobRequest")));
                yield xml(document("CreateJobResult").element("JobId", job.id()), "CreateJobResult");
            }
            case DescribeJob -> describeJob(jobs.describe(account, name));
            case ListJobs -> listJobs(request);
            case UpdateJobStatus -> {
                String requested = request.param("requestedJobStatus").orElseThrow(
                        () -> S3ControlErrors.badRequest("requestedJobStatus is required."));
                if (!requested.equals("Ready") && !requested.equals("Cancelled")) {
                    throw S3ControlErrors.badRequest("requestedJobStatus must be Ready or Cancelled.");
                }
                BatchJobs.StatusUpdate update = jobs.updateStatus(account, name, JobStatus.valueOf(requested),
                        request.param("statusUpdateReason").orElse(null));
                yield xml(document("UpdateJobStatusResult").element("JobId", update.jobId()).element("Status", update.status())
                        .element("StatusUpdateReason", update.reason()), "UpdateJobStatusResult");
            }
            case UpdateJobPriority -> {
                BatchJob job = jobs.updatePriority(account, name, integer(request.param("priority").orElseThrow(
                        () -> S3ControlErrors.badRequest("priority is required.")), "priority"));
                yield xml(document("UpdateJobPriorityResult").element("JobId", job.id()).element("Priority", job.priority()),
                        "UpdateJobPriorityResult");
            }
        };
    }

    // ------------------------------------------------------------------ access points

    private SandboxResponse createAccessPoint(S3ControlRequest request) {
        XmlDocument body = parse(request, "CreateAccessPointRequest");
        String vpcId = body.child("VpcConfiguration").map(vpc -> vpc.text("VpcId").orElseThrow(S3ControlErrors::malformedXml))
                .orElse(null);
        PublicAccessBlock block = body.child("PublicAccessBlockConfiguration").map(S3ControlHandlers::publicAccessBlock)
                .orElse(null);
        body.text("BucketAccountId").filter(owner -> !owner.equals(request.account())).ifPresent(owner -> {
            throw S3ControlErrors.notImplemented("access points on buckets of another account");
        });
        AccessPoint accessPoint = model.createAccessPoint(request.account(), request.region(), request.subject(),
                body.text("Bucket").orElse(null), vpcId, block);
        return xml(document("CreateAccessPointResult").element("AccessPointArn", accessPoint.arn())
                .element("Alias", accessPoint.alias()), "CreateAccessPointResult");
    }

    private static SandboxResponse getAccessPoint(AccessPoint accessPoint) {
        XmlBuilder xml = document("GetAccessPointResult")
                .element("Name", accessPoint.name())
                .element("Bucket", accessPoint.bucket())
                .element("NetworkOrigin", accessPoint.networkOrigin());
        vpc(xml, accessPoint);
        publicAccessBlockSettings(xml.open("PublicAccessBlockConfiguration"), accessPoint.publicAccessBlock())
                .close("PublicAccessBlockConfiguration")
                .element("CreationDate", accessPoint.creationDate())
                .element("Alias", accessPoint.alias())
                .element("AccessPointArn", accessPoint.arn())
                .open("Endpoints")
                .open("entry").element("key", "ipv4").element("value", accessPoint.host()).close("entry")
                .close("Endpoints")
                .element("BucketAccountId", accessPoint.account());
        return xml(xml, "GetAccessPointResult");
    }

    private SandboxResponse listAccessPoints(S3ControlRequest request) {
        int maxResults = request.param("maxResults").map(value -> integer(value, "maxResults")).orElse(0);
        S3ControlModel.Page page = model.listAccessPoints(request.account(), request.region(),
                request.param("bucket").orElse(null), request.param("nextToken").orElse(null), maxResults);
        XmlBuilder xml = document("ListAccessPointsResult").open("AccessPointList");
        for (AccessPoint accessPoint : page.accessPoints()) {
            xml.open("AccessPoint")
                    .element("Name", accessPoint.name())
                    .element("NetworkOrigin", accessPoint.networkOrigin());
            vpc(xml, accessPoint);
            xml.element("Bucket", accessPoint.bucket())
                    .element("AccessPointArn", accessPoint.arn())
                    .element("Alias", accessPoint.alias())
                    .element("BucketAccountId", accessPoint.account())
                    .close("AccessPoint");
        }
        xml.close("AccessPointList").element("NextToken", page.nextAfter());
        return xml(xml, "ListAccessPointsResult");
    }

    private static void vpc(XmlBuilder xml, AccessPoint accessPoint) {
        if (accessPoint.vpcId() != null) {
            xml.open("VpcConfiguration").element("VpcId", accessPoint.vpcId()).close("VpcConfiguration");
        }
    }

    private static PublicAccessBlock publicAccessBlock(XmlDocument xml) {
        return new PublicAccessBlock(xml.bool("BlockPublicAcls").orElse(false), xml.bool("IgnorePublicAcls").orElse(false),
                xml.bool("BlockPublicPolicy").orElse(false), xml.bool("RestrictPublicBuckets").orElse(false));
    }

    /** The four settings, inside whichever element holds them. */
    private static XmlBuilder publicAccessBlockSettings(XmlBuilder xml, PublicAccessBlock block) {
        return xml.element("BlockPublicAcls", block.blockPublicAcls())
                .element("IgnorePublicAcls", block.ignorePublicAcls())
                .element("BlockPublicPolicy", block.blockPublicPolicy())
                .element("RestrictPublicBuckets", block.restrictPublicBuckets());
    }

    // ------------------------------------------------------------------ Batch Operations

    private static BatchJob.Request createJobRequest(XmlDocument body) {
        XmlDocument manifest = body.child("Manifest").orElse(null);
        if (manifest == null) {
            throw body.child("ManifestGenerator").isPresent()
                    ? S3ControlErrors.notImplemented("Batch Operations manifest generators")
                    : S3ControlErrors.badRequest("A Manifest is required.");
        }
        XmlDocument spec = manifest.child("Spec").orElseThrow(S3ControlErrors::malformedXml);
        XmlDocument location = manifest.child("Location").orElseThrow(S3ControlErrors::malformedXml);
        JobManifest jobManifest = new JobManifest(spec.text("Format").orElse(null),
                spec.child("Fields").map(fields -> fields.children("member").stream().map(XmlDocument::text).toList())
                        .orElse(List.of()),
                location.text("ObjectArn").orElse(null), location.text("ObjectVersionId").orElse(null),
                location.text("ETag").orElse(null));
        XmlDocument report = body.child("Report").orElseThrow(() -> S3ControlErrors.badRequest("A Report is required."));
        JobReport jobReport = new JobReport(report.bool("Enabled").orElse(false), report.text("Bucket").orElse(null),
                report.text("Format").orElse(null), report.text("Prefix").orElse(null),
                report.text("ReportScope").orElse("AllTasks"));
        return new BatchJob.Request(body.text("Description").orElse(null),
                body.integer("Priority").orElseThrow(() -> S3ControlErrors.badRequest("Priority is required.")),
                body.text("RoleArn").orElse(null), body.bool("ConfirmationRequired").orElse(false), jobManifest,
                operation(body.child("Operation").orElseThrow(() -> S3ControlErrors.badRequest("An Operation is required."))),
                jobReport, body.child("Tags").map(S3ControlHandlers::tags).orElse(List.of()),
                body.text("ClientRequestToken").orElse(null));
    }

    private static JobOperation operation(XmlDocument operation) {
        for (String unserved : UNSERVED_OPERATIONS) {
            if (operation.child(unserved).isPresent()) {
                throw S3ControlErrors.notImplemented("the Batch Operations operation " + unserved);
            }
        }
        if (operation.child("S3PutObjectTagging").isPresent()) {
            return new JobOperation.PutObjectTagging(operation.child("S3PutObjectTagging").flatMap(tagging -> tagging.child("TagSet"))
                    .map(S3ControlHandlers::tags).orElse(List.of()));
        }
        if (operation.child("S3DeleteObjectTagging").isPresent()) {
            return new JobOperation.DeleteObjectTagging();
        }
        if (operation.child("LambdaInvoke").isPresent()) {
            return new JobOperation.LambdaInvoke(operation.child("LambdaInvoke").flatMap(lambda -> lambda.text("FunctionArn"))
                    .orElseThrow(() -> S3ControlErrors.badRequest("LambdaInvoke needs a FunctionArn.")));
        }
        XmlDocument copy = operation.child("S3PutObjectCopy")
                .orElseThrow(() -> S3ControlErrors.badRequest("The Operation names no operation."));
        for (String unserved : List.of("AccessControlGrants", "CannedAccessControlList", "SSEAwsKmsKeyId", "ObjectLockMode",
                "ObjectLockRetainUntilDate", "ObjectLockLegalHoldStatus", "RedirectLocation", "RequesterPays",
                "ModifiedSinceConstraint", "UnModifiedSinceConstraint")) {
            if (copy.child(unserved).isPresent()) {
                throw S3ControlErrors.notImplemented("S3PutObjectCopy with " + unserved);
            }
        }
        return new JobOperation.PutObjectCopy(copy.text("TargetResource").orElse(null), copy.text("TargetKeyPrefix").orElse(null),
                copy.text("MetadataDirective").orElse(null),
                copy.child("NewObjectMetadata").map(S3ControlHandlers::metadata).orElse(JobOperation.ObjectMetadata.NONE),
                copy.child("NewObjectTagging").map(S3ControlHandlers::tags).orElse(null),
                copy.text("StorageClass").orElse(null));
    }

    private static JobOperation.ObjectMetadata metadata(XmlDocument xml) {
        Map<String, String> headers = new LinkedHashMap<>();
        METADATA_HEADERS.forEach((member, header) -> xml.text(member).ifPresent(value -> headers.put(header, value)));
        Map<String, String> user = new LinkedHashMap<>();
        xml.child("UserMetadata").ifPresent(map -> map.children("entry").forEach(entry ->
                user.put(entry.text("key").orElseThrow(S3ControlErrors::malformedXml), entry.text("value").orElse(""))));
        return new JobOperation.ObjectMetadata(headers, user);
    }

    private static List<Tag> tags(XmlDocument tagSet) {
        return tagSet.children("member").stream()
                .map(tag -> new Tag(tag.text("Key").orElseThrow(S3ControlErrors::malformedXml), tag.text("Value").orElse("")))
                .toList();
    }

    private static SandboxResponse describeJob(BatchJob job) {
        BatchJob.Request request = job.request();
        XmlBuilder xml = document("DescribeJobResult").open("Job")
                .element("JobId", job.id())
                .element("ConfirmationRequired", request.confirmationRequired())
                .element("Description", request.description())
                .element("JobArn", job.arn())
                .element("Status", job.status());
        JobManifest manifest = request.manifest();
        xml.open("Manifest").open("Spec").element("Format", manifest.format()).open("Fields");
        manifest.fields().forEach(field -> xml.element("member", field));
        xml.close("Fields").close("Spec").open("Location")
                .element("ObjectArn", manifest.objectArn())
                .element("ObjectVersionId", manifest.objectVersionId())
                .element("ETag", manifest.etag())
                .close("Location").close("Manifest");
        operation(xml.open("Operation"), request.operation()).close("Operation");
        xml.element("Priority", job.priority());
        progress(xml, job);
        xml.element("StatusUpdateReason", job.statusUpdateReason());
        List<BatchJob.Failure> failures = job.failures();
        if (!failures.isEmpty()) {
            xml.open("FailureReasons");
            for (BatchJob.Failure failure : failures) {
                xml.open("member").element("FailureCode", failure.code()).element("FailureReason", failure.reason())
                        .close("member");
            }
            xml.close("FailureReasons");
        }
        JobReport report = request.report();
        xml.open("Report")
                .element("Bucket", report.bucketArn())
                .element("Format", report.format())
                .element("Enabled", report.enabled())
                .element("Prefix", report.prefix())
                .element("ReportScope", report.enabled() ? report.scope() : null)
                .close("Report")
                .element("CreationTime", job.creationTime())
                .element("TerminationDate", job.terminationDate())
                .element("RoleArn", request.roleArn())
                .element("SuspendedDate", job.suspendedDate())
                .element("SuspendedCause", job.suspendedCause())
                .close("Job");
        return xml(xml, "DescribeJobResult");
    }

    private static XmlBuilder operation(XmlBuilder xml, JobOperation operation) {
        if (operation instanceof JobOperation.PutObjectTagging tagging) {
            xml.open("S3PutObjectTagging");
            tags(xml, "TagSet", tagging.tagSet());
            xml.close("S3PutObjectTagging");
        } else if (operation instanceof JobOperation.DeleteObjectTagging) {
            xml.open("S3DeleteObjectTagging").close("S3DeleteObjectTagging");
        } else if (operation instanceof JobOperation.LambdaInvoke lambda) {
            xml.open("LambdaInvoke").element("FunctionArn", lambda.functionArn()).close("LambdaInvoke");
        } else if (operation instanceof JobOperation.PutObjectCopy copy) {
            xml.open("S3PutObjectCopy").element("TargetResource", copy.targetBucketArn())
                    .element("MetadataDirective", copy.metadataDirective());
            if (!copy.newMetadata().equals(JobOperation.ObjectMetadata.NONE)) {
                xml.open("NewObjectMetadata");
                METADATA_HEADERS.forEach((member, header) -> xml.element(member, copy.newMetadata().headers().get(header)));
                if (!copy.newMetadata().userMetadata().isEmpty()) {
                    xml.open("UserMetadata");
                    copy.newMetadata().userMetadata().forEach((key, value) ->
                            xml.open("entry").element("key", key).element("value", value).close("entry"));
                    xml.close("UserMetadata");
                }
                xml.close("NewObjectMetadata");
            }
            if (copy.newTagging() != null) {
                tags(xml, "NewObjectTagging", copy.newTagging());
            }
            xml.element("StorageClass", copy.storageClass()).element("TargetKeyPrefix", copy.targetKeyPrefix())
                    .close("S3PutObjectCopy");
        }
        return xml;
    }

    private static void tags(XmlBuilder xml, String element, List<Tag> tags) {
        xml.open(element);
        tags.forEach(tag -> xml.open("member").element("Key", tag.key()).element("Value", tag.value()).close("member"));
        xml.close(element);
    }

    private static void progress(XmlBuilder xml, BatchJob job) {
        xml.open("ProgressSummary")
                .element("TotalNumberOfTasks", job.totalTasks())
                .element("NumberOfTasksSucceeded", job.succeeded())
                .element("NumberOfTasksFailed", job.failed())
                .open("Timers").element("ElapsedTimeInActiveSeconds", job.elapsedActiveSeconds()).close("Timers")
                .close("ProgressSummary");
    }

    private SandboxResponse listJobs(S3ControlRequest request) {
        Set<JobStatus> statuses = new LinkedHashSet<>();
        for (String value : request.service().http().rawQuery().split("&")) {
            if (value.startsWith("jobStatuses=")) {
                String status = value.substring("jobStatuses=".length());
                statuses.add(Arrays.stream(JobStatus.values()).filter(known -> known.name().equals(status)).findFirst()
                        .orElseThrow(() -> new ServiceException(400, "InvalidRequestException", "Invalid job status: " + status)));
            }
        }
        int maxResults = request.param("maxResults").map(value -> integer(value, "maxResults")).orElse(0);
        BatchJobs.Page page = jobs.list(request.account(), statuses, request.param("nextToken").orElse(null), maxResults);
        XmlBuilder xml = document("ListJobsResult").element("NextToken", page.nextAfterId()).open("Jobs");
        for (BatchJob job : page.jobs()) {
            xml.open("member")
                    .element("JobId", job.id())
                    .element("Description", job.request().description())
                    .element("Operation", job.request().operation().wireName())
                    .element("Priority", job.priority())
                    .element("Status", job.status())
                    .element("CreationTime", job.creationTime())
                    .element("TerminationDate", job.terminationDate());
            progress(xml, job);
            xml.close("member");
        }
        return xml(xml.close("Jobs"), "ListJobsResult");
    }

    // ------------------------------------------------------------------ wire helpers

    /** The RoleArn of a CreateJob body, for iam:PassRole; empty when the body has none (the handler refuses it). */
    static Optional<String> roleArn(S3ControlRequest request) {
        try {
            return parse(request, "CreateJobRequest").text("RoleArn");
        } catch (ServiceException unreadable) {
            return Optional.empty();
        }
    }

    private static XmlDocument parse(S3ControlRequest request, String root) {
        return XmlDocument.parse(request.body(), root, S3ControlErrors::malformedXml);
    }

    private static int integer(String value, String name) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw S3ControlErrors.badRequest(name + " must be an integer: " + value);
        }
    }

    private static XmlBuilder document(String root) {
        return new XmlBuilder(XmlBuilder.ISO_MILLIS).declaration().open(root, NAMESPACE);
    }

    private static SandboxResponse xml(XmlBuilder xml, String root) {
        return SandboxResponse.xml(200, xml.finish(root));
    }

    private static SandboxResponse status(int status) {
        return new SandboxResponse(status, new Headers(), new byte[0]);
    }
}
