package course.sandbox.s3control;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a job's manifest is and how to read it: a CSV object in S3 (S3BatchOperations_CSV_20180820)
 * whose columns the Fields name (Bucket, Key, optionally VersionId; Ignore skips one). Keys in
 * the manifest are URL-encoded. The ETag given must be the manifest object's.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html#specify-batchjob-manifest
 *
 * @param objectArn arn:aws:s3:::BUCKET/KEY of the manifest object
 */
public record JobManifest(String format, List<String> fields, String objectArn, String objectVersionId, String etag) {
    public static final String CSV_FORMAT = "S3BatchOperations_CSV_20180820";

    public JobManifest {
        fields = List.copyOf(fields);
    }

    /** One line of the manifest: the object a task acts on, its key as the manifest writes it (URL-encoded). */
    public record Entry(String bucket, String encodedKey, String versionId) {
        public String key() {
            return URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
        }
    }

    public String bucket() {
        String resource = objectArn.substring("arn:aws:s3:::".length());
        return resource.substring(0, resource.indexOf('/'));
    }

    public String key() {
        String resource = objectArn.substring("arn:aws:s3:::".length());
        return resource.substring(resource.indexOf('/') + 1);
    }

    /** The manifest's lines as tasks; a malformed line fails the whole job, as in AWS. */
    public List<Entry> parse(String csv) {
        int bucketColumn = fields.indexOf("Bucket");
        int keyColumn = fields.indexOf("Key");
        int versionColumn = fields.indexOf("VersionId");
        List<Entry> entries = new ArrayList<>();
        int lineNumber = 0;
        for (String line : csv.split("\r?\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> columns = Csv.split(line);
            if (columns.size() != fields.size()) {
                throw new JobFailure("InvalidManifestContent", "Line " + lineNumber + " of the manifest has "
                        + columns.size() + " field(s), the job's manifest spec names " + fields.size() + ".");
            }
            String versionId = versionColumn < 0 ? null : columns.get(versionColumn);
            entries.add(new Entry(columns.get(bucketColumn), columns.get(keyColumn),
                    versionId == null || versionId.isEmpty() ? null : versionId));
        }
        return entries;
    }
}
