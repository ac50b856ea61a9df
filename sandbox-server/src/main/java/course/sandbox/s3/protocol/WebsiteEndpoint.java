package course.sandbox.s3.protocol;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.RestXmlCodec;
import course.sandbox.protocol.Xml;
import course.sandbox.s3.ObjectContent;
import course.sandbox.s3.ObjectInfo;
import course.sandbox.s3.ReadConditions;
import course.sandbox.s3.S3Errors;
import course.sandbox.s3.S3Store;
import course.sandbox.s3.WebsiteConfiguration;
import course.sandbox.service.Authorization;
import course.sandbox.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bucket's website endpoint: anonymous GET and HEAD of pages, an index document for the root
 * and for every "folder", redirects (all requests, routing rules, an object's
 * x-amz-website-redirect-location), and errors as HTML pages or the bucket's error document.
 * Each page is authorized as GetObject of its key; a missing page is a 404 only for whoever may
 * list the bucket, else a 403, as on AWS.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/IndexDocumentSupport.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/CustomErrorDocSupport.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html
 */
final class WebsiteEndpoint {
    private static final List<String> STORED_HEADERS = List.of("Cache-Control", "Content-Disposition", "Content-Encoding",
            "Content-Language", "Expires");
    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 403, "Forbidden", 404, "Not Found",
            405, "Method Not Allowed", 412, "Precondition Failed", 416, "Requested Range Not Satisfiable",
            500, "Internal Server Error", 501, "Not Implemented");

    private final S3Store store;
    private final S3Permissions permissions;

    WebsiteEndpoint(S3Store store, S3Permissions permissions) {
        this.store = store;
        this.permissions = permissions;
    }

    SandboxResponse serve(S3Request request, Authorization authorization) {
        String bucket = request.bucket();
        WebsiteConfiguration website = store.configuration(bucket).website();
        if (website == null) {
            throw S3Errors.error("NoSuchWebsiteConfiguration", 404,
                    "The specified bucket does not have a website configuration", "/" + bucket).detail("BucketName", bucket);
        }
        String path = request.key() == null ? "" : request.key();
        String host = request.header("Host").orElse(bucket);
        if (website.redirectAll() != null) {
            String protocol = website.redirectAll().protocol() == null ? "http" : website.redirectAll().protocol();
            return redirect(301, protocol + "://" + website.redirectAll().hostName() + "/" + path);
        }
        Optional<WebsiteConfiguration.RoutingRule> byKey = website.ruleBeforeLookup(path);
        if (byKey.isPresent()) {
            return redirect(byKey.get(), path, host);
        }
        String key = path.isEmpty() || path.endsWith("/") ? path + website.indexSuffix() : path;
        ServiceException failure;
        if (!authorization.allows(permissions.toRead(request, key))) {
            failure = accessDenied(bucket, key);
        } else {
            try {
                return page(request, key, 200);
            } catch (ServiceException error) {
                if (!error.code().equals("NoSuchKey")) {
                    throw error;
                }
                String folderIndex = path + "/" + website.indexSuffix();
                if (!path.isEmpty() && !path.endsWith("/") && authorization.allows(permissions.toRead(request, folderIndex))
                        && exists(bucket, folderIndex)) {
                    // A "folder" asked without its slash: S3 sends the browser to the folder's index.
                    return redirect(302, "/" + SigV4.uriEncode(path, false) + "/");
                }
                failure = authorization.allows(permissions.toList(request)) ? error : accessDenied(bucket, key);
            }
        }
        Optional<WebsiteConfiguration.RoutingRule> byError = website.ruleForError(path, failure.status());
        if (byError.isPresent()) {
            return redirect(byError.get(), path, host);
        }
        if (website.errorKey() == null) {
            throw failure;
        }
        ServiceException documentFailure;
        if (!authorization.allows(permissions.toRead(request, website.errorKey()))) {
            documentFailure = accessDenied(bucket, website.errorKey());
        } else {
            try {
                return page(request, website.errorKey(), failure.status());
            } catch (ServiceException error) {
                documentFailure = error;
            }
        }
        return errorPage(failure, request, documentFailure);
    }

    /** An object as a page, with the status given (the error's, for an error document). */
    private SandboxResponse page(S3Request request, String key, int status) {
        boolean head = request.method().equals("HEAD");
        ReadConditions conditions = status != 200 ? ReadConditions.NONE : new ReadConditions(request.header("If-Match").orElse(null),
                request.header("If-None-Match").orElse(null),
                request.header("If-Modified-Since").flatMap(HttpDates::parse).orElse(null),
                request.header("If-Unmodified-Since").flatMap(HttpDates::parse).orElse(null));
        ObjectContent content = head ? store.headObject(request.bucket(), key, null, null, conditions)
                : store.getObject(request.bucket(), key, null, null, conditions);
        ObjectInfo info = content.info();
        String redirect = info.headers().get("x-amz-website-redirect-location");
        if (redirect != null && status == 200) {
            return redirect(301, redirect);
        }
        Headers headers = new Headers()
                .add("Content-Type", info.contentType())
                .add("Content-Length", String.valueOf(info.size()))
                .add("ETag", info.etag())
                .add("Last-Modified", HttpDates.format(info.lastModified()));
        for (String name : STORED_HEADERS) {
            String value = info.headers().get(name);
            if (value != null) {
                headers.add(name, value);
            }
        }
        info.userMetadata().forEach((name, value) -> headers.add("x-amz-meta-" + name, value));
        return new SandboxResponse(status, headers, content.body());
    }

    private boolean exists(String bucket, String key) {
        try {
            store.headObject(bucket, key, null, null, ReadConditions.NONE);
            return true;
        } catch (ServiceException missing) {
            return false;
        }
    }

    private static SandboxResponse redirect(WebsiteConfiguration.RoutingRule rule, String key, String host) {
        WebsiteConfiguration.Redirect redirect = rule.redirect();
        return redirect(redirect.status(), redirect.location(key, rule.condition(), "http", host));
    }

    private static SandboxResponse redirect(int status, String location) {
        return new SandboxResponse(status, new Headers().add("Location", location), new byte[0]);
    }

    private static ServiceException accessDenied(String bucket, String key) {
        return S3Errors.error("AccessDenied", 403, "Access Denied", "/" + bucket + "/" + key);
    }

    /**
     * The HTML page the website endpoint answers an error with: status, code, message and details
     * as a list; when the bucket's error document could not be served either, why, below it.
     */
    static SandboxResponse errorPage(ServiceException error, S3Request request, ServiceException documentFailure) {
        String requestId = request.service().requestId();
        String status = error.status() + " " + REASONS.getOrDefault(error.status(), "Error");
        StringBuilder html = new StringBuilder()
                .append("<html>\n<head><title>").append(status).append("</title></head>\n<body>\n<h1>").append(status)
                .append("</h1>\n<ul>\n");
        item(html, "Code", error.code());
        item(html, "Message", error.getMessage());
        error.details().forEach((name, value) -> item(html, name, value));
        item(html, "RequestId", requestId);
        item(html, "HostId", RestXmlCodec.hostId(requestId));
        html.append("</ul>\n");
        if (documentFailure != null) {
            html.append("<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n<ul>\n");
            item(html, "Code", documentFailure.code());
            item(html, "Message", documentFailure.getMessage());
            documentFailure.details().forEach((name, value) -> item(html, name, value));
            html.append("</ul>\n");
        }
        html.append("<hr/>\n</body>\n</html>\n");
        Headers headers = new Headers();
        for (String name : error.headers().lowerCaseNames()) {
            error.headers().all(name).forEach(value -> headers.add(name, value));
        }
        if (error.status() == 304) {
            return new SandboxResponse(304, headers, new byte[0]);
        }
        headers.add("Content-Type", "text/html; charset=utf-8");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        return new SandboxResponse(error.status(), headers, request.method().equals("HEAD") ? new byte[0] : body);
    }

    private static void item(StringBuilder html, String name, String value) {
        html.append("<li>").append(Xml.escape(name)).append(": ").append(Xml.escape(value)).append("</li>\n");
    }
}
