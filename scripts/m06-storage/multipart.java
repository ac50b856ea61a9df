///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:s3-transfer-manager
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;
import software.amazon.awssdk.transfer.s3.model.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "multipart", mixinStandardHelpOptions = true,
        description = {"S3 multipart upload with the low-level calls: Create, UploadPart (with progress), ListParts, Complete;",
                "the \"-N\" ETag recomputed locally; then EntityTooSmall and an abandoned upload found and aborted."})
class multipart implements Callable<Integer> {
    private static final long MIB = 1024 * 1024;
    /** S3's smallest part, except the last one. */
    private static final long MIN_PART_SIZE = 5 * MIB;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "17MiB", description = "Size of the generated file, e.g. 17MiB, 200MiB (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--file", paramLabel = "PATH", description = "Upload this file instead of a generated one.")
    Path file;

    @Option(names = "--part-size", paramLabel = "SIZE", defaultValue = "5MiB", description = "Part size, at least 5MiB (default: ${DEFAULT-VALUE}).")
    String partSize;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Upload N parts at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    public static void main(String[] args) {
        DemoCommand.main(new multipart(), args);
    }

    @Override
    public Integer call() throws Exception {
        long partBytes = bytes(partSize, "--part-size");
        if (partBytes < MIN_PART_SIZE) {
            throw new Demo.UserError("--part-size " + partSize + " is below S3's minimum of 5MiB for every part but the last.");
        }
        if (parallel < 1 || parallel > 32) {
            throw new Demo.UserError("--parallel " + parallel + ": use 1 to 32.");
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new Demo.UserError("No such file: " + file);
        }
        long generatedBytes = file == null ? bytes(size, "--size") : 0;
        if (file == null && generatedBytes == 0) {
            throw new Demo.UserError("--size must be more than 0 bytes.");
        }

        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String bucket = Demo.uniqueName("course-multipart");
        String key = "uploads/" + (file == null ? "generated.bin" : file.getFileName().toString());
        Path upload = file;
        Demo.Cleanup cleanup = new Demo.Cleanup();
        try (S3Client s3 = S3Client.create()) {
            try {
                Demo.step("The file");
                if (upload == null) {
                    upload = generate(generatedBytes);
                }
                long length = Files.size(upload);
                int partCount = (int) Math.max(1, (length + partBytes - 1) / partBytes);
                Demo.show("File", file == null ? "generated, random bytes" : upload);
                Demo.show("Size", mib(length) + " → " + partCount + " part(s) of " + mib(partBytes)
                        + (length % partBytes == 0 || partCount == 1 ? "" : ", the last " + mib(length - (partCount - 1) * partBytes)));
                String original = hex(digest("SHA-256", upload, 0, length));
                Demo.show("SHA-256", original);

                Demo.step("CreateMultipartUpload");
                S3Demo.createBucket(s3, bucket);
                cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
                cleanup.add("objects and unfinished uploads in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
                Demo.show("Bucket", bucket);
                String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
                Demo.show("Key", key);
                Demo.show("UploadId", uploadId);

                Demo.step("UploadPart × " + partCount + (parallel > 1 ? ", " + parallel + " at a time" : ""));
                List<UploadedPart> parts = uploadParts(s3, bucket, key, uploadId, upload, length, partBytes, partCount);

                Demo.step("ListParts: what S3 holds so far");
                List<Part> listed = s3.listParts(r -> r.bucket(bucket).key(key).uploadId(uploadId)).parts();
                for (Part part : listed) {
                    Demo.say(String.format("part %2d  %9s  ETag %s", part.partNumber(), mib(part.size()), part.eTag()));
                }

                Demo.step("CompleteMultipartUpload: the part numbers and ETags, in order");
                String etag = s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts.stream().map(p -> CompletedPart.builder()
                                .partNumber(p.number()).eTag(p.etag()).build()).toList()))).eTag();
                Demo.show("ETag from S3", etag);

                Demo.step("The \"-N\" ETag, recomputed: MD5 of the concatenated part MD5s, then -" + partCount);
                String local = multipartEtag(parts);
                Demo.show("ETag computed here", "\"" + local + "\"");
                Demo.show("Equal", unquote(etag).equals(local) ? "yes (it is not the MD5 of the file)" : "NO");
                if (!unquote(etag).equals(local)) {
                    throw new Demo.UserError("S3's ETag " + etag + " differs from the one computed from the part MD5s: " + local);
                }

                Demo.step("Download and compare SHA-256");
                String downloaded;
                try (ResponseInputStream<GetObjectResponse> object = s3.getObject(r -> r.bucket(bucket).key(key))) {
                    downloaded = hex(digest(object));
                }
                Demo.show("Downloaded", downloaded);
                Demo.show("Same bytes", downloaded.equals(original) ? "yes" : "NO");
                if (!downloaded.equals(original)) {
                    throw new Demo.UserError("The downloaded object differs from the uploaded file.");
                }

                Demo.step("The SDK's own tool: S3TransferManager uploads the same file in one call, and downloads it");
                transferManager(bucket, key, upload, length, partBytes, etag, original);

                Demo.step("Lesson 1: every part but the last must be at least 5 MiB");
                entityTooSmall(s3, bucket);

                Demo.step("Lesson 2: an upload never completed nor aborted stays, and its parts are billed");
                strayUpload(s3, bucket);
            } finally {
                cleanup.run();
            }
        } finally {
            if (file == null && upload != null) {
                Files.deleteIfExists(upload);
            }
        }
        return 0;
    }

    record UploadedPart(int number, long size, String etag, byte[] md5) {
    }

    private List<UploadedPart> uploadParts(S3Client s3, String bucket, String key, String uploadId, Path upload,
                                           long length, long partBytes, int partCount) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            ExecutorCompletionService<UploadedPart> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < partCount; i++) {
                int number = i + 1;
                long offset = i * partBytes;
                int partLength = (int) Math.min(partBytes, length - offset);
                done.submit(() -> {
                    byte[] bytes = read(upload, offset, partLength);
                    String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                            RequestBody.fromBytes(bytes)).eTag();
                    return new UploadedPart(number, partLength, etag, md5(bytes));
                });
            }
            List<UploadedPart> parts = new ArrayList<>();
            Progress progress = new Progress(partCount, length);
            for (int i = 0; i < partCount; i++) {
                UploadedPart part = done.take().get();
                parts.add(part);
                progress.partDone(part);
            }
            parts.sort(Comparator.comparingInt(UploadedPart::number));
            return parts;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A progress bar: redrawn in place on a terminal, one line per part otherwise (logs, tests). */
    static final class Progress {
        private final int parts;
        private final long total;
        private int finished;
        private long sent;
        private final boolean terminal = System.console() != null;

        Progress(int parts, long total) {
            this.parts = parts;
            this.total = total;
        }

        void partDone(UploadedPart part) {
            finished++;
            sent += part.size();
            int filled = (int) (20 * sent / total);
            String bar = "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "] " + finished + "/" + parts
                    + " parts, " + mib(sent) + " of " + mib(total) + " (part " + part.number() + ": " + part.etag() + ")";
            if (terminal) {
                System.out.print("\r   " + bar + (finished == parts ? "\n" : ""));
            } else {
                System.out.println("   " + bar);
            }
        }
    }

    /**
     * What the steps above do by hand, done by S3TransferManager on the SDK's multipart S3AsyncClient
     * (pure Java; the CRT-based client is the faster alternative): above the threshold it sends
     * CreateMultipartUpload, the parts in parallel, then Complete, and aborts the upload if a part fails;
     * downloadFile reads the object back, part by part.
     */
    private static void transferManager(String bucket, String keyByHand, Path file, long length, long partBytes,
                                        String etagByHand, String sha256) throws IOException {
        String key = keyByHand.replaceFirst("^uploads/", "uploads/transfer-manager/");
        try (S3AsyncClient s3Async = S3AsyncClient.builder().multipartEnabled(true)
                .multipartConfiguration(m -> m.thresholdInBytes(partBytes).minimumPartSizeInBytes(partBytes))
                .build();
             S3TransferManager transferManager = S3TransferManager.builder().s3Client(s3Async).build()) {
            FileUpload transfer = transferManager.uploadFile(u -> u.source(file).putObjectRequest(r -> r.bucket(bucket).key(key)));
            CompletedFileUpload done = transfer.completionFuture().join();
            Demo.show("Key", key);
            Demo.show("Transferred", mib(transfer.progress().snapshot().transferredBytes()));
            Demo.show("ETag from S3", done.response().eTag());
            boolean multipart = length > partBytes;
            Demo.show("Same ETag as by hand", done.response().eTag().equals(etagByHand)
                    ? "yes: the same bytes in the same " + mib(partBytes) + " parts"
                    : multipart ? "NO" : "no: not above the " + mib(partBytes) + " threshold, so one PutObject (its ETag is the MD5 of the bytes)");
            if (multipart && !done.response().eTag().equals(etagByHand)) {
                throw new Demo.UserError("S3TransferManager's upload has ETag " + done.response().eTag() + ", the upload by hand " + etagByHand);
            }
            Demo.say("One call instead of Create, UploadPart × N, Complete; on failure it aborts the upload itself.");

            Path folder = Files.createTempDirectory("course-multipart");
            Path copy = folder.resolve("downloaded.bin");
            try {
                transferManager.downloadFile(d -> d.getObjectRequest(r -> r.bucket(bucket).key(key)).destination(copy)).completionFuture().join();
                String downloaded = hex(digest("SHA-256", copy, 0, Files.size(copy)));
                Demo.show("downloadFile, SHA-256", downloaded + (downloaded.equals(sha256) ? " (same bytes)" : " DIFFERENT"));
                if (!downloaded.equals(sha256)) {
                    throw new Demo.UserError("S3TransferManager downloaded other bytes than were uploaded.");
                }
            } finally {
                Files.deleteIfExists(copy);
                Files.delete(folder);
            }
        }
    }

    /** A 1 MiB first part, then Complete: S3 checks part sizes only now, and refuses. */
    private static void entityTooSmall(S3Client s3, String bucket) {
        String key = "lessons/too-small.bin";
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        try {
            byte[] small = new byte[(int) MIB];
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; number <= 2; number++) {
                int partNumber = number;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(small)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            Demo.say("Two parts of 1 MiB each were accepted by UploadPart; now Complete:");
            try {
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
                throw new Demo.UserError("Expected EntityTooSmall, but CompleteMultipartUpload succeeded.");
            } catch (S3Exception e) {
                Demo.show("Error", e.statusCode() + " " + e.awsErrorDetails().errorCode());
                Demo.show("Message", e.awsErrorDetails().errorMessage());
            }
        } finally {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        }
    }

    private static void strayUpload(S3Client s3, String bucket) {
        String key = "lessons/forgotten.bin";
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(new byte[(int) MIB]));
        Demo.say("Created an upload, sent one part, then \"crashed\". ListMultipartUploads:");
        List<MultipartUpload> uploads = s3.listMultipartUploads(r -> r.bucket(bucket)).uploads();
        for (MultipartUpload stray : uploads) {
            Demo.say("  " + stray.key() + "  initiated " + stray.initiated() + "  UploadId " + stray.uploadId());
        }
        Demo.show("Incomplete uploads", uploads.size());
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        Demo.show("After AbortMultipartUpload", s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().size());
        Demo.say("A lifecycle rule with AbortIncompleteMultipartUpload (e.g. after 7 days) does this for you.");
    }

    /** S3's ETag of a multipart object: hex(MD5(md5(part 1) ‖ md5(part 2) ‖ …)) + "-" + number of parts. */
    static String multipartEtag(List<UploadedPart> parts) {
        MessageDigest md5 = messageDigest("MD5");
        parts.forEach(part -> md5.update(part.md5()));
        return hex(md5.digest()) + "-" + parts.size();
    }

    private static Path generate(long length) throws IOException {
        Path generated = Files.createTempFile("course-multipart", ".bin");
        Random random = new Random();
        byte[] block = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(generated)) {
            for (long written = 0; written < length; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, length - written));
            }
        }
        return generated;
    }

    private static byte[] read(Path path, long offset, int length) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // read until the part is complete
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] digest(String algorithm, Path path, long offset, long length) throws IOException {
        MessageDigest digest = messageDigest(algorithm);
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[(int) MIB];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                digest.update(buffer, 0, n);
                left -= n;
            }
        }
        return digest.digest();
    }

    private static byte[] digest(InputStream in) throws IOException {
        MessageDigest digest = messageDigest("SHA-256");
        byte[] buffer = new byte[(int) MIB];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    private static byte[] md5(byte[] bytes) {
        return messageDigest("MD5").digest(bytes);
    }

    private static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long bytes(String text, String option) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new Demo.UserError("Invalid " + option + " '" + text + "': use e.g. 17MiB, 512KiB or 1GiB.");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "kib" -> number * 1024;
            case "mib" -> number * MIB;
            case "gib" -> number * 1024 * MIB;
            default -> number;
        };
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    private static String unquote(String etag) {
        return etag.replace("\"", "");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
