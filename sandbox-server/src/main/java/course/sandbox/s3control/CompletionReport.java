package course.sandbox.s3control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.auth.SigV4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's completion report in AWS's layout: under {@code PREFIX/job-ID/}, one CSV per task
 * status in {@code results/} and a top-level {@code manifest.json} naming them with their MD5s.
 * A row is {@code Bucket,Key,VersionId,TaskStatus,HTTPStatusCode,ErrorCode,ResultMessage}: that
 * is the order of the rows in AWS's examples (for instance
 * {@code awsexamplebucket1,image_14975,,failed,200,PermanentFailure,"Lambda returned function error: …"}),
 * although the ReportSchema line they come with names ErrorCode before HTTPStatusCode.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html
 */
final class CompletionReport {
    static final String REPORT_SCHEMA = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage";
    private static final DateTimeFormatter CREATION_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompletionReport() {
    }

    /** The report's objects, key → content, manifest.json last (it names the others). */
    static Map<String, byte[]> files(BatchJob job, Instant now) {
        JobReport report = job.request().report();
        String folder = folder(report.prefix(), job.id());
        StringBuilder succeeded = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        for (BatchJob.TaskResult result : job.results()) {
            TaskOutcome outcome = result.outcome();
            JobManifest.Entry entry = result.entry();
            String row = Csv.line(entry.bucket(), entry.encodedKey(), entry.versionId(),
                    outcome.succeeded() ? "succeeded" : "failed", String.valueOf(outcome.httpStatus()),
                    outcome.errorCode(), outcome.message());
            (outcome.succeeded() ? succeeded : failed).append(row);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("Format", JobReport.FORMAT);
        manifest.put("ReportCreationDate", CREATION_DATE.format(now));
        ArrayNode results = manifest.putArray("Results");
        for (Map.Entry<String, StringBuilder> part : List.of(Map.entry("succeeded", succeeded), Map.entry("failed", failed))) {
            boolean wanted = part.getKey().equals("failed") || !report.failedTasksOnly();
            if (!wanted || part.getValue().isEmpty()) {
                continue;
            }
            byte[] csv = part.getValue().toString().getBytes(StandardCharsets.UTF_8);
            String key = folder + "results/" + SigV4.sha256Hex(job.id() + "/" + part.getKey()).substring(0, 40) + ".csv";
            files.put(key, csv);
            results.addObject()
                    .put("TaskExecutionStatus", part.getKey())
                    .put("Bucket", report.bucket())
                    .put("MD5Checksum", md5Hex(csv))
                    .put("Key", key);
        }
        manifest.put("ReportSchema", REPORT_SCHEMA);
        files.put(folder + "manifest.json", manifest.toPrettyString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** {@code PREFIX/job-ID/}, or {@code job-ID/} without a prefix. */
    static String folder(String prefix, String jobId) {
        String base = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        return base + "job-" + jobId + "/";
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }
}
