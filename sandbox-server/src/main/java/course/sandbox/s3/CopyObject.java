package course.sandbox.s3;

/**
 * A CopyObject request: source (bucket, key, optional version), destination, directives and
 * the x-amz-copy-source-if-* conditions.
 */
public final class CopyObject {
    /** MetadataDirective / TaggingDirective values. */
    public enum Directive { COPY, REPLACE }

    final String sourceBucket;
    final String sourceKey;
    final String sourceVersionId;
    final String destinationBucket;
    final String destinationKey;
    Directive metadataDirective = Directive.COPY;
    Directive taggingDirective = Directive.COPY;
    ObjectWrite replacement = ObjectWrite.empty();
    ReadConditions sourceConditions = ReadConditions.NONE;

    private CopyObject(String sourceBucket, String sourceKey, String sourceVersionId,
                       String destinationBucket, String destinationKey) {
        this.sourceBucket = sourceBucket;
        this.sourceKey = sourceKey;
        this.sourceVersionId = sourceVersionId;
        this.destinationBucket = destinationBucket;
        this.destinationKey = destinationKey;
    }

    /** @param sourceVersionId the versionId of x-amz-copy-source, or null for the latest version */
    public static CopyObject of(String sourceBucket, String sourceKey, String sourceVersionId,
                                String destinationBucket, String destinationKey) {
        return new CopyObject(sourceBucket, sourceKey, sourceVersionId, destinationBucket, destinationKey);
    }

    public CopyObject metadataDirective(Directive directive) {
        this.metadataDirective = directive;
        return this;
    }

    public CopyObject taggingDirective(Directive directive) {
        this.taggingDirective = directive;
        return this;
    }

    /**
     * Content type, metadata and headers used with MetadataDirective REPLACE, tags used with
     * TaggingDirective REPLACE, and an optional checksum algorithm for the new object.
     */
    public CopyObject replacement(ObjectWrite write) {
        this.replacement = write;
        return this;
    }

    public CopyObject sourceConditions(ReadConditions conditions) {
        this.sourceConditions = conditions;
        return this;
    }
}
