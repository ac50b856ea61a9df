package course.sandbox.s3.protocol;

import course.sandbox.s3.CorsConfiguration;
import course.sandbox.s3.CorsRule;
import course.sandbox.s3.LifecycleConfiguration;
import course.sandbox.s3.LifecycleRule;
import course.sandbox.s3.ObjectOwnership;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.S3Errors;
import course.sandbox.s3.Tag;
import course.sandbox.s3.WebsiteConfiguration;
import course.sandbox.service.ServiceException;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The XML bodies of the bucket configuration operations, read into the model's types. */
final class ConfigurationBodies {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfigurationBodies() {
    }

    /** {@code <CORSConfiguration><CORSRule>…</CORSRule>…</CORSConfiguration>}. */
    static CorsConfiguration cors(S3Request request) {
        XmlBody configuration = XmlBody.parse(request.body(), "CORSConfiguration", request.resource());
        List<CorsRule> rules = new ArrayList<>();
        for (XmlBody rule : configuration.children("CORSRule")) {
            rules.add(new CorsRule(rule.text("ID").orElse(null), texts(rule, "AllowedMethod"),
                    texts(rule, "AllowedOrigin"), texts(rule, "AllowedHeader"), texts(rule, "ExposeHeader"),
                    integer(rule, "MaxAgeSeconds", request).orElse(null)));
        }
        return CorsConfiguration.validated(rules, request.bucket());
    }

    /** {@code <WebsiteConfiguration>} with IndexDocument, ErrorDocument, RoutingRules or RedirectAllRequestsTo. */
    static WebsiteConfiguration website(S3Request request) {
        XmlBody configuration = XmlBody.parse(request.body(), "WebsiteConfiguration", request.resource());
        String suffix = configuration.child("IndexDocument").map(index -> index.text("Suffix").orElse("")).orElse(null);
        String errorKey = configuration.child("ErrorDocument")
                .map(error -> error.text("Key").orElseThrow(() -> malformed(request))).orElse(null);
        WebsiteConfiguration.RedirectAll redirectAll = configuration.child("RedirectAllRequestsTo")
                .map(redirect -> new WebsiteConfiguration.RedirectAll(redirect.text("HostName").orElse(null),
                        redirect.text("Protocol").orElse(null)))
                .orElse(null);
        List<WebsiteConfiguration.RoutingRule> rules = new ArrayList<>();
        for (XmlBody rules1 : configuration.children("RoutingRules")) {
            for (XmlBody rule : rules1.children("RoutingRule")) {
                WebsiteConfiguration.Condition condition = rule.child("Condition")
                        .map(c -> new WebsiteConfiguration.Condition(c.text("KeyPrefixEquals").orElse(null),
                                integer(c, "HttpErrorCodeReturnedEquals", request).orElse(null)))
                        .orElse(null);
                WebsiteConfiguration.Redirect redirect = rule.child("Redirect")
                        .map(r -> new WebsiteConfiguration.Redirect(r.text("Protocol").orElse(null),
                                r.text("HostName").orElse(null), r.text("ReplaceKeyPrefixWith").orElse(null),
                                r.text("ReplaceKeyWith").orElse(null),
                                integer(r, "HttpRedirectCode", request).orElse(null)))
                        .orElse(null);
                rules.add(new WebsiteConfiguration.RoutingRule(condition, redirect));
            }
        }
        return WebsiteConfiguration.validated(suffix, errorKey, redirectAll, rules, request.bucket());
    }

    /** {@code <LifecycleConfiguration><Rule>…</Rule>…</LifecycleConfiguration>}. */
    static LifecycleConfiguration lifecycle(S3Request request) {
        XmlBody configuration = XmlBody.parse(request.body(), "LifecycleConfiguration", request.resource());
        List<LifecycleRule> rules = new ArrayList<>();
        for (XmlBody rule : configuration.children("Rule")) {
            rules.add(lifecycleRule(rule, request));
        }
        return LifecycleConfiguration.validated(rules, request.bucket());
    }

    private static LifecycleRule lifecycleRule(XmlBody rule, S3Request request) {
        if (rule.child("Transition").isPresent() || rule.child("NoncurrentVersionTransition").isPresent()) {
            // The sandbox keeps every object in STANDARD: a transition would never happen.
            throw S3Errors.notImplemented(request.resource());
        }
        String status = rule.text("Status").map(String::trim).orElse("");
        if (!status.equals("Enabled") && !status.equals("Disabled")) {
            throw malformed(request);
        }
        Optional<XmlBody> filterElement = rule.child("Filter");
        Optional<String> legacyPrefix = rule.text("Prefix");
        if (filterElement.isPresent() == legacyPrefix.isPresent()) {
            throw malformed(request);
        }
        LifecycleRule.Filter filter = legacyPrefix.isPresent()
                ? new LifecycleRule.Filter(legacyPrefix.get(), List.of(), null, null, false, true)
                : filter(filterElement.get(), request);
        LifecycleRule.Expiration expiration = rule.child("Expiration").map(e -> new LifecycleRule.Expiration(
                integer(e, "Days", request).orElse(null),
                e.text("Date").map(date -> lifecycleDate(date, request)).orElse(null),
                e.text("ExpiredObjectDeleteMarker").map(value -> value.trim().equalsIgnoreCase("true")).orElse(false)))
                .orElse(null);
        Optional<XmlBody> noncurrent = rule.child("NoncurrentVersionExpiration");
        Integer noncurrentDays = noncurrent.flatMap(n -> integer(n, "NoncurrentDays", request)).orElse(null);
        if (noncurrent.isPresent() && noncurrentDays == null) {
            throw malformed(request);
        }
        Integer newer = noncurrent.flatMap(n -> integer(n, "NewerNoncurrentVersions", request)).orElse(null);
        Optional<XmlBody> abort = rule.child("AbortIncompleteMultipartUpload");
        Integer abortDays = abort.flatMap(a -> integer(a, "DaysAfterInitiation", request)).orElse(null);
        if (abort.isPresent() && abortDays == null) {
            throw malformed(request);
        }
        String id = rule.text("ID").filter(text -> !text.isEmpty()).orElseGet(ConfigurationBodies::generatedRuleId);
        return new LifecycleRule(id, status.equals("Enabled"), filter, expiration, noncurrentDays, newer, abortDays);
    }

    private static LifecycleRule.Filter filter(XmlBody filter, S3Request request) {
        Optional<XmlBody> and = filter.child("And");
        int forms = (and.isPresent() ? 1 : 0) + filter.children("Prefix").size() + filter.children("Tag").size()
                + filter.children("ObjectSizeGreaterThan").size() + filter.children("ObjectSizeLessThan").size();
        boolean bothSizes = filter.child("ObjectSizeGreaterThan").isPresent() && filter.child("ObjectSizeLessThan").isPresent()
                && forms == 2;
        if (forms > 1 && !bothSizes) {
            throw malformed(request);
        }
        XmlBody source = and.orElse(filter);
        List<Tag> tags = new ArrayList<>();
        for (XmlBody tag : source.children("Tag")) {
            tags.add(new Tag(tag.text("Key").orElseThrow(() -> malformed(request)), tag.text("Value").orElse("")));
        }
        return new LifecycleRule.Filter(source.text("Prefix").orElse(""), tags,
                longValue(source, "ObjectSizeGreaterThan", request), longValue(source, "ObjectSizeLessThan", request),
                and.isPresent(), false);
    }

    /** A lifecycle Date: an ISO-8601 date or date-time, stored as an instant. */
    private static String lifecycleDate(String text, S3Request request) {
        String trimmed = text.trim();
        try {
            return Instant.parse(trimmed).toString();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(trimmed.length() >= 10 ? trimmed.substring(0, 10) : trimmed)
                        .atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            } catch (DateTimeParseException notADate) {
                throw malformed(request);
            }
        }
    }

    /** S3 names a rule sent without an ID with a random one. */
    private static String generatedRuleId() {
        byte[] bytes = new byte[36];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code <PublicAccessBlockConfiguration>}: an element left out is false. */
    static PublicAccessBlock publicAccessBlock(S3Request request) {
        XmlBody configuration = XmlBody.parse(request.body(), "PublicAccessBlockConfiguration", request.resource());
        return new PublicAccessBlock(bool(configuration, "BlockPublicAcls", request),
                bool(configuration, "IgnorePublicAcls", request), bool(configuration, "BlockPublicPolicy", request),
                bool(configuration, "RestrictPublicBuckets", request));
    }

    /** {@code <OwnershipControls><Rule><ObjectOwnership>…}: exactly one rule. */
    static ObjectOwnership ownership(S3Request request) {
        XmlBody controls = XmlBody.parse(request.body(), "OwnershipControls", request.resource());
        List<XmlBody> rules = controls.children("Rule");
        if (rules.size() != 1) {
            throw malformed(request);
        }
        ObjectOwnership ownership = ObjectOwnership.parse(rules.get(0).text("ObjectOwnership").map(String::trim).orElse(""));
        if (ownership == null) {
            throw malformed(request);
        }
        return ownership;
    }

    /** The default encryption algorithm of {@code <ServerSideEncryptionConfiguration>}. */
    record Encryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled) {
    }

    static Encryption encryption(S3Request request) {
        XmlBody configuration = XmlBody.parse(request.body(), "ServerSideEncryptionConfiguration", request.resource());
        List<XmlBody> rules = configuration.children("Rule");
        if (rules.size() != 1) {
            throw malformed(request);
        }
        XmlBody byDefault = rules.get(0).child("ApplyServerSideEncryptionByDefault").orElseThrow(() -> malformed(request));
        String algorithm = byDefault.text("SSEAlgorithm").map(String::trim).orElseThrow(() -> malformed(request));
        return new Encryption(algorithm, byDefault.text("KMSMasterKeyID").orElse(null),
                bool(rules.get(0), "BucketKeyEnabled", request));
    }

    /** Whether a configuration body has any element below its root (an empty one configures nothing). */
    static boolean configuresAnything(S3Request request, String root) {
        return XmlBody.parse(request.body(), root, request.resource()).hasChildElements();
    }

    /** {@code <RequestPaymentConfiguration><Payer>BucketOwner|Requester</Payer>}. */
    static String payer(S3Request request) {
        XmlBody configuration = XmlBody.parse(request.body(), "RequestPaymentConfiguration", request.resource());
        String payer = configuration.text("Payer").map(String::trim).orElse("");
        if (!payer.equals("BucketOwner") && !payer.equals("Requester")) {
            throw malformed(request);
        }
        return payer;
    }

    /** {@code <AccessControlPolicy>}: whether it grants anything beyond the owner's FULL_CONTROL, and to the public. */
    static AccessControlLists.Grants accessControlPolicy(S3Request request, String ownerId) {
        XmlBody policy = XmlBody.parse(request.body(), "AccessControlPolicy", request.resource());
        boolean ownerOnly = true;
        boolean publicGrant = false;
        for (XmlBody list : policy.children("AccessControlList")) {
            for (XmlBody grant : list.children("Grant")) {
                XmlBody grantee = grant.child("Grantee").orElseThrow(() -> malformed(request));
                String uri = grantee.text("URI").map(String::trim).orElse("");
                String id = grantee.text("ID").map(String::trim).orElse("");
                String permission = grant.text("Permission").map(String::trim).orElse("");
                publicGrant |= uri.equals(AccessControlLists.ALL_USERS) || uri.equals(AccessControlLists.AUTHENTICATED_USERS);
                ownerOnly &= id.equals(ownerId) && permission.equals("FULL_CONTROL");
            }
        }
        return new AccessControlLists.Grants(ownerOnly, publicGrant);
    }

    private static List<String> texts(XmlBody parent, String name) {
        return parent.children(name).stream().map(child -> child.ownText().trim()).toList();
    }

    private static Optional<Integer> integer(XmlBody parent, String name, S3Request request) {
        return parent.text(name).map(text -> {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw malformed(request);
            }
        });
    }

    private static Long longValue(XmlBody parent, String name, S3Request request) {
        return parent.text(name).map(text -> {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw malformed(request);
            }
        }).orElse(null);
    }

    private static boolean bool(XmlBody parent, String name, S3Request request) {
        return parent.text(name).map(text -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(request);
        }).orElse(false);
    }

    private static ServiceException malformed(S3Request request) {
        return S3Errors.malformedXml(request.resource());
    }
}
