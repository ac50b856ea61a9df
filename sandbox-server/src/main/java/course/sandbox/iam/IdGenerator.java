package course.sandbox.iam;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/** Random identifiers in the shapes AWS uses (AIDA..., AKIA..., 40-char secrets, ...). */
public final class IdGenerator {
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Random random;

    public IdGenerator() {
        this(new SecureRandom());
    }

    public IdGenerator(Random random) {
        this.random = random;
    }

    /** A unique id: the 4-letter prefix (AIDA, AGPA, AROA, ANPA) then 17 characters: 21 in all. */
    public String uniqueId(String prefix) {
        return prefix + randomChars(UPPER_ALNUM, 17);
    }

    /** An access key id: prefix (AKIA long-term, ASIA temporary) and 16 upper-case alphanumerics. */
    public String accessKeyId(String prefix) {
        return prefix + randomChars(UPPER_ALNUM, 16);
    }

    public String secretAccessKey() {
        return randomChars(SECRET_CHARS, 40);
    }

    /** An opaque session token, about as long as the ones STS issues. */
    public String sessionToken() {
        byte[] bytes = new byte[300];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String randomChars(String alphabet, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
