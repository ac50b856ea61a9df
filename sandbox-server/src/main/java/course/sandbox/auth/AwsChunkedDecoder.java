package course.sandbox.auth;

import course.sandbox.http.Headers;
import course.sandbox.protocol.ChecksumAlgorithm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Decodes an aws-chunked body ({@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0...\r\n}
 * then optional trailing headers and an empty line) as it arrives: each chunk is read straight
 * into the payload array, its signature checked in sequence when the body is signed, and the
 * trailer's checksums and the payload's MD5 computed on the way, so nothing is read twice.
 */
final class AwsChunkedDecoder {
    static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    /** 0x7fffffff: a chunk larger than that cannot be in a byte[] body anyway. */
    private static final int MAX_SIZE_DIGITS = 8;
    /** The first payload array; it doubles as chunks arrive, up to the declared length. */
    private static final int FIRST_BUFFER = 64 * 1024;
    /** Chunk headers and trailer lines are short; a longer line is not aws-chunked framing. */
    private static final int MAX_LINE = 8192;

    /**
     * What chunk and trailer signatures are chained from: the request's own (seed) signature.
     * The access key id and canonical request only go into a SignatureDoesNotMatch error.
     */
    record ChunkSigning(String amzDate, String scope, byte[] signingKey, String seedSignature, String accessKeyId,
            String canonicalRequest) {
    }

    /**
     * The decoded payload, the trailing headers (lower-case names, trimmed values), the
     * checksums computed over the payload for the announced trailers, and its MD5.
     */
    record Decoded(byte[] data, Headers trailers, Map<ChecksumAlgorithm, String> computedChecksums, byte[] md5) {
    }

    private static final Executor DIGESTS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "payload-digest");
        thread.setDaemon(true);
        return thread;
    });

    private final InputStream in;
    private final ServiceProfile profile;

    private AwsChunkedDecoder(InputStream in, ServiceProfile profile) {
        this.in = in;
        this.profile = profile;
    }

    /**
     * @param decodedLength      the payload size the request declared (x-amz-decoded-content-length)
     * @param signing            the chaining context for signed modes, {@code null} for unsigned chunks
     * @param trailer            whether trailing headers follow the last chunk
     * @param trailerChecksums   the checksums the trailer will carry (from x-amz-trailer)
     * @throws AuthFailure on bad framing, a payload of another size than declared, a body that
     *                     ends early, a bad chunk or trailer signature
     */
    static Decoded decode(InputStream body, int decodedLength, ChunkSigning signing, boolean trailer,
                          Set<ChecksumAlgorithm> trailerChecksums, ServiceProfile profile) throws AuthFailure {
        try {
            return new AwsChunkedDecoder(body, profile).decode(decodedLength, signing, trailer, trailerChecksums);
        } catch (SocketTimeoutException stalled) {
            throw new AuthFailure(AuthErrors.requestTimeout());
        } catch (IOException unreadable) {
            throw new AuthFailure(AuthErrors.incompleteBody());
        }
    }

    private Decoded decode(int decodedLength, ChunkSigning signing, boolean trailer,
                           Set<ChecksumAlgorithm> trailerChecksums) throws AuthFailure, IOException {
        // Memory is taken as chunks arrive, never on the declared length's word.
        byte[] data = new byte[Math.min(decodedLength, FIRST_BUFFER)];
        MessageDigest md5 = md5();
        Map<ChecksumAlgorithm, ChecksumAlgorithm.Running> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        trailerChecksums.forEach(algorithm -> checksums.put(algorithm, algorithm.start()));
        // The MD5 and trailer checksums run on a second core, chunk after chunk in order, while
        // this thread reads the next chunk and checks its signature.
        CompletableFuture<Void> digested = CompletableFuture.completedFuture(null);
        int filled = 0;
        String previousSignature = signing == null ? null : signing.seedSignature();
        while (true) {
            String header = readLine();
            int semicolon = header.indexOf(';');
            int size = parseSize(semicolon < 0 ? header : header.substring(0, semicolon));
            if (size > decodedLength - filled) {
                throw new AuthFailure(AuthErrors.incompleteBody());
            }
            if (size > data.length - filled) {
                // The digest thread may still read the old array: it is never written again.
                data = Arrays.copyOf(data, (int) Math.min(decodedLength, Math.max((long) data.length * 2, filled + size)));
            }
            if (in.readNBytes(data, filled, size) != size) {
                throw new AuthFailure(AuthErrors.incompleteBody());
            }
            if (signing != null) {
                String provided = semicolon < 0 ? "" : header.substring(semicolon + 1);
                if (!provided.startsWith(CHUNK_SIGNATURE)) {
                    throw new AuthFailure(AuthErrors.incompleteBody());
                }
                String stringToSign = SigV4.chunkStringToSign(signing.amzDate(), signing.scope(),
                        previousSignature, data, filled, size);
                previousSignature = checkSignature(signing, stringToSign, provided.substring(CHUNK_SIGNATURE.length()));
            }
            if (size == 0) {
                break;
            }
            int offset = filled;
            byte[] chunkIn = data;
            digested = digested.thenRunAsync(() -> {
                md5.update(chunkIn, offset, size);
                for (ChecksumAlgorithm.Running checksum : checksums.values()) {
                    checksum.update(chunkIn, offset, size);
                }
            }, DIGESTS);
            filled += size;
            expectCrlf();
        }
        digested.join();
        if (filled != decodedLength) {
            throw new AuthFailure(AuthErrors.incompleteBody());
        }
        Headers trailers = new Headers();
        if (trailer) {
            readTrailers(signing, previousSignature, trailers);
        } else {
            int next = in.read();
            if (next != -1 && (next != '\r' || in.read() != '\n' || in.read() != -1)) {
                throw new AuthFailure(AuthErrors.incompleteBody());
            }
        }
        Map<ChecksumAlgorithm, String> computed = new EnumMap<>(ChecksumAlgorithm.class);
        checksums.forEach((algorithm, checksum) -> computed.put(algorithm, checksum.base64()));
        return new Decoded(data, trailers, computed, md5.digest());
    }

    private void readTrailers(ChunkSigning signing, String previousSignature, Headers trailers)
            throws AuthFailure, IOException {
        List<String[]> fields = new ArrayList<>();
        String trailerSignature = null;
        while (true) {
            String line = readLine(AuthErrors.malformedTrailer());
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new AuthFailure(AuthErrors.malformedTrailer());
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else {
                fields.add(new String[] {name, value});
            }
        }
        if (in.read() != -1) {
            throw new AuthFailure(AuthErrors.malformedTrailer());
        }
        if (signing != null) {
            if (trailerSignature == null) {
                throw new AuthFailure(AuthErrors.malformedTrailer());
            }
            StringBuilder canonical = new StringBuilder();
            fields.forEach(field -> canonical.append(field[0]).append(':').append(field[1]).append('\n'));
            String stringToSign = SigV4.trailerStringToSign(signing.amzDate(), signing.scope(), previousSignature,
                    canonical.toString());
            checkSignature(signing, stringToSign, trailerSignature);
        }
        fields.forEach(field -> trailers.add(field[0], field[1]));
    }

    /** Returns the expected signature, the next link of the chain, if {@code provided} equals it. */
    private String checkSignature(ChunkSigning signing, String stringToSign, String provided) throws AuthFailure {
        String expected = SigV4.signature(signing.signingKey(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                provided.getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthFailure(AuthErrors.signatureMismatch(profile).withComputation(signing.accessKeyId(),
                    provided, signing.canonicalRequest(), stringToSign));
        }
        return expected;
    }

    private String readLine() throws AuthFailure, IOException {
        return readLine(AuthErrors.incompleteBody());
    }

    /** Reads up to CRLF; the body ending first, or a line too long, is {@code error}. */
    private String readLine(AuthError error) throws AuthFailure, IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(96);
        int previous = -1;
        while (line.size() <= MAX_LINE) {
            int next = in.read();
            if (next == -1) {
                throw new AuthFailure(error);
            }
            if (previous == '\r' && next == '\n') {
                return new String(line.toByteArray(), 0, line.size() - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
            previous = next;
        }
        throw new AuthFailure(error);
    }

    private void expectCrlf() throws AuthFailure, IOException {
        if (in.read() != '\r' || in.read() != '\n') {
            throw new AuthFailure(AuthErrors.incompleteBody());
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static int parseSize(String hex) throws AuthFailure {
        if (hex.isEmpty() || hex.length() > MAX_SIZE_DIGITS) {
            throw new AuthFailure(AuthErrors.incompleteBody());
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new AuthFailure(AuthErrors.incompleteBody());
            }
            size = size * 16 + digit;
        }
        if (size > Integer.MAX_VALUE) {
            throw new AuthFailure(AuthErrors.incompleteBody());
        }
        return (int) size;
    }
}
