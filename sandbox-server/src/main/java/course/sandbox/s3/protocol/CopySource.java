package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Errors;

import course.sandbox.auth.SigV4;

/**
 * The x-amz-copy-source header: {@code bucket/key} or {@code /bucket/key}, URL-encoded,
 * optionally followed by {@code ?versionId=...}.
 */
record CopySource(String bucket, String key, String versionId) {

    static CopySource parse(String header, String resource) {
        String raw = header.trim();
        String versionId = null;
        int query = raw.indexOf('?');
        if (query >= 0) {
            String parameters = raw.substring(query + 1);
            raw = raw.substring(0, query);
            if (parameters.startsWith("versionId=")) {
                versionId = SigV4.percentDecode(parameters.substring("versionId=".length()));
            }
        }
        String decoded = S3Request.decode(raw.startsWith("/") ? raw.substring(1) : raw, header);
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", header, resource);
        }
        return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1),
                versionId == null || versionId.isEmpty() ? null : versionId);
    }
}
