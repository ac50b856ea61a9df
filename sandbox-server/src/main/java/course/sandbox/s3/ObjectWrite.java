package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.service.Tag;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a PutObject, CreateMultipartUpload or CopyObject (with REPLACE) carries besides the target:
 * body, content type, user metadata, other stored headers, integrity values, tags and write
 * conditions. Built fluently: {@code ObjectWrite.of(bytes).contentType("text/plain")}.
 */
public final class ObjectWrite {
    private final byte[] body;
    private byte[] md5;
    private String contentType;
    private final Map<String, String> userMetadata = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String contentMd5;
    private final Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
    private final Set<ChecksumAlgorithm> verifiedChecksums = EnumSet.noneOf(ChecksumAlgorithm.class);
    private ChecksumAlgorithm checksumAlgorithm;
    private List<Tag> tags = List.of();
    private EtagList ifMatch;
    private EtagList ifNoneMatch;

    private ObjectWrite(byte[] body) {
        this.body = body;
    }

    /** Takes {@code body} as it is, without a copy: the caller must not change it afterwards. */
    public static ObjectWrite of(byte[] body) {
        return new ObjectWrite(body);
    }

    /** The body's MD5 when it is already known (computed as the body arrived). */
    public ObjectWrite bodyMd5(byte[] value) {
        this.md5 = value.clone();
        return this;
    }

    /** For writes without a body (CreateMultipartUpload, CopyObject with REPLACE). */
    public static ObjectWrite empty() {
        return new ObjectWrite(new byte[0]);
    }

    public ObjectWrite contentType(String value) {
        this.contentType = value;
        return this;
    }

    /** One x-amz-meta-* entry; {@code name} without the prefix. Names are stored lower-case, as AWS does. */
    public ObjectWrite metadata(String name, String value) {
        userMetadata.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** Another header S3 stores and returns, e.g. Content-Encoding, Content-Disposition, Cache-Control. */
    public ObjectWrite header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The Content-MD5 header value (base64 of the binary MD5). */
    public ObjectWrite contentMd5(String base64) {
        this.contentMd5 = base64;
        return this;
    }

    /** An x-amz-checksum-* header value (base64). */
    public ObjectWrite checksum(ChecksumAlgorithm algorithm, String base64) {
        checksums.put(algorithm, base64);
        return this;
    }

    /**
     * A checksum from an aws-chunked trailer, which the signature verifier has already checked
     * against this body: stored like {@link #checksum} but not computed a second time.
     */
    public ObjectWrite verifiedChecksum(ChecksumAlgorithm algorithm, String base64) {
        checksums.put(algorithm, base64);
        verifiedChecksums.add(algorithm);
        return this;
    }

    /** x-amz-checksum-algorithm / x-amz-sdk-checksum-algorithm: compute and store this checksum. */
    public ObjectWrite checksumAlgorithm(ChecksumAlgorithm algorithm) {
        this.checksumAlgorithm = algorithm;
        return this;
    }

    /** Tags from the x-amz-tagging header, already parsed by the protocol layer. */
    public ObjectWrite tags(List<Tag> value) {
        this.tags = List.copyOf(value);
        return this;
    }

    /** If-Match on PutObject: write only when the current object has this ETag. */
    public ObjectWrite ifMatch(EtagList etags) {
        this.ifMatch = etags;
        return this;
    }

    /** If-None-Match on PutObject; AWS supports only "*" (write only when the key does not exist). */
    public ObjectWrite ifNoneMatch(EtagList value) {
        this.ifNoneMatch = value;
        return this;
    }

    byte[] body() {
        return body;
    }

    /** The body's MD5: the one given, else computed (once). */
    byte[] md5() {
        if (md5 == null) {
            md5 = Digests.md5(body);
        }
        return md5;
    }

    String contentType() {
        return contentType;
    }

    Map<String, String> userMetadata() {
        return userMetadata;
    }

    Map<String, String> headers() {
        return headers;
    }

    String contentMd5() {
        return contentMd5;
    }

    Map<ChecksumAlgorithm, String> checksums() {
        return checksums;
    }

    boolean verified(ChecksumAlgorithm algorithm) {
        return verifiedChecksums.contains(algorithm);
    }

    ChecksumAlgorithm checksumAlgorithm() {
        return checksumAlgorithm;
    }

    List<Tag> tags() {
        return new ArrayList<>(tags);
    }

    EtagList ifMatch() {
        return ifMatch;
    }

    EtagList ifNoneMatch() {
        return ifNoneMatch;
    }
}
