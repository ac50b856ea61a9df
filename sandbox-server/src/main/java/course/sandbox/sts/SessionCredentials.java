package course.sandbox.sts;

import java.time.Instant;

/** Temporary credentials as STS returns them (access key id starts with ASIA). */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {}
