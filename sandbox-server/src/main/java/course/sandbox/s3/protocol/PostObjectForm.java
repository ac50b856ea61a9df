package course.sandbox.s3.protocol;

import course.sandbox.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's form upload (POST Object): the fields of a multipart/form-data body in order,
 * and the file, which is the last field S3 reads (fields after it are ignored). Field names are
 * case-insensitive.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */
record PostObjectForm(Map<String, String> fields, Map<String, String> originalNames, byte[] file, String fileName,
                      String fileContentType) {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[;\\s]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
    }

    static PostObjectForm parse(S3Request request) {
        String contentType = request.header("Content-Type").orElse("");
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !boundaryMatch.find()) {
            throw new ServiceException(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
                    .detail("Condition", "Bucket POST must be of the enclosure-type multipart/form-data")
                    .resource(request.resource());
        }
        String boundaryText = boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2);
        byte[] delimiter = ("--" + boundaryText).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = request.body();
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        int position = indexOf(body, delimiter, 0);
        while (position >= 0) {
            int partStart = position + delimiter.length;
            if (partStart + 1 < body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                break;
            }
            partStart = skipLineBreak(body, partStart);
            int headersEnd = indexOf(body, CRLF_CRLF, partStart);
            int next = indexOf(body, ("\r\n" + "--" + boundaryText).getBytes(StandardCharsets.ISO_8859_1), partStart);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw malformedPost(request);
            }
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(body, headersEnd + CRLF_CRLF.length, next);
            String disposition = header(headers, "content-disposition");
            Matcher name = NAME.matcher(disposition);
            if (!name.find()) {
                throw malformedPost(request);
            }
            if (name.group(1).equalsIgnoreCase("file")) {
                Matcher fileName = FILENAME.matcher(disposition);
                String type = header(headers, "content-type");
                return new PostObjectForm(fields, names, content, fileName.find() ? fileName.group(1) : "",
                        type.isEmpty() ? null : type);
            }
            String key = name.group(1).toLowerCase(Locale.ROOT);
            fields.put(key, new String(content, StandardCharsets.UTF_8));
            names.put(key, name.group(1));
            position = next + 2;
        }
        throw new ServiceException(400, "InvalidArgument", "POST requires exactly one file upload per request.")
                .detail("ArgumentName", "file").detail("ArgumentValue", "0")
                .resource(request.resource());
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static int skipLineBreak(byte[] body, int at) {
        return at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n' ? at + 2 : at;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ServiceException malformedPost(S3Request request) {
        return new ServiceException(400, "MalformedPOSTRequest",
                "The body of your POST request is not well-formed multipart/form-data.")
                .resource(request.resource());
    }
}
