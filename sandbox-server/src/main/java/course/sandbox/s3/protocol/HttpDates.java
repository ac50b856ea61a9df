package course.sandbox.s3.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates as S3 writes them (RFC 1123, two-digit day, GMT) and reads them. */
public final class HttpDates {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    public static String format(Instant instant) {
        return RFC_1123.format(instant);
    }

    /** An If-Modified-Since style value; S3 ignores conditions whose date it cannot read. */
    static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(value.trim()));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }
}
