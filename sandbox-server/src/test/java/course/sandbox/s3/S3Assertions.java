package course.sandbox.s3;

import course.sandbox.service.ServiceException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers for the S3 model tests. */
final class S3Assertions {
    static final String ALICE = "111111111111";
    static final String BOB = "222222222222";
    /** A DeleteObjects caller allowed to delete every key. */
    static final Predicate<ObjectIdentifier> MAY_DELETE_ANY = object -> true;

    private S3Assertions() {}

    static ServiceException expectError(String code, int status, Executable action) {
        ServiceException error = assertThrows(ServiceException.class, action);
        assertEquals(code, error.code(), error.getMessage());
        assertEquals(status, error.status());
        return error;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    static String get(S3Store store, String bucket, String key) {
        return text(store.getObject(bucket, key, null, null, ReadConditions.NONE).body());
    }

    static PutResult put(S3Store store, String bucket, String key, String body) {
        return store.putObject(ALICE, bucket, key, ObjectWrite.of(bytes(body)));
    }
}
