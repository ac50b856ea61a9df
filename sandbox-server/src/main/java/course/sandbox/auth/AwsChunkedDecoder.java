package course.sandbox.auth;

import course.sandbox.http.Headers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decodes an aws-chunked body ({@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0...\r\n}
 * then optional trailing headers and an empty line), checking each chunk signature in sequence
 * when the body is signed, and the trailer signature when there is one.
 */
final class AwsChunkedDecoder {
    static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    /** 0x7fffffff: a chunk larger than that cannot be in a byte[] body anyway. */
    private static final int MAX_SIZE_DIGITS = 8;

    /**
     * What chunk and trailer signatures are chained from: the request's own (seed) signature.
     * The access key id and canonical request only go into a SignatureDoesNotMatch error.
     */
    record ChunkSigning(String amzDate, String scope, byte[] signingKey, String seedSignature, String accessKeyId,
            String canonicalRequest) {
    }

    /** The decoded payload and the trailing headers (lower-case names, trimmed values). */
    record Decoded(byte[] data, Headers trailers) {
    }

    private final byte[] body;
    private final ServiceProfile profile;
    private int position;

    private AwsChunkedDecoder(byte[] body, ServiceProfile profile) {
        this.body = body;
        this.profile = profile;
    }

    /**
     * @param signing the chaining context for signed modes, {@code null} for unsigned chunks
     * @param trailer whether trailing headers follow the last chunk
     * @throws AuthFailure on bad framing, a bad chunk or trailer signature
     */
    static Decoded decode(byte[] body, ChunkSigning signing, boolean trailer, ServiceProfile profile)
            throws AuthFailure {
        return new AwsChunkedDecoder(body, profile).decode(signing, trailer);
    }

    private Decoded decode(ChunkSigning signing, boolean trailer) throws AuthFailure {
        ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
        String previousSignature = signing == null ? null : signing.seedSignature();
        while (true) {
            String header = readLine();
            int semicolon = header.indexOf(';');
            int size = parseSize(semicolon < 0 ? header : header.substring(0, semicolon));
            if (size > body.length - position) {
                throw new AuthFailure(AuthErrors.incompleteBody());
            }
            byte[] chunk = Arrays.copyOfRange(body, position, position + size);
            position += size;
            if (signing != null) {
                String provided = semicolon < 0 ? "" : header.substring(semicolon + 1);
                if (!provided.startsWith(CHUNK_SIGNATURE)) {
                    throw new AuthFailure(AuthErrors.incompleteBody());
                }
                String stringToSign = SigV4.chunkStringToSign(signing.amzDate(), signing.scope(),
                        previousSignature, chunk);
                previousSignature = checkSignature(signing, stringToSign, provided.substring(CHUNK_SIGNATURE.length()));
            }
            if (size == 0) {
                break;
            }
            expectCrlf();
            data.writeBytes(chunk);
        }
        Headers trailers = new Headers();
        if (trailer) {
            readTrailers(signing, previousSignature, trailers);
        } else if (position < body.length) {
            expectCrlf();
            if (position != body.length) {
                throw new AuthFailure(AuthErrors.incompleteBody());
            }
        }
        return new Decoded(data.toByteArray(), trailers);
    }

    private void readTrailers(ChunkSigning signing, String previousSignature, Headers trailers)
            throws AuthFailure {
        List<String[]> fields = new ArrayList<>();
        String trailerSignature = null;
        while (position < body.length) {
            String line = readLine();
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
        if (position != body.length) {
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

    private String readLine() throws AuthFailure {
        for (int i = position; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                String line = new String(body, position, i - position, StandardCharsets.ISO_8859_1);
                position = i + 2;
                return line;
            }
        }
        throw new AuthFailure(AuthErrors.incompleteBody());
    }

    private void expectCrlf() throws AuthFailure {
        if (position + 1 >= body.length || body[position] != '\r' || body[position + 1] != '\n') {
            throw new AuthFailure(AuthErrors.incompleteBody());
        }
        position += 2;
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
