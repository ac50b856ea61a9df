///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;

@Command(name = "etag", mixinStandardHelpOptions = true,
        description = {"Integrity in S3: the ETag of a single PUT is the MD5 of the bytes, a multipart ETag is not;",
                "Content-MD5 and the flexible checksums (CRC32, CRC64NVME, SHA-256) let S3 refuse corrupted uploads (BadDigest)."})
class etag implements Callable<Integer> {
    private static final int MIB = 1024 * 1024;
    private static final String TEXT = "Integrity is checked, not assumed.";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    public static void main(String[] args) {
        DemoCommand.main(new etag(), args);
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String bucket = Demo.uniqueName("course-etag");
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        Demo.Cleanup cleanup = new Demo.Cleanup();
        try (S3Client s3 = S3Client.create()) {
            try {
                Demo.step("A single PUT: the ETag is the MD5 of the bytes");
                S3Demo.createBucket(s3, bucket);
                cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
                cleanup.add("objects in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
                Demo.show("Bucket", bucket);
                String etag = s3.putObject(r -> r.bucket(bucket).key("note.txt"), RequestBody.fromBytes(text)).eTag();
                Demo.show("ETag from S3", etag);
                Demo.show("MD5 computed here", "\"" + hex(md5(text)) + "\"");
                Demo.show("Equal", unquote(etag).equals(hex(md5(text))) ? "yes" : "NO");

                Demo.step("Content-MD5: S3 checks the bytes it received against the MD5 you sent");
                String contentMd5 = Base64.getEncoder().encodeToString(md5(text));
                s3.putObject(r -> r.bucket(bucket).key("checked.txt").contentMD5(contentMd5), RequestBody.fromBytes(text));
                Demo.show("Content-MD5", contentMd5 + " → accepted");
                byte[] corrupted = text.clone();
                corrupted[3] ^= 0x20; // one flipped bit on the way
                Demo.say("The same Content-MD5 with one bit flipped in the body (\"" + new String(corrupted, StandardCharsets.UTF_8) + "\"):");
                refused(() -> s3.putObject(r -> r.bucket(bucket).key("corrupted.txt").contentMD5(contentMd5),
                        RequestBody.fromBytes(corrupted)));

                Demo.step("A multipart upload: the ETag is the MD5 of the part MD5s, then -N");
                byte[] part1 = random(5 * MIB, 1);
                byte[] part2 = random(MIB, 2);
                String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key("big.bin")).uploadId();
                String etag1 = s3.uploadPart(r -> r.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(1),
                        RequestBody.fromBytes(part1)).eTag();
                String etag2 = s3.uploadPart(r -> r.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(2),
                        RequestBody.fromBytes(part2)).eTag();
                String multipart = s3.completeMultipartUpload(r -> r.bucket(bucket).key("big.bin").uploadId(uploadId)
                        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                                CompletedPart.builder().partNumber(2).eTag(etag2).build()))).eTag();
                MessageDigest ofParts = digest("MD5");
                ofParts.update(md5(part1));
                ofParts.update(md5(part2));
                byte[] whole = new byte[part1.length + part2.length];
                System.arraycopy(part1, 0, whole, 0, part1.length);
                System.arraycopy(part2, 0, whole, part1.length, part2.length);
                Demo.show("ETag from S3", multipart);
                Demo.show("MD5 of the part MD5s", "\"" + hex(ofParts.digest()) + "-2\"");
                Demo.show("MD5 of the whole file", hex(md5(whole)) + " (not the ETag)");

                Demo.step("Flexible checksums: S3 checks and stores the one you choose");
                for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC64_NVME, ChecksumAlgorithm.SHA256)) {
                    // The SDK computes CRC32 and SHA-256 itself; for CRC64NVME it needs the AWS CRT library,
                    // so this demo computes that one and sends the value, as any client may.
                    PutObjectResponse put = algorithm == ChecksumAlgorithm.CRC64_NVME
                            ? s3.putObject(r -> r.bucket(bucket).key("sum-" + algorithm)
                                    .checksumCRC64NVME(localChecksum(algorithm, text)), RequestBody.fromBytes(text))
                            : s3.putObject(r -> r.bucket(bucket).key("sum-" + algorithm).checksumAlgorithm(algorithm),
                                    RequestBody.fromBytes(text));
                    String fromS3 = switch (algorithm) {
                        case CRC32 -> put.checksumCRC32();
                        case CRC64_NVME -> put.checksumCRC64NVME();
                        default -> put.checksumSHA256();
                    };
                    String local = localChecksum(algorithm, text);
                    Demo.say(String.format("%-9s from S3 %-46s computed here %s %s", algorithm, fromS3, local,
                            local.equals(fromS3) ? "✓" : "✗"));
                }
                Demo.say("A SHA-256 that does not match the body:");
                refused(() -> s3.putObject(r -> r.bucket(bucket).key("wrong-sum.txt")
                        .checksumSHA256(localChecksum(ChecksumAlgorithm.SHA256, corrupted)), RequestBody.fromBytes(text)));

                Demo.step("Reading with checksum mode: the SDK recomputes the stored checksum and compares");
                ResponseBytes<GetObjectResponse> read = s3.getObjectAsBytes(r -> r.bucket(bucket).key("sum-" + ChecksumAlgorithm.SHA256)
                        .checksumMode(ChecksumMode.ENABLED));
                Demo.show("x-amz-checksum-sha256", read.response().checksumSHA256() + " (validated by the SDK on download)");

                Demo.step("Why the ETag is not always an MD5");
                Demo.say("Multipart uploads: MD5 of the part MD5s plus -N, as above (and it depends on the part size).");
                Demo.say("SSE-KMS and SSE-C: the ETag is not an MD5 of the data at all.");
                Demo.say("So check integrity with Content-MD5 on upload and with checksums (x-amz-checksum-*) end to end.");
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    /** Runs an upload that S3 must refuse and shows S3's answer. */
    private static void refused(Runnable upload) {
        try {
            upload.run();
            throw new Demo.UserError("S3 accepted an upload that does not match its checksum.");
        } catch (AwsServiceException e) {
            Demo.show("Refused", e.statusCode() + " " + e.awsErrorDetails().errorCode());
            Demo.show("Message", e.awsErrorDetails().errorMessage());
        }
    }

    /** The base64 checksum S3 reports (x-amz-checksum-*), computed locally. */
    private static String localChecksum(ChecksumAlgorithm algorithm, byte[] data) {
        byte[] value = switch (algorithm) {
            case CRC32 -> {
                CRC32 crc = new CRC32();
                crc.update(data);
                long v = crc.getValue();
                yield new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
            }
            case CRC64_NVME -> {
                long v = crc64Nvme(data);
                byte[] bytes = new byte[8];
                for (int i = 0; i < 8; i++) {
                    bytes[i] = (byte) (v >>> (56 - 8 * i));
                }
                yield bytes;
            }
            default -> digest("SHA-256").digest(data);
        };
        return Base64.getEncoder().encodeToString(value);
    }

    /**
     * CRC-64/NVME, bit by bit: the reflected polynomial 0x9A6C9329AC4BC9B5, all ones in and out.
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
     */
    private static long crc64Nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] md5(byte[] data) {
        return digest("MD5").digest(data);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String unquote(String etag) {
        return etag.replace("\"", "");
    }
}
