package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Errors;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.s3.AccessPoint;
import course.sandbox.s3.AccessPointDirectory;
import course.sandbox.protocol.FormParameters;
import course.sandbox.service.ServiceRequest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 request, addressed: the bucket and key it names (path style on 127.0.0.1, or virtual
 * host style on {@code <bucket>.localhost} and {@code <bucket>.s3.localhost}), its decoded
 * query parameters and its headers. A request to a bucket's website endpoint
 * ({@code <bucket>.s3-website.localhost}, or AWS's {@code <bucket>.s3-website-<region>.amazonaws.com}
 * through the router's {@code /_host/} path form) is marked as such. A request through an
 * access point, by its host name ({@code NAME-ACCOUNT.s3-accesspoint.REGION.amazonaws.com}) or
 * by its alias in place of a bucket name, names the access point's bucket and the access point.
 *
 * @param bucket      the bucket, or null for the service (ListBuckets)
 * @param key         the decoded object key, or null for a bucket request
 * @param website     whether the request came to the bucket's website endpoint
 * @param accessPoint the access point the request came through, or null
 */
record S3Request(ServiceRequest service, String method, String bucket, String key, Map<String, String> params,
                 boolean website, AccessPoint accessPoint) {
    private static final Pattern VIRTUAL_HOST = Pattern.compile("(.+?)\\.(?:s3\\.)?localhost(?::\\d+)?",
            Pattern.CASE_INSENSITIVE);
    /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html: s3-website-Region or s3-website.Region. */
    private static final Pattern WEBSITE_HOST = Pattern.compile(
            "(.+)\\.s3-website(?:[.-][a-z]{2}(?:-[a-z]+)+-\\d+)?\\.(?:localhost|amazonaws\\.com)(?::\\d+)?",
            Pattern.CASE_INSENSITIVE);
    /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-naming.html */
    private static final Pattern ACCESS_POINT_HOST = Pattern.compile(
            "(.+)-(\\d{12})\\.s3-accesspoint(?:-fips)?(?:\\.dualstack)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?::\\d+)?",
            Pattern.CASE_INSENSITIVE);
    private static final String ALIAS_SUFFIX = "-s3alias";

    /** The request, addressed; an access point it names is looked up in {@code accessPoints}. */
    static S3Request of(ServiceRequest request, AccessPointDirectory accessPoints) {
        S3Request addressed = of(request);
        Matcher host = ACCESS_POINT_HOST.matcher(request.http().host().trim());
        if (host.matches()) {
            AccessPoint accessPoint = accessPoints.find(host.group(2), host.group(3).toLowerCase(Locale.ROOT),
                    host.group(1).toLowerCase(Locale.ROOT)).orElseThrow(() -> S3Errors.error("NoSuchAccessPoint", 404,
                            "The specified accesspoint does not exist", "/").detail("AccessPointName", host.group(1)));
            String rawPath = request.http().rawPath();
            String key = rawPath.length() <= 1 ? null : SigV4.percentDecode(rawPath.substring(1));
            return new S3Request(request, addressed.method, accessPoint.bucket(), key, addressed.params, false, accessPoint);
        }
        if (addressed.bucket != null && addressed.bucket.endsWith(ALIAS_SUFFIX)) {
            Optional<AccessPoint> aliased = accessPoints.byAlias(addressed.bucket);
            if (aliased.isPresent()) {
                return new S3Request(request, addressed.method, aliased.get().bucket(), addressed.key, addressed.params,
                        addressed.website, aliased.get());
            }
        }
        return addressed;
    }

    private static S3Request of(ServiceRequest request) {
        String rawPath = request.http().rawPath();
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        Map<String, String> params = FormParameters.parse(request.http().rawQuery());
        String method = request.http().method();
        String key = path.isEmpty() ? null : decode(path, rawPath);
        Matcher website = WEBSITE_HOST.matcher(request.http().host().trim());
        if (website.matches()) {
            return new S3Request(request, method, website.group(1).toLowerCase(Locale.ROOT), key, params, true, null);
        }
        Optional<String> hostBucket = virtualHostBucket(request.http().host());
        if (hostBucket.isPresent()) {
            return new S3Request(request, method, hostBucket.get(), key, params, false, null);
        }
        if (path.isEmpty()) {
            return new S3Request(request, method, null, null, params, false, null);
        }
        int slash = path.indexOf('/');
        if (slash < 0) {
            return new S3Request(request, method, decode(path, rawPath), null, params, false, null);
        }
        String objectKey = path.substring(slash + 1);
        return new S3Request(request, method, decode(path.substring(0, slash), rawPath),
                objectKey.isEmpty() ? null : decode(objectKey, rawPath), params, false, null);
    }

    /**
     * A percent-decoded bucket name or key. Bytes that are not UTF-8 are refused as S3 refuses
     * them (InvalidURI): decoded leniently they would become U+FFFD, and two keys one object.
     */
    static String decode(String raw, String rawPath) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(SigV4.percentDecodeBytes(raw))).toString();
        } catch (CharacterCodingException notUtf8) {
            throw S3Errors.invalidUri(rawPath);
        }
    }

    /** The bucket named by a Host header such as {@code photos.localhost:4566}, if any. */
    static Optional<String> virtualHostBucket(String host) {
        Matcher matcher = VIRTUAL_HOST.matcher(host.trim());
        if (!matcher.matches() || matcher.group(1).equalsIgnoreCase("s3")) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
    }

    Headers headers() {
        return service.http().headers();
    }

    Optional<String> header(String name) {
        return headers().first(name);
    }

    boolean has(String param) {
        return params.containsKey(param);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    byte[] body() {
        return service.body();
    }

    /** "/bucket" or "/bucket/key", as S3's Resource element names it. */
    String resource() {
        if (bucket == null) {
            return "/";
        }
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }

    String bucketArn() {
        return "arn:aws:s3:::" + bucket;
    }

    String objectArn() {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    /** A non-negative integer parameter (max-keys, part-number-marker ...), or the default. */
    int intParam(String name, int defaultValue) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw S3Errors.invalidArgument("Provided " + name + " not an integer or within integer range",
                name, value, resource());
    }
}
